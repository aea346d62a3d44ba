import type { DecodedAccessToken } from './decodeAccessToken.ts';
import type { SignatureCheck } from './signatureCheck.ts';
import { audiences } from './tokenScopes.ts';
import { tokenTimes, type TokenTimes } from './tokenTimes.ts';

/** Where a token stands, worst first. */
export type Standing =
  | 'unreadable'
  | 'unsigned'
  | 'signature-invalid'
  | 'expired'
  | 'not-yet-valid'
  | 'opaque'
  | 'unverified'
  | 'usable';

/** One verdict on a token, that every view renders from, so no two views contradict each other. */
export interface TokenVerdict {
  standing: Standing;
  /** Whether an API may accept it, as far as this page can tell (a signature not yet checked counts). */
  usable: boolean;
  /** Why an API would refuse it, in a few words ("the token has expired"); undefined when usable. */
  refusal: string | undefined;
  times: TokenTimes | undefined;
  /** Things worth knowing that do not make the token unusable. */
  warnings: string[];
}

export interface VerdictInput {
  decoded: DecodedAccessToken;
  now: Date;
  /** The signature check, once it has run; undefined while not (yet) checked. */
  signature?: SignatureCheck;
  /** The token response's expiry, for a token the page cannot read. */
  responseExpiresAt?: Date;
}

/**
 * Decides a token's standing from its format, signature, `exp` and `nbf` (with
 * the clock-skew tolerance of tokenTimes, a minute), and audience. The one place that does.
 */
export function tokenVerdict({ decoded, now, signature, responseExpiresAt }: VerdictInput): TokenVerdict {
  if (decoded.kind === 'malformed') {
    return { standing: 'unreadable', usable: false, refusal: 'it is not a well-formed token', times: undefined, warnings: [] };
  }
  if (decoded.kind !== 'jwt') {
    const expired = responseExpiresAt !== undefined && responseExpiresAt.getTime() <= now.getTime();
    return expired
      ? { standing: 'expired', usable: false, refusal: 'the token has expired', times: undefined, warnings: [] }
      : { standing: 'opaque', usable: true, refusal: undefined, times: undefined, warnings: [] };
  }
  const times = tokenTimes(decoded.claims, now);
  const warnings: string[] = [];
  if (audiences(decoded.claims).length === 0) {
    warnings.push('The token names no audience ("aud"), so an API cannot tell it was meant for it.');
  }
  const verdict = (standing: Standing, refusal?: string): TokenVerdict => ({
    standing,
    usable: refusal === undefined,
    refusal,
    times,
    warnings,
  });
  if (signature?.status === 'unsigned') return verdict('unsigned', 'the token is not signed');
  if (signature?.status === 'invalid') return verdict('signature-invalid', 'its signature is invalid');
  if (times.state === 'expired') return verdict('expired', 'the token has expired');
  if (times.state === 'not-yet-valid') return verdict('not-yet-valid', 'the token is not valid yet');
  return verdict(signature?.status === 'valid' ? 'usable' : 'unverified');
}
