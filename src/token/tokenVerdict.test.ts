import { describe, expect, it } from 'vitest';
import type { DecodedAccessToken } from './decodeAccessToken.ts';
import type { SignatureCheck } from './signatureCheck.ts';
import { tokenVerdict } from './tokenVerdict.ts';

const now = new Date('2026-06-01T10:00:00Z');
const at = (offsetSeconds: number) => now.getTime() / 1000 + offsetSeconds;
const jwt = (claims: Record<string, unknown>): DecodedAccessToken => ({
  kind: 'jwt',
  header: { alg: 'RS256', kid: 'k' },
  claims: { aud: 'evo', ...claims },
});
const valid: SignatureCheck = { status: 'valid', kid: 'k', alg: 'RS256', jwksUri: 'https://i/jwks' };
const invalid: SignatureCheck = { status: 'invalid', kid: 'k', alg: 'RS256', jwksUri: 'https://i/jwks', reason: 'x' };

describe('tokenVerdict', () => {
  it('calls a token usable only with a valid signature inside its window', () => {
    expect(tokenVerdict({ decoded: jwt({ iat: at(-5), nbf: at(-5), exp: at(3600) }), now, signature: valid })).toMatchObject({
      standing: 'usable',
      usable: true,
    });
  });

  it('never calls a token with an invalid signature usable, whatever its times', () => {
    const verdict = tokenVerdict({ decoded: jwt({ exp: at(3600) }), now, signature: invalid });
    expect(verdict).toMatchObject({ standing: 'signature-invalid', usable: false });
    expect(verdict.refusal).toMatch(/signature/);
  });

  it('puts the worst first: an expired token with a bad signature is refused for the signature', () => {
    expect(tokenVerdict({ decoded: jwt({ exp: at(-10) }), now, signature: invalid }).standing).toBe('signature-invalid');
    expect(tokenVerdict({ decoded: jwt({ exp: at(-10) }), now, signature: valid }).standing).toBe('expired');
  });

  it('tolerates an nbf a few seconds ahead (a renewal just issued by a clock a little ahead)', () => {
    expect(tokenVerdict({ decoded: jwt({ iat: at(4), nbf: at(4), exp: at(3600) }), now, signature: valid }).standing).toBe(
      'usable',
    );
    expect(tokenVerdict({ decoded: jwt({ nbf: at(600), exp: at(3600) }), now, signature: valid }).standing).toBe(
      'not-yet-valid',
    );
  });

  it('says unverified, still usable, until the signature has been checked', () => {
    expect(tokenVerdict({ decoded: jwt({ exp: at(60) }), now })).toMatchObject({ standing: 'unverified', usable: true });
  });

  it('refuses what is not a token, and judges an opaque one by the response expiry', () => {
    expect(tokenVerdict({ decoded: { kind: 'malformed', explanation: '' }, now }).usable).toBe(false);
    const opaque: DecodedAccessToken = { kind: 'opaque', explanation: '' };
    expect(tokenVerdict({ decoded: opaque, now }).standing).toBe('opaque');
    expect(tokenVerdict({ decoded: opaque, now, responseExpiresAt: new Date(now.getTime() - 1) }).standing).toBe(
      'expired',
    );
  });

  it('warns about a token with no audience without refusing it', () => {
    const verdict = tokenVerdict({ decoded: { kind: 'jwt', header: { alg: 'RS256' }, claims: { exp: at(60) } }, now });
    expect(verdict.usable).toBe(true);
    expect(verdict.warnings.join(' ')).toMatch(/audience/);
  });
});
