import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeAccessToken } from './decodeAccessToken.ts';
import { audiences, tokenScopes } from './tokenScopes.ts';

const { privateKey } = await generateKeyPair('RS256');

function sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k1', ...header }).sign(privateKey);
}

describe('decodeAccessToken', () => {
  it('decodes an IMS-shaped token: array scope, array aud, header with kid', async () => {
    const token = await sign({
      iss: 'https://ims.bentley.com',
      aud: ['evo', 'https://ims.bentley.com/resources'],
      scope: ['evo.discovery', 'evo.workspace'],
      sub: 'abc',
      exp: 2_000_000_000,
    });
    const decoded = decodeAccessToken(token);
    expect(decoded.kind).toBe('jwt');
    if (decoded.kind !== 'jwt') return;
    expect(decoded.header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' });
    expect(tokenScopes(decoded.claims)).toEqual({ scopes: ['evo.discovery', 'evo.workspace'], form: 'array' });
    expect(audiences(decoded.claims)).toEqual(['evo', 'https://ims.bentley.com/resources']);
  });

  it('decodes an RFC 9068 token with a string scope and a string aud', async () => {
    const decoded = decodeAccessToken(await sign({ scope: 'evo.discovery  evo.file', aud: 'evo' }));
    if (decoded.kind !== 'jwt') throw new Error(`expected a JWT, got ${decoded.kind}`);
    expect(tokenScopes(decoded.claims)).toEqual({ scopes: ['evo.discovery', 'evo.file'], form: 'string' });
    expect(audiences(decoded.claims)).toEqual(['evo']);
  });

  it('reads scp when there is no scope claim', async () => {
    const decoded = decodeAccessToken(await sign({ scp: ['a', 'b'] }));
    if (decoded.kind !== 'jwt') throw new Error('expected a JWT');
    expect(tokenScopes(decoded.claims)).toEqual({ scopes: ['a', 'b'], form: 'scp-array' });
  });

  it('decodes an unsigned (alg: none) token without trusting it', () => {
    const decoded = decodeAccessToken(new UnsecuredJWT({ scope: 'x' }).encode());
    expect(decoded.kind).toBe('jwt');
    expect(decoded).toMatchObject({ header: { alg: 'none' } });
  });

  it('says an opaque token is not a JWT', () => {
    const decoded = decodeAccessToken('2YotnFZFEjr1zCsicMWpAA');
    expect(decoded.kind).toBe('opaque');
    expect((decoded as { explanation?: string }).explanation).toMatch(/opaque, not a JWT/);
  });

  it.each([
    ['a sentence', 'hello world, this is not a token'],
    ['JSON', '{"access_token": "x"}'],
    ['a token with a line break inside', 'abc\ndef'],
  ])('does not call %s an opaque token', (_name, text) => {
    const decoded = decodeAccessToken(text);
    expect(decoded.kind).toBe('malformed');
    expect((decoded as { explanation?: string }).explanation).toMatch(/not an access token/);
  });

  it('says an encrypted token cannot be read', () => {
    expect(decodeAccessToken('a.b.c.d.e').kind).toBe('encrypted');
  });

  it.each([
    ['an empty string', '', /empty/],
    ['a broken header', 'not-base64!.e30.sig', /header/],
    ['claims that are not JSON', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.sig', /claims/],
    ['claims that are a JSON array', 'eyJhbGciOiJSUzI1NiJ9.WzEsMl0.sig', /claims/],
  ])('explains %s instead of throwing', (_name, token, reason) => {
    const decoded = decodeAccessToken(token);
    expect(decoded.kind).toBe('malformed');
    expect((decoded as { explanation?: string }).explanation).toMatch(reason);
  });
});
