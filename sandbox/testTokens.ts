import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { EVO_AUDIENCE } from './ims/tokenShape.ts';

/**
 * For tests: an access token shaped as the IMS twin issues them (RS256, `typ: at+jwt`, the array
 * `aud`, a JSON-array `scope`), signed with `key`. `claims` (a `sub` and `scope` at least) win.
 */
export async function mintAccessToken(
  key: JWK,
  issuer: string,
  claims: JWTPayload & { sub: string },
  expiresIn: string | number = '1h',
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
    .setIssuer(issuer)
    .setAudience([EVO_AUDIENCE, `${issuer}/resources`])
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(key, 'RS256'));
}
