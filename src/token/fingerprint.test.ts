import { describe, expect, it } from 'vitest';
import { tokenFingerprint } from './fingerprint.ts';

describe('tokenFingerprint', () => {
  it('tells tokens that differ in one character apart, and is stable', () => {
    expect(tokenFingerprint('a.b.c')).toBe(tokenFingerprint('a.b.c'));
    expect(tokenFingerprint('a.b.c')).not.toBe(tokenFingerprint('a.b.d'));
    expect(tokenFingerprint('a.b.c')).toMatch(/^[0-9a-f]{16}$/);
  });
});
