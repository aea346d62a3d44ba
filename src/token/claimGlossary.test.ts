import { describe, expect, it } from 'vitest';
import { claimMeaning, orderClaims } from './claimGlossary.ts';

describe('orderClaims', () => {
  it('puts what the token is first, then times, then who, then unknown claims in their order', () => {
    const ordered = orderClaims({ zeta: 1, email: 2, exp: 3, iss: 4, alpha: 5, scope: 6 }).map(([name]) => name);
    expect(ordered).toEqual(['iss', 'scope', 'exp', 'email', 'zeta', 'alpha']);
  });
});

describe('claimMeaning', () => {
  it('explains known claims and says so for unknown ones', () => {
    expect(claimMeaning('aud')).toMatch(/Audience/);
    expect(claimMeaning('x_custom')).toMatch(/Not a claim this app knows/);
  });
});
