import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, extraOrigins } from '../../scripts/csp.ts';
import { connectAllowed, connectSources } from './contentSecurity.ts';

const PAGE = 'http://localhost:3000/';

describe('connectSources', () => {
  it('reads connect-src, or default-src when there is none', () => {
    expect(connectSources("default-src 'self'; connect-src 'self' https://a.example")).toEqual([
      "'self'",
      'https://a.example',
    ]);
    expect(connectSources("default-src 'self'; img-src data:")).toEqual(["'self'"]);
    expect(connectSources('img-src data:')).toBeUndefined();
  });
});

describe('connectAllowed', () => {
  const built = connectSources(contentSecurityPolicy({}))!;
  const dev = connectSources(
    contentSecurityPolicy({}, { dev: { hmrOrigin: 'ws://localhost:3000', inlineScriptHashes: [] } }),
  )!;

  it('lets a built copy call IMS, Discovery, Evo hubs and the sandbox, and nothing else', () => {
    expect(connectAllowed('https://ims.bentley.com/.well-known/openid-configuration', built, PAGE)).toBe(true);
    expect(connectAllowed('https://350mt.api.seequent.com/workspace/v1', built, PAGE)).toBe(true);
    expect(connectAllowed('http://127.0.0.1:3001/connect/token', built, PAGE)).toBe(true);
    expect(connectAllowed('http://localhost:3000/x', built, PAGE)).toBe(true);
    expect(connectAllowed('https://login.example.com/', built, PAGE)).toBe(false);
    expect(connectAllowed('http://127.0.0.1:3011/', built, PAGE)).toBe(false);
    expect(connectAllowed('https://api.seequent.com.evil.example/', built, PAGE)).toBe(false);
  });

  it('lets development call any https or loopback origin, and no plain-http remote one', () => {
    expect(connectAllowed('https://login.example.com/', dev, PAGE)).toBe(true);
    expect(connectAllowed('http://127.0.0.1:3011/', dev, PAGE)).toBe(true);
    // CSP cannot list an IPv6 literal (Chromium rejects the source): [::1] is not in the policy.
    expect(connectAllowed('http://[::1]:4000/', dev, PAGE)).toBe(false);
    expect(connectAllowed('http://login.example.com/', dev, PAGE)).toBe(false);
  });

  it('matches ports, wildcard hosts, paths and schemes as CSP does', () => {
    expect(connectAllowed('https://a.example.com/', ['https://*.example.com'], PAGE)).toBe(true);
    expect(connectAllowed('https://example.com/', ['https://*.example.com'], PAGE)).toBe(false);
    expect(connectAllowed('https://a.example:8443/', ['https://a.example'], PAGE)).toBe(false);
    expect(connectAllowed('https://a.example:8443/', ['https://a.example:*'], PAGE)).toBe(true);
    expect(connectAllowed('https://a.example/', ['a.example'], PAGE)).toBe(true);
    expect(connectAllowed('https://a.example/api/x', ['https://a.example/api/'], PAGE)).toBe(true);
    expect(connectAllowed('https://a.example/other', ['https://a.example/api/'], PAGE)).toBe(false);
    expect(connectAllowed('https://a.example/', ["'none'"], PAGE)).toBe(false);
    expect(connectAllowed('https://a.example/', undefined, PAGE)).toBe(true);
  });
});

describe('VITE_ALLOWED_ORIGINS', () => {
  it('adds https and loopback origins to a built copy', () => {
    const sources = connectSources(
      contentSecurityPolicy({ VITE_ALLOWED_ORIGINS: 'https://login.example.com, http://127.0.0.1:3011/' }),
    );
    expect(connectAllowed('https://login.example.com/x', sources, PAGE)).toBe(true);
    expect(connectAllowed('http://127.0.0.1:3011/x', sources, PAGE)).toBe(true);
  });

  it('stops the build on anything that is not such an origin', () => {
    expect(() => extraOrigins('http://login.example.com')).toThrow(/not an https origin/);
    expect(() => extraOrigins('https://login.example.com/path')).toThrow(/"https:\/\/login.example.com\/path"/);
    expect(() => extraOrigins("'unsafe-inline'")).toThrow();
    expect(() => extraOrigins('http://[::1]:3011')).toThrow(/IPv6 .* Use http:\/\/127\.0\.0\.1/);
    expect(extraOrigins(' https://*.Example.com  ')).toEqual(['https://*.example.com']);
  });

  it('writes only source expressions a browser accepts (no IPv6 literal, which Chromium rejects)', () => {
    const policies = [
      contentSecurityPolicy({}, { dev: { hmrOrigin: 'ws://localhost:3000', inlineScriptHashes: ['sha256-x'] } }),
      contentSecurityPolicy({ VITE_ALLOWED_ORIGINS: 'http://127.0.0.1:3011 https://*.example.net' }, { header: true }),
    ];
    // CSP Level 3 §2.3.1 host-source: scheme://host[:port], host a name or *.-wildcard, no brackets.
    const valid =
      /^(?:'[a-z0-9+/=-]+'|[a-z][a-z0-9+.-]*:|\*|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9.*-]+(?::(?:\d+|\*))?)$/i;
    const sources = policies.flatMap((policy) =>
      policy.split(';').flatMap((directive) => directive.trim().split(/\s+/).slice(1)),
    );
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.filter((source) => !valid.test(source))).toEqual([]);
  });
});
