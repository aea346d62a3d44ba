import { describe, expect, it } from 'vitest';
import { appBaseUrl, cleanCallbackUrl, redirectUri } from './appUrls.ts';

function fakeWindow(href: string) {
  const replaced: string[] = [];
  const location = { href, origin: new URL(href).origin } as Location;
  const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
  return { location, history, replaced };
}

describe('app URLs', () => {
  it('derive the redirect URI from the page origin', () => {
    const base = appBaseUrl({ origin: 'http://localhost:3000' });
    expect(base).toBe('http://localhost:3000/');
    expect(redirectUri(base)).toBe('http://localhost:3000/signin-callback');
  });
});

describe('cleanCallbackUrl', () => {
  it('removes code, state and iss and the callback path from the address bar', () => {
    const w = fakeWindow('http://localhost:3000/signin-callback?code=abc&state=def&iss=http%3A%2F%2F127.0.0.1%3A3001');
    cleanCallbackUrl(w.location, w.history);
    expect(w.replaced).toEqual(['http://localhost:3000/']);
  });

  it('removes an error answer too', () => {
    const w = fakeWindow('http://localhost:3000/signin-callback?error=invalid_scope&error_description=x&state=s');
    cleanCallbackUrl(w.location, w.history);
    expect(w.replaced).toEqual(['http://localhost:3000/']);
  });

  it('keeps other parameters elsewhere, and does nothing on a clean page', () => {
    const w = fakeWindow('http://localhost:3000/?state=s&config=abc');
    cleanCallbackUrl(w.location, w.history);
    expect(w.replaced).toEqual(['http://localhost:3000/?config=abc']);
    const clean = fakeWindow('http://localhost:3000/');
    cleanCallbackUrl(clean.location, clean.history);
    expect(clean.replaced).toEqual([]);
  });
});
