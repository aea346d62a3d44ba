import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkSignature } from './signatureCheck.ts';

const ISSUER = 'https://ims.example';
const { privateKey, publicKey } = await generateKeyPair('RS256');
const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
const keys = () => createLocalJWKSet({ keys: [jwk] });
const metadata: typeof fetch = () =>
  Promise.resolve(
    new Response(JSON.stringify({ jwks_uri: `${ISSUER}/.well-known/openid-configuration/jwks` }), { status: 200 }),
  );

const sign = (claims: Record<string, unknown>, kid = 'key-1') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(ISSUER).sign(privateKey);

describe('checkSignature', () => {
  it('finds the key set from the issuer and says which key signed a valid token', async () => {
    const check = await checkSignature(await sign({ scope: ['evo.discovery'] }), ISSUER, { fetcher: metadata, keys });
    expect(check).toEqual({
      status: 'valid',
      kid: 'key-1',
      alg: 'RS256',
      jwksUri: `${ISSUER}/.well-known/openid-configuration/jwks`,
    });
  });

  it('still calls an expired token’s signature valid (expiry is reported separately)', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setExpirationTime(1000)
      .sign(privateKey);
    expect((await checkSignature(expired, ISSUER, { fetcher: metadata, keys })).status).toBe('valid');
  });

  it('calls a tampered token invalid', async () => {
    const [header, , signature] = (await sign({ scope: ['evo.discovery'] })).split('.');
    const forgedClaims = btoa(JSON.stringify({ iss: ISSUER, scope: ['evo.discovery', 'evo.object'] }))
      .replace(/=+$/, '')
      .replaceAll('+', '-')
      .replaceAll('/', '_');
    const check = await checkSignature(`${header}.${forgedClaims}.${signature}`, ISSUER, { fetcher: metadata, keys });
    expect(check.status).toBe('invalid');
    expect((check as { reason?: string }).reason).toMatch(/altered/);
  });

  it('calls a token signed by a key the issuer does not publish invalid', async () => {
    const check = await checkSignature(await sign({}, 'someone-else'), ISSUER, { fetcher: metadata, keys });
    expect(check).toMatchObject({ status: 'invalid', kid: 'someone-else' });
  });

  it('refuses to bless an unsigned token', async () => {
    const check = await checkSignature(new UnsecuredJWT({ iss: ISSUER }).encode(), ISSUER, { fetcher: metadata, keys });
    expect(check.status).toBe('unsigned');
  });

  it('says it could not check when the issuer cannot be reached or there is no issuer', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const unreachable = await checkSignature(await sign({}), ISSUER, { fetcher: offline, keys });
    expect(unreachable).toMatchObject({
      status: 'unchecked',
      kid: 'key-1',
      why: `the issuer's metadata at ${ISSUER}/.well-known/openid-configuration did not answer`,
    });
    expect((unreachable as { reason?: string }).reason).toMatch(/CORS/);
    expect((await checkSignature(await sign({}), undefined, { fetcher: metadata, keys })).status).toBe('unchecked');
  });

  it('says the keys did not answer when the key set cannot be fetched: never "valid" for a wrong key', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
      .setIssuer(ISSUER)
      .sign(other.privateKey);
    const noKeys = () => () => Promise.reject(new TypeError('Failed to fetch'));
    const check = await checkSignature(forged, ISSUER, { fetcher: metadata, keys: noKeys });
    expect(check).toMatchObject({
      status: 'unchecked',
      why: `the keys at ${ISSUER}/.well-known/openid-configuration/jwks did not answer`,
    });
  });

  it('refuses HMAC and unknown algorithms without fetching a key: a public client has no shared secret', async () => {
    let fetched = 0;
    const counting: typeof fetch = (...args) => {
      fetched += 1;
      return metadata(...args);
    };
    const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).sign(new Uint8Array(32));
    expect(await checkSignature(hs, ISSUER, { fetcher: counting, keys })).toMatchObject({
      status: 'refused-algorithm',
      alg: 'HS256',
      refusal: 'signed with HS256, a shared-secret algorithm IMS does not use: Evo would refuse it',
    });
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const odd = `${part({ alg: 'XYZ' })}.${part({ iss: ISSUER })}.c2ln`;
    expect((await checkSignature(odd, ISSUER, { fetcher: counting, keys })).status).toBe('refused-algorithm');
    const noAlg = `${part({ kid: 'key-1' })}.${part({ iss: ISSUER })}.c2ln`;
    expect((await checkSignature(noAlg, ISSUER, { fetcher: counting, keys })).status).toBe('refused-algorithm');
    expect(fetched).toBe(0);
  });
});
