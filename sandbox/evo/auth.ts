import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { scopeClaim } from '../../src/config/catalogue.ts';
import { EVO_AUDIENCE } from '../ims/tokenShape.ts';
import { IMS_ROUTES } from '../ims/provider.ts';

/** Why a request is refused, as the twin answers it (RFC 6750 and RFC 7807). */
export class AccessDenied extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly error: 'invalid_request' | 'invalid_token' | 'insufficient_scope',
    readonly detail: string,
    readonly scope?: string,
  ) {
    super(detail);
  }
}

/** Scopes from a token payload: IMS's JSON array, RFC 9068's string, or `scp`. */
export function scopesOf(payload: JWTPayload): Set<string> {
  return new Set(scopeClaim(payload).scopes);
}

/** Verifies bearer tokens against the IMS twin's published keys, as Evo's APIs do against IMS. */
export function tokenVerifier(issuer: string) {
  const jwks = createRemoteJWKSet(new URL(IMS_ROUTES.jwks, issuer), { cooldownDuration: 1_000 });

  return async function verify(authorization: string | undefined, requiredScope: string): Promise<JWTPayload> {
    // The scheme name is case-insensitive (RFC 9110 section 11.1): `bearer` works as `Bearer` does.
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? '');
    if (!match) {
      throw new AccessDenied(401, 'invalid_request', 'The request has no bearer token in its Authorization header.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, jwks, {
        issuer,
        audience: EVO_AUDIENCE,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
        // RFC 9068: an access token says it is one, so an ID token or another JWT is not taken for it.
        typ: 'at+jwt',
      }));
    } catch (error) {
      throw new AccessDenied(401, 'invalid_token', describeJoseError(error, match[1]!));
    }
    if (!scopesOf(payload).has(requiredScope)) {
      throw new AccessDenied(
        403,
        'insufficient_scope',
        `The access token was not granted the ${requiredScope} scope this API needs.`,
        requiredScope,
      );
    }
    return payload;
  };
}

/** A reason in words that never repeats the token. */
function describeJoseError(error: unknown, token: string): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'typ') {
    let typ: unknown;
    try {
      typ = decodeProtectedHeader(token).typ;
    } catch {
      typ = undefined;
    }
    const said = typeof typ === 'string' ? `"${typ.slice(0, 40).replace(/[^\w+./-]/g, '?')}"` : 'nothing';
    return `The token's header says typ ${said}; Evo takes only access tokens of type at+jwt (RFC 9068), so an ID token or another kind of JWT is refused.`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The access token's "${error.claim}" claim is not acceptable here (${error.reason}).`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'The access token was signed by a key the identity provider does not publish.';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The access token is signed with an algorithm other than RS256.';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return 'The access token is not a well-formed signed JWT.';
  if (error instanceof errors.JOSEError) return `The access token could not be verified (${error.code}).`;
  return 'The access token could not be verified.';
}
