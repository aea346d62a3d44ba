import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  importJWK,
  importSPKI,
  importX509,
  type JWK,
  type JSONWebKeySet,
} from 'jose';
import { blockedByPolicy } from '../config/contentSecurity.ts';
import { ALGORITHMS, remoteKeySet } from '../token/signatureCheck.ts';

export type KeyKind = 'pem' | 'jwk' | 'jwks' | 'jwks-url';

export type KeyCheck =
  | { outcome: 'valid'; kind: KeyKind; detail: string }
  | { outcome: 'invalid'; kind: KeyKind | undefined; detail: string };

/** What was pasted: a PEM public key or certificate, a JWK, a JWK Set, or the URL of one. */
export function keyKind(text: string): KeyKind | undefined {
  const trimmed = text.trim();
  if (/^-----BEGIN (PUBLIC KEY|CERTIFICATE)-----/.test(trimmed)) return 'pem';
  if (/^https?:\/\//i.test(trimmed)) return 'jwks-url';
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      if (Array.isArray(json.keys)) return 'jwks';
      if (typeof json.kty === 'string') return 'jwk';
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const KIND_WORDS: Record<KeyKind, string> = {
  pem: 'the PEM key',
  jwk: 'the JWK',
  jwks: 'the JWK Set',
  'jwks-url': 'the key set at that URL',
};

/**
 * Checks a JWT's signature against a key the person pasted, for a token from any issuer. Says in
 * words what matched or why not; never echoes the token.
 */
export async function verifyWithKey(token: string, pasted: string): Promise<KeyCheck> {
  const kind = keyKind(pasted);
  if (!kind) {
    return {
      outcome: 'invalid',
      kind: undefined,
      detail:
        'That is not a key this page can read. Paste a PEM public key or certificate (-----BEGIN PUBLIC KEY-----), a JWK ({"kty": …}), a JWK Set ({"keys": […]}) or the https URL of a JWK Set.',
    };
  }
  let alg: string;
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    alg = String(header.alg);
    kid = header.kid;
  } catch {
    return { outcome: 'invalid', kind, detail: 'The token is not a JWS: it has no readable header.' };
  }
  // Asymmetric only, as for the issuer's own keys: a shared secret is not a published key.
  if (!ALGORITHMS.includes(alg)) {
    return {
      outcome: 'invalid',
      kind,
      detail: `The token's alg is "${alg}": only an asymmetric signature (RS, PS, ES, EdDSA) can be checked with a published key; "none" and shared-secret HMAC never are.`,
    };
  }
  const text = pasted.trim();
  try {
    const options = { algorithms: ALGORITHMS };
    let result;
    if (kind === 'pem') {
      const key = text.includes('CERTIFICATE') ? await importX509(text, alg) : await importSPKI(text, alg);
      result = await compactVerify(token, key, options);
    } else if (kind === 'jwk') {
      result = await compactVerify(token, await importJWK({ ...(JSON.parse(text) as JWK), alg }, alg), options);
    } else if (kind === 'jwks') {
      result = await compactVerify(token, createLocalJWKSet(JSON.parse(text) as JSONWebKeySet), options);
    } else {
      const blocked = blockedByPolicy(text);
      if (blocked) return { outcome: 'invalid', kind, detail: blocked };
      // The same cached, logged key set the issuer's own check uses.
      result = await compactVerify(token, remoteKeySet(new URL(text).href), options);
    }
    return {
      outcome: 'valid',
      kind,
      detail: `Signature valid: the token was signed (${result.protectedHeader.alg}${kid ? `, kid ${kid}` : ''}) with the private half of ${KIND_WORDS[kind]}.`,
    };
  } catch (error) {
    const code = error instanceof errors.JOSEError ? error.code : undefined;
    const detail =
      code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        ? `Signature invalid: ${KIND_WORDS[kind]} did not sign this token (or the token was changed after signing).`
        : code === 'ERR_JWKS_NO_MATCHING_KEY'
          ? `No key in ${KIND_WORDS[kind]} matches the token's header (alg ${alg}${kid ? `, kid ${kid}` : ''}).`
          : code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS'
            ? `Several keys in ${KIND_WORDS[kind]} match, and none verified the token.`
            : kind === 'jwks-url' && !(error instanceof errors.JOSEError)
              ? 'The key set could not be fetched (network, CORS, or not a JWK Set).'
              : `${KIND_WORDS[kind][0]!.toUpperCase()}${KIND_WORDS[kind].slice(1)} could not be used for ${alg}: ${error instanceof Error ? error.message : 'unknown error'}.`;
    return { outcome: 'invalid', kind, detail };
  }
}
