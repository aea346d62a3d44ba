import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { claimMeaning, headerMeaning, orderClaims } from './claimGlossary.ts';
import { decodeAccessToken, stringClaim } from './decodeAccessToken.ts';
import { TokenClaims } from './TokenClaims.tsx';
import { grantedScopes } from './tokenScopes.ts';
import { tokenVerdict } from './tokenVerdict.ts';

/** Names that are properties of every plain object, and so trip a lookup on one. */
const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'propertyIsEnumerable',
  'toLocaleString',
];

/** Values of every JSON shape, and sizes a page must survive. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(100_000),
  [],
  [1, 'a', null],
  ['same', 'same'],
  { nested: { deeper: { deepest: [{}] } } },
  { __proto__: { polluted: true } },
  Array.from({ length: 2000 }, (_, i) => i),
];

const base64url = (text: string) => {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};
const encode = (value: unknown) => base64url(JSON.stringify(value));
/** A JWT whose JSON is written by hand, so `__proto__` lands as a real key, as JSON.parse makes it. */
const jwtOf = (headerJson: string, claimsJson: string) => `${base64url(headerJson)}.${base64url(claimsJson)}.c2ln`;

/** A tiny deterministic generator, so a failure names the case that failed. */
function* cases(): Generator<[string, string]> {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (const name of [...HOSTILE_NAMES, 'exp', 'iat', 'nbf', 'scope', 'aud', 'name', 'sub']) {
    for (let i = 0; i < 4; i++) {
      const value = HOSTILE_VALUES[next() % HOSTILE_VALUES.length];
      yield [name, JSON.stringify(value)];
    }
  }
}

describe('hostile claim names and shapes', () => {
  it('find no meaning for names that are Object.prototype properties', () => {
    for (const name of HOSTILE_NAMES) {
      expect(typeof claimMeaning(name)).toBe('string');
      expect(claimMeaning(name)).toMatch(/Not a claim this app knows/);
      expect(headerMeaning(name)).toMatch(/does not know/);
      expect(stringClaim({}, name)).toBeUndefined();
    }
  });

  it.each([...cases()])('a claim %s = %s renders like any other, and the verdict holds', (name, valueJson) => {
    const token = jwtOf(
      `{"alg":"RS256","${name}":${valueJson}}`,
      `{"iss":"https://issuer.example","exp":${Math.floor(Date.now() / 1000) + 60},"${name}":${valueJson}}`,
    );
    const decoded = decodeAccessToken(token);
    expect(decoded.kind).toBe('jwt');
    if (decoded.kind !== 'jwt') return;
    expect(orderClaims(decoded.claims).map(([claim]) => claim)).toContain(name);
    const html = renderToString(<TokenClaims decoded={decoded} />);
    expect(html).toContain(`<code>${name}</code>`);
    expect(() => grantedScopes(decoded.claims, [], false)).not.toThrow();
    expect(() =>
      tokenVerdict({
        decoded,
        now: new Date(),
        expected: { issuer: 'https://issuer.example', providerLabel: 'IMS', audience: 'evo' },
      }),
    ).not.toThrow();
  });

  it('shows a huge value shortened, not whole', () => {
    const decoded = decodeAccessToken(jwtOf('{"alg":"RS256"}', `{"blob":${JSON.stringify('y'.repeat(50_000))}}`));
    if (decoded.kind !== 'jwt') throw new Error('not decoded');
    const html = renderToString(<TokenClaims decoded={decoded} />);
    expect(html).toContain('characters in all');
    expect(html.length).toBeLessThan(20_000);
  });

  it('leaves Object.prototype alone', () => {
    decodeAccessToken(jwtOf('{"alg":"RS256"}', '{"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(encode({ ok: 1 })).toBeTypeOf('string');
  });
});
