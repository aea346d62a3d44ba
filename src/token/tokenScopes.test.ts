import { describe, expect, it } from 'vitest';
import { audiences, compareScopes, tokenScopes } from './tokenScopes.ts';

describe('tokenScopes', () => {
  it('prefers scope over scp and drops duplicates and non-strings', () => {
    expect(tokenScopes({ scope: ['a', 'a', 3, 'b'], scp: 'c' })).toEqual({ scopes: ['a', 'b'], form: 'array' });
  });
  it('reads a scp string', () => {
    expect(tokenScopes({ scp: 'x y' })).toEqual({ scopes: ['x', 'y'], form: 'scp-string' });
  });
  it('reports no scopes when the token has none', () => {
    expect(tokenScopes({ sub: 'a' })).toEqual({ scopes: [], form: 'none' });
  });
});

describe('audiences', () => {
  it('is empty for a missing or odd aud', () => {
    expect(audiences({})).toEqual([]);
    expect(audiences({ aud: 42 })).toEqual([]);
  });
});

describe('compareScopes', () => {
  it('shows which requested scopes were not granted and which came unasked', () => {
    expect(
      compareScopes(['evo.discovery', 'evo.workspace', 'evo.object'], ['evo.workspace', 'evo.discovery', 'evo.audit']),
    ).toEqual({
      granted: ['evo.discovery', 'evo.workspace'],
      notGranted: ['evo.object'],
      unrequested: ['evo.audit'],
    });
  });
});
