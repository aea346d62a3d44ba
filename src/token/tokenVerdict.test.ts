import { describe, expect, it } from 'vitest';
import type { DecodedAccessToken } from './decodeAccessToken.ts';
import type { SignatureCheck } from './signatureCheck.ts';
import { tokenVerdict } from './tokenVerdict.ts';

const now = new Date('2026-06-01T10:00:00Z');
const at = (offsetSeconds: number) => now.getTime() / 1000 + offsetSeconds;
const jwt = (claims: Record<string, unknown>): DecodedAccessToken => ({
  kind: 'jwt',
  header: { alg: 'RS256', kid: 'k' },
  claims: { iss: 'https://ims.example', aud: 'evo', ...claims },
});
/** The connection: the provider the person configured, and the audience its Evo expects. */
const expected = { issuer: 'https://ims.example', providerLabel: 'IMS', audience: 'evo' };
const valid: SignatureCheck = { status: 'valid', kid: 'k', alg: 'RS256', jwksUri: 'https://i/jwks' };
const invalid: SignatureCheck = { status: 'invalid', kid: 'k', alg: 'RS256', jwksUri: 'https://i/jwks', reason: 'x' };

describe('tokenVerdict', () => {
  it('calls a token usable only with a valid signature inside its window', () => {
    expect(
      tokenVerdict({ expected, decoded: jwt({ iat: at(-5), nbf: at(-5), exp: at(3600) }), now, signature: valid }),
    ).toMatchObject({
      standing: 'usable',
      usable: true,
    });
  });

  it('never calls a token with an invalid signature usable, whatever its times', () => {
    const verdict = tokenVerdict({ expected, decoded: jwt({ exp: at(3600) }), now, signature: invalid });
    expect(verdict).toMatchObject({ standing: 'signature-invalid', usable: false });
    expect(verdict.refusal).toMatch(/signature/);
  });

  it('puts the worst first: an expired token with a bad signature is refused for the signature', () => {
    expect(tokenVerdict({ expected, decoded: jwt({ exp: at(-10) }), now, signature: invalid }).standing).toBe(
      'signature-invalid',
    );
    expect(tokenVerdict({ expected, decoded: jwt({ exp: at(-10) }), now, signature: valid }).standing).toBe('expired');
  });

  it('tolerates an nbf a few seconds ahead (a renewal just issued by a clock a little ahead)', () => {
    expect(
      tokenVerdict({ expected, decoded: jwt({ iat: at(4), nbf: at(4), exp: at(3600) }), now, signature: valid })
        .standing,
    ).toBe('usable');
    expect(
      tokenVerdict({ expected, decoded: jwt({ nbf: at(600), exp: at(3600) }), now, signature: valid }).standing,
    ).toBe('not-yet-valid');
  });

  it('says unverified, still usable, until the signature has been checked', () => {
    expect(tokenVerdict({ expected, decoded: jwt({ exp: at(60) }), now })).toMatchObject({
      standing: 'unverified',
      usable: true,
    });
  });

  it('never calls a token usable whose algorithm IMS does not use, before or after the check (issue 25)', () => {
    const signedWith = (alg: string | undefined): DecodedAccessToken => ({
      kind: 'jwt',
      header: alg === undefined ? {} : { alg },
      claims: { iss: 'https://ims.example', aud: 'evo', exp: at(3600) },
    });
    // HS256 from the configured issuer, for the expected audience, in its window: still refused.
    const hs = tokenVerdict({ expected, decoded: signedWith('HS256'), now });
    expect(hs).toMatchObject({
      standing: 'refused-algorithm',
      usable: false,
      refusal: 'signed with HS256, a shared-secret algorithm IMS does not use: Evo would refuse it',
    });
    const afterCheck = tokenVerdict({
      expected,
      decoded: signedWith('HS256'),
      now,
      signature: { status: 'refused-algorithm', alg: 'HS256', reason: 'r', refusal: hs.refusal! },
    });
    expect(afterCheck).toMatchObject({ standing: 'refused-algorithm', usable: false });
    expect(tokenVerdict({ expected, decoded: signedWith('HS512'), now, signature: valid }).usable).toBe(false);
    expect(tokenVerdict({ expected, decoded: signedWith('XYZ'), now })).toMatchObject({
      standing: 'refused-algorithm',
      refusal: 'signed with "XYZ", an algorithm IMS does not use: Evo would refuse it',
    });
    expect(tokenVerdict({ expected, decoded: signedWith('none'), now })).toMatchObject({
      standing: 'unsigned',
      usable: false,
    });
    // No alg in the header (the BFF's claims-only verdict): not judged by the header.
    expect(tokenVerdict({ expected, decoded: signedWith(undefined), now }).standing).toBe('unverified');
    expect(tokenVerdict({ expected, decoded: signedWith('ES256'), now }).standing).toBe('unverified');
  });

  it('does not call usable a token whose signature check ran and could not finish, and says why', () => {
    const unreachable: SignatureCheck = {
      status: 'unchecked',
      kid: 'k',
      reason: 'r',
      why: 'the keys at https://ims.example/jwks did not answer',
    };
    expect(tokenVerdict({ expected, decoded: jwt({ exp: at(3600) }), now, signature: unreachable })).toMatchObject({
      standing: 'unverifiable',
      usable: false,
      refusal: 'its signature could not be checked (the keys at https://ims.example/jwks did not answer)',
    });
    // Worst first: an expired token is refused for its expiry, not left "unverifiable".
    expect(tokenVerdict({ expected, decoded: jwt({ exp: at(-10) }), now, signature: unreachable }).standing).toBe(
      'expired',
    );
  });

  it('refuses what is not a token, and never calls one it cannot read usable', () => {
    expect(tokenVerdict({ expected, decoded: { kind: 'malformed', explanation: '' }, now }).usable).toBe(false);
    const opaque: DecodedAccessToken = { kind: 'opaque', explanation: '' };
    expect(tokenVerdict({ expected, decoded: opaque, now })).toMatchObject({
      standing: 'opaque',
      usable: false,
      refusal: 'not a JWT: IMS issues JWT access tokens, so this is probably not an IMS token',
    });
    expect(
      tokenVerdict({ expected, decoded: opaque, now, responseExpiresAt: new Date(now.getTime() - 1) }).standing,
    ).toBe('expired');
  });

  it('when the audience Evo expects is not known, warns (not refuses) and says it did not check aud', () => {
    const verdict = tokenVerdict({
      expected: { ...expected, audience: undefined },
      decoded: { kind: 'jwt', header: { alg: 'RS256' }, claims: { iss: 'https://ims.example', exp: at(60) } },
      now,
    });
    expect(verdict.usable).toBe(true);
    expect(verdict.warnings.join(' ')).toMatch(/names no audience/);
    expect(verdict.warnings.join(' ')).toMatch(/did not check "aud"/);
  });

  it('refuses a token validly signed by another issuer, naming it and the configured provider', () => {
    const verdict = tokenVerdict({
      expected,
      decoded: jwt({ iss: 'https://other.example', exp: at(3600) }),
      now,
      signature: valid,
    });
    expect(verdict).toMatchObject({
      standing: 'other-issuer',
      usable: false,
      refusal: 'signed by https://other.example, not by the provider you configured (IMS): Evo would refuse it',
    });
    expect(
      tokenVerdict({ expected, decoded: jwt({ iss: undefined, exp: at(3600) }), now, signature: valid }).usable,
    ).toBe(false);
    // A trailing slash is the same issuer.
    expect(
      tokenVerdict({ expected, decoded: jwt({ iss: 'https://ims.example/', exp: at(3600) }), now, signature: valid })
        .standing,
    ).toBe('usable');
  });

  it('refuses a token for another audience than the configured Evo expects, string or array', () => {
    for (const aud of ['https://ims.example/resources', ['other-api'], []]) {
      const verdict = tokenVerdict({ expected, decoded: jwt({ aud, exp: at(3600) }), now, signature: valid });
      expect(verdict).toMatchObject({ standing: 'other-audience', usable: false });
      expect(verdict.refusal).toMatch(
        /not for "evo", the audience the Evo you configured expects: Evo would refuse it/,
      );
    }
    expect(
      tokenVerdict({
        expected,
        decoded: jwt({ aud: ['evo', 'https://ims.example/resources'], exp: at(3600) }),
        now,
        signature: valid,
      }).standing,
    ).toBe('usable');
  });
});
