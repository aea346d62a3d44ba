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

/** An issuer URL without its trailing slashes, as settings keep an authority. */
function bare(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * OpenID Connect Discovery §4.3: the `issuer` in a provider's metadata must be the URL its
 * metadata was asked at (the authority). A provider that names another issuer is refused: its
 * tokens would carry an `iss` this page did not choose, and a mix-up would go unseen.
 */
export class ProviderIssuerError extends Error {
  override readonly name = 'ProviderIssuerError';
  constructor(
    readonly authority: string,
    readonly issuer: string,
  ) {
    super(`The provider at ${authority} names its issuer ${issuer}`);
  }
}

/** Throws {@link ProviderIssuerError} unless `metadata.issuer` is the authority (trailing slashes aside). */
export function checkMetadataIssuer(authority: string, metadata: Partial<OidcMetadata>): void {
  const issuer = typeof metadata.issuer === 'string' ? metadata.issuer : '';
  if (bare(issuer) !== bare(authority)) throw new ProviderIssuerError(authority, issuer);
}
