import {
  compactVerify,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  type JWTVerifyGetKey,
} from 'jose';
import { doorFetch } from '../http/index.ts';

/** The outcome of checking a JWT's signature against its issuer's published keys. */
export type SignatureCheck =
  | { status: 'valid'; kid: string | undefined; alg: string; jwksUri: string }
  | { status: 'invalid'; kid: string | undefined; alg: string; jwksUri: string; reason: string }
  | { status: 'unsigned'; reason: string }
  | { status: 'unchecked'; kid?: string; reason: string };

/** Algorithms an access token may be signed with; never `none`, never HMAC (a public client has no secret). */
export const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * One remote key set per address for the life of the page: jose caches the keys and shares a
 * fetch in flight, so checking again (or twice at once, as StrictMode does) fetches them once.
 */
const remoteKeySets = new Map<string, JWTVerifyGetKey>();
export function remoteKeySet(jwksUri: string): JWTVerifyGetKey {
  let keys = remoteKeySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), {
      // jose's own fetch seam: the key fetch goes through the door, recorded.
      [customFetch]: (url, init) => doorFetch('signature', url, init),
    });
    remoteKeySets.set(jwksUri, keys);
  }
  return keys;
}

/** Where an issuer publishes its keys: `jwks_uri` of its OpenID metadata. */
export async function findJwksUri(
  issuer: string,
  fetcher: (url: string, init: RequestInit) => Promise<Response> = (url, init) => doorFetch('signature', url, init),
): Promise<string> {
  const response = await fetcher(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
    credentials: 'omit',
  });
  if (!response.ok) throw new Error(`the issuer's metadata answered ${response.status}`);
  const metadata = (await response.json()) as { jwks_uri?: unknown };
  if (typeof metadata.jwks_uri !== 'string') throw new Error("the issuer's metadata names no jwks_uri");
  return metadata.jwks_uri;
}

/**
 * Checks a JWT's signature with jose against the key set its issuer publishes (found from the
 * `iss` claim). Only the signature is checked here: expiry and audience are shown elsewhere, and
 * a valid signature on an expired token is still a valid signature.
 */
export async function checkSignature(
  token: string,
  issuer: string | undefined,
  options: {
    fetcher?: typeof fetch;
    keys?: (jwksUri: string) => JWTVerifyGetKey;
    /** The issuer's `jwks_uri` when already known (the app's own provider), saving a metadata fetch. */
    knownJwksUri?: (issuer: string) => Promise<string | undefined>;
  } = {},
): Promise<SignatureCheck> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { status: 'unchecked', reason: 'The token has no readable JWS header.' };
  }
  const { kid, alg } = header;
  if (alg === 'none') {
    return {
      status: 'unsigned',
      reason:
        'The header says alg "none": the token is not signed at all, so anyone could have written it. No API may accept it.',
    };
  }
  if (typeof alg !== 'string' || !ALGORITHMS.includes(alg)) {
    return {
      status: 'unchecked',
      kid,
      reason: `The token is signed with "${String(alg)}", which is not an algorithm an access token from IMS uses.`,
    };
  }
  if (!issuer)
    return {
      status: 'unchecked',
      kid,
      reason: 'The token has no "iss" claim, so there is no issuer to fetch keys from.',
    };

  let jwksUri: string;
  try {
    jwksUri =
      (await options.knownJwksUri?.(issuer).catch(() => undefined)) ?? (await findJwksUri(issuer, options.fetcher));
  } catch (error) {
    const detail = error instanceof Error && !(error instanceof TypeError) ? ` (${error.message})` : '';
    return {
      status: 'unchecked',
      kid,
      reason: `The browser could not read ${issuer}/.well-known/openid-configuration${detail}: the issuer is unreachable, or does not allow this page to read it (CORS).`,
    };
  }
  const keys = options.keys ? options.keys(jwksUri) : remoteKeySet(jwksUri);
  try {
    await compactVerify(token, keys, { algorithms: ALGORITHMS });
    return { status: 'valid', kid, alg, jwksUri };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return {
        status: 'invalid',
        kid,
        alg,
        jwksUri,
        reason: 'The signature does not match the header and claims: the token was altered, or signed by someone else.',
      };
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return {
        status: 'invalid',
        kid,
        alg,
        jwksUri,
        reason: `The issuer publishes no key${kid ? ` with kid "${kid}"` : ''} for ${alg}: the token was not signed by this issuer, or by a key it has since retired.`,
      };
    }
    if (error instanceof errors.JWKSMultipleMatchingKeys) {
      return {
        status: 'invalid',
        kid,
        alg,
        jwksUri,
        reason: "No key in the issuer's key set verifies this signature.",
      };
    }
    return {
      status: 'unchecked',
      kid,
      reason: `The key set at ${jwksUri} could not be fetched or used (${error instanceof errors.JOSEError ? error.code : 'network or CORS'}).`,
    };
  }
}
