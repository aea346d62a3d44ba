import { describe, expect, it } from 'vitest';
import { tokenTimes } from './tokenTimes.ts';

const now = new Date('2026-06-01T10:00:00Z');
const at = (offsetSeconds: number) => now.getTime() / 1000 + offsetSeconds;

describe('tokenTimes', () => {
  it('is valid inside its window', () => {
    expect(tokenTimes({ iat: at(-60), nbf: at(-60), exp: at(3540) }, now)).toMatchObject({
      state: 'valid',
      clockSkewSeconds: undefined,
    });
  });
  it('is expired at and after exp', () => {
    expect(tokenTimes({ exp: at(0) }, now).state).toBe('expired');
    expect(tokenTimes({ exp: at(-5) }, now).state).toBe('expired');
  });
  it('is not yet valid before nbf, and flags a clock that is minutes off', () => {
    expect(tokenTimes({ iat: at(300), nbf: at(300), exp: at(3900) }, now)).toMatchObject({
      state: 'not-yet-valid',
      clockSkewSeconds: 300,
    });
  });
  it('tolerates a few seconds of skew without a warning', () => {
    expect(tokenTimes({ iat: at(20), exp: at(3600) }, now).clockSkewSeconds).toBeUndefined();
  });
  it('counts a token whose nbf is up to a minute ahead as valid (an issuer clock a little ahead)', () => {
    expect(tokenTimes({ iat: at(5), nbf: at(5), exp: at(3600) }, now).state).toBe('valid');
    expect(tokenTimes({ iat: at(60), nbf: at(60), exp: at(3600) }, now).state).toBe('valid');
    expect(tokenTimes({ iat: at(61), nbf: at(61), exp: at(3600) }, now).state).toBe('not-yet-valid');
  });
  it('says when a token has no expiry at all', () => {
    expect(tokenTimes({ sub: 'x' }, now).state).toBe('no-expiry');
  });
});
