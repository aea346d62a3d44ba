import type { OidcMetadata } from 'oidc-client-ts';
import type { IssuerCheck } from './sessionEvents.ts';

/**
 * RFC 9207 §2.4: when an authorization response carries `iss`, it must equal the issuer of the
 * provider this sign-in was sent to; when the provider's metadata says it always sends `iss`
 * (`authorization_response_iss_parameter_supported`), a response without it is refused too. This
 * stops a mix-up attack: a code from another provider, played into this sign-in.
 */
export function checkIssuer(params: URLSearchParams, metadata: Partial<OidcMetadata>): IssuerCheck {
  const expected = typeof metadata.issuer === 'string' ? metadata.issuer : '';
  const iss = params.get('iss');
  if (iss !== null) return iss === expected ? { outcome: 'matched', iss } : { outcome: 'mismatch', iss, expected };
  const promised = (metadata as Record<string, unknown>).authorization_response_iss_parameter_supported === true;
  return promised ? { outcome: 'missing', expected } : { outcome: 'not-sent' };
}

/** An authorization response refused before any token request, for the reason in `check`. */
export class IssuerMismatchError extends Error {
  readonly check: Extract<IssuerCheck, { outcome: 'mismatch' | 'missing' }>;
  constructor(check: Extract<IssuerCheck, { outcome: 'mismatch' | 'missing' }>) {
    super('The authorization response names another issuer');
    this.name = 'IssuerMismatchError';
    this.check = check;
  }
}

export function isRefused(check: IssuerCheck): check is Extract<IssuerCheck, { outcome: 'mismatch' | 'missing' }> {
  return check.outcome === 'mismatch' || check.outcome === 'missing';
}
