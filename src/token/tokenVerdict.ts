import { algorithmRefusal } from './algorithms.ts';
import type { DecodedAccessToken } from './decodeAccessToken.ts';
import type { SignatureCheck } from './signatureCheck.ts';
import { audiences } from './tokenScopes.ts';
import { tokenTimes, type TokenTimes } from './tokenTimes.ts';

/** Where a token stands, worst first. */
export type Standing =
  | 'unreadable'
  | 'unsigned'
  | 'signature-invalid'
  | 'refused-algorithm'
  | 'other-issuer'
  | 'other-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'opaque'
  | 'unverifiable'
  | 'unverified'
  | 'usable';

/** One verdict on a token, that every view renders from, so no two views contradict each other. */
export interface TokenVerdict {
  standing: Standing;
  /**
   * Whether an API may accept it, as far as this page can tell. A signature not checked yet
   * counts ('unverified'); one whose check ran and could not finish does not ('unverifiable').
   */
  usable: boolean;
  /**
   * Why it is not usable, in a few words: why an API would refuse it ("the token has expired"), or
   * for 'unverifiable' why the page cannot vouch for it. Undefined when usable.
   */
  refusal: string | undefined;
  times: TokenTimes | undefined;
  /** Things worth knowing that do not make the token unusable. */
  warnings: string[];
}

/**
 * The connection a token is judged against: the provider that should have signed it, and the
 * audience the configured Evo expects. A token that fits another connection is not usable here.
 */
export interface ExpectedConnection {
  /** The configured provider's issuer (its authority). */
  issuer: string;
  /** How the page names that provider, e.g. "IMS" or "the local sandbox". */
  providerLabel: string;
  /** The `aud` the configured Evo expects; undefined when it is not known (then said, not checked). */
  audience: string | undefined;
}

/** How the verdict names a token it cannot read as a JWT (issue 29: never "opaque" as if fine). */
export const NOT_A_JWT = 'not a JWT: IMS issues JWT access tokens, so this is probably not an IMS token';

/** An issuer without a trailing slash, so `https://a/` and `https://a` are the same provider. */
export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export interface VerdictInput {
  decoded: DecodedAccessToken;
  now: Date;
  /** What the configured connection expects of a token (issuer, audience). */
  expected: ExpectedConnection;
  /** The signature check, once it has run; undefined while not (yet) checked. */
  signature?: SignatureCheck;
  /** The token response's expiry, for a token the page cannot read. */
  responseExpiresAt?: Date;
}

/**
 * Decides a token's standing from its format, signature, issuer and audience against the
 * configured connection, `exp` and `nbf` (with the clock-skew tolerance of tokenTimes, a minute).
 * The one place that does; a pure function of its inputs.
 */
export function tokenVerdict({ decoded, now, expected, signature, responseExpiresAt }: VerdictInput): TokenVerdict {
  if (decoded.kind === 'malformed') {
    return {
      standing: 'unreadable',
      usable: false,
      refusal: 'it is not a well-formed token',
      times: undefined,
      warnings: [],
    };
  }
  if (decoded.kind !== 'jwt') {
    const expired = responseExpiresAt !== undefined && responseExpiresAt.getTime() <= now.getTime();
    return expired
      ? { standing: 'expired', usable: false, refusal: 'the token has expired', times: undefined, warnings: [] }
      : // The page cannot check it: never called usable, and the reason is a plain one.
        { standing: 'opaque', usable: false, refusal: NOT_A_JWT, times: undefined, warnings: [] };
  }
  const times = tokenTimes(decoded.claims, now);
  const warnings: string[] = [];
  const aud = audiences(decoded.claims);
  if (aud.length === 0 && expected.audience === undefined) {
    warnings.push('The token names no audience ("aud"), so an API cannot tell it was meant for it.');
  }
  if (expected.audience === undefined) {
    warnings.push(
      `Which audience Evo expects in a token from ${expected.providerLabel} is not published, so this page did not check "aud" (set VITE_EVO_AUDIENCE to check it).`,
    );
  }
  const issuer = typeof decoded.claims.iss === 'string' ? decoded.claims.iss : undefined;
  const verdict = (standing: Standing, refusal?: string): TokenVerdict => ({
    standing,
    usable: refusal === undefined,
    refusal,
    times,
    warnings,
  });
  // The header alone rules some tokens out, before any key is fetched. A header without `alg`
  // (the BFF's verdict, from claims only) is judged by the signature check, which says so.
  const alg = decoded.header.alg;
  if (alg === 'none' || signature?.status === 'unsigned') {
    return verdict('unsigned', 'the token is not signed (alg "none"), so anyone could have written it');
  }
  if (signature?.status === 'invalid') return verdict('signature-invalid', 'its signature is invalid');
  if (signature?.status === 'refused-algorithm') return verdict('refused-algorithm', signature.refusal);
  const algRefusal = alg === undefined ? undefined : algorithmRefusal(alg);
  if (algRefusal !== undefined) return verdict('refused-algorithm', algRefusal);
  if (issuer === undefined || !sameIssuer(issuer, expected.issuer)) {
    return verdict(
      'other-issuer',
      `${issuer ? `signed by ${issuer}` : 'it names no issuer ("iss")'}, not by the provider you configured (${expected.providerLabel}): Evo would refuse it`,
    );
  }
  if (expected.audience !== undefined && !aud.includes(expected.audience)) {
    return verdict(
      'other-audience',
      `it is meant for ${aud.length > 0 ? aud.map((a) => `"${a}"`).join(', ') : 'no audience'}, not for "${expected.audience}", the audience the Evo you configured expects: Evo would refuse it`,
    );
  }
  if (times.state === 'expired') return verdict('expired', 'the token has expired');
  if (times.state === 'not-yet-valid') return verdict('not-yet-valid', 'the token is not valid yet');
  if (signature?.status === 'unchecked') {
    // The check ran and could not finish: the page cannot vouch for it, and does not call it usable.
    return verdict('unverifiable', `its signature could not be checked (${signature.why})`);
  }
  return verdict(signature?.status === 'valid' ? 'usable' : 'unverified');
}
