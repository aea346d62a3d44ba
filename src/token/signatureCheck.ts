import {
  compactVerify,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  type JWTVerifyGetKey,
} from 'jose';
import { doorFetch } from '../http/index.ts';
import { ALGORITHMS, algorithmRefusal } from './algorithms.ts';

export { ALGORITHMS } from './algorithms.ts';

/**
 * The outcome of checking a JWT's signature against its issuer's published keys. `unchecked`
 * means the check ran and could not finish (`why` completes "could not be checked (…)"); a token
 * whose algorithm IMS never uses is `refused-algorithm`, whatever keys could be fetched.
 */
export type SignatureCheck =
  | { status: 'valid'; kid: string | undefined; alg: string; jwksUri: string }
  | { status: 'invalid'; kid: string | undefined; alg: string; jwksUri: string; reason: string }
  | { status: 'unsigned'; reason: string }
  | { status: 'refused-algorithm'; kid?: string; alg: string; reason: string; refusal: string }
  | { status: 'unchecked'; kid?: string; reason: string; why: string };

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
    return {
      status: 'unchecked',
      reason: 'The token has no readable JWS header.',
      why: 'its header could not be read',
    };
  }
  const { kid, alg } = header;
  if (alg === 'none') {
    return {
      status: 'unsigned',
      reason:
        'The header says alg "none": the token is not signed at all, so anyone could have written it. No API may accept it.',
    };
  }
  const refusal = algorithmRefusal(alg);
  if (refusal !== undefined || typeof alg !== 'string') {
    const words = refusal ?? 'its algorithm is not one IMS uses: Evo would refuse it';
    return {
      status: 'refused-algorithm',
      kid,
      alg: typeof alg === 'string' ? alg : '(none named)',
      refusal: words,
      reason: `${words.charAt(0).toUpperCase()}${words.slice(1)}. No key was fetched: the algorithm alone rules it out.`,
    };
  }
  if (!issuer)
    return {
      status: 'unchecked',
      kid,
      reason: 'The token has no "iss" claim, so there is no issuer to fetch keys from.',
      why: 'it names no issuer to fetch keys from',
    };

  let jwksUri: string;
  try {
    jwksUri =
      (await options.knownJwksUri?.(issuer).catch(() => undefined)) ?? (await findJwksUri(issuer, options.fetcher));
  } catch (error) {
    const detail = error instanceof Error && !(error instanceof TypeError) ? ` (${error.message})` : '';
    const metadataUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    return {
      status: 'unchecked',
      kid,
      reason: `The browser could not read ${metadataUrl}${detail}: the issuer is unreachable, or does not allow this page to read it (CORS).`,
      why: `the issuer's metadata at ${metadataUrl} did not answer${detail}`,
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
    const code = error instanceof errors.JOSEError ? error.code : 'network or CORS';
    return {
      status: 'unchecked',
      kid,
      reason: `The key set at ${jwksUri} could not be fetched or used (${code}).`,
      why:
        error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)
          ? `the keys at ${jwksUri} did not answer`
          : `the keys at ${jwksUri} could not be used (${code})`,
    };
  }
}
