/**
 * The algorithms an access token from IMS may be signed with: asymmetric only. Never `none`, never
 * HMAC (HS256 and the like): a shared secret would let whoever holds it sign tokens, and a public
 * client has no secret anyway. Kept apart from signatureCheck.ts, so the verdict can judge a
 * token's header without loading jose's verification code.
 */
export const ALGORITHMS: string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/**
 * Why a token whose header names this `alg` is refused, in words ending ": Evo would refuse it";
 * undefined for an algorithm IMS uses. `none` is not judged here: it is "not signed".
 */
export function algorithmRefusal(alg: unknown): string | undefined {
  if (typeof alg === 'string' && ALGORITHMS.includes(alg)) return undefined;
  if (typeof alg !== 'string' || alg === '') {
    return 'its header names no signing algorithm ("alg"), so it is not a signed token: Evo would refuse it';
  }
  const shown = alg.length > 20 ? `${alg.slice(0, 20)}…` : alg;
  if (/^HS\d+$/i.test(alg)) {
    return `signed with ${shown}, a shared-secret algorithm IMS does not use: Evo would refuse it`;
  }
  return `signed with "${shown}", an algorithm IMS does not use: Evo would refuse it`;
}
