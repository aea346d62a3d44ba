import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

/** What the app could learn from an access token without verifying it. */
export type DecodedAccessToken =
  | { kind: 'jwt'; header: ProtectedHeaderParameters; claims: JWTPayload }
  | { kind: 'opaque'; explanation: string }
  | { kind: 'encrypted'; explanation: string }
  | { kind: 'malformed'; explanation: string };

/** RFC 6750 §2.1 `b64token`: the characters a bearer token may have. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Decodes an access token's header and claims with jose. Never throws: a token that is not a JWT
 * or is broken comes back as an explanation a person can read. Decoding is not verification.
 */
export function decodeAccessToken(token: string): DecodedAccessToken {
  const value = token.trim();
  if (value === '') return { kind: 'malformed', explanation: 'The token is empty.' };
  const parts = value.split('.');
  if (parts.length === 5) {
    return {
      kind: 'encrypted',
      explanation:
        'This is an encrypted JWT (JWE, five parts). Only the API it is meant for holds the key, so its claims cannot be shown here.',
    };
  }
  if (parts.length !== 3 && !B64TOKEN.test(value)) {
    return {
      kind: 'malformed',
      explanation:
        'This is not an access token: a bearer token is one run of letters, digits and - . _ ~ + / (RFC 6750 §2.1), and this text has other characters (spaces, quotes or line breaks, say). Paste only the token itself.',
    };
  }
  if (parts.length !== 3) {
    return {
      kind: 'opaque',
      explanation:
        'This access token is opaque, not a JWT: it is a reference that only its issuer can look up (by introspection). IMS issues JWTs, so an opaque token usually means another identity provider, or one set up to issue reference tokens.',
    };
  }
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(value);
  } catch {
    return {
      kind: 'malformed',
      explanation:
        'The token has three parts like a JWT, but its first part (the header) is not base64url-encoded JSON.',
    };
  }
  let claims: JWTPayload;
  try {
    claims = decodeJwt(value);
  } catch {
    return {
      kind: 'malformed',
      explanation:
        'The token has a readable header, but its second part (the claims) is not a base64url-encoded JSON object.',
    };
  }
  return { kind: 'jwt', header, claims };
}

/** A claim's value when it is a non-empty string, for the identity claims the page shows. */
export function stringClaim(claims: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = claims && Object.hasOwn(claims, name) ? claims[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
