import { describe, expect, it } from 'vitest';
import {
  discoveryEndpoint,
  EVO_DISCOVERY_URL,
  hasAuthorizationResponse,
  isLoopbackHost,
  MemoryStorage,
  scopeClaim,
} from './catalogue.ts';

describe('the catalogue', () => {
  it('knows the loopback hosts, as URL.hostname and as bind addresses write them', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', '::1', 'LOCALHOST'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['127.0.0.2', 'localhost.example', '0.0.0.0', ''])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('writes the Discovery address once', () => {
    expect(discoveryEndpoint(`${EVO_DISCOVERY_URL}/`)).toBe(
      'https://discover.api.seequent.com/evo/identity/v2/discovery?service=evo',
    );
  });

  it('reads the scope claim in every form issuers use', () => {
    expect(scopeClaim({ scope: ['a', 'b', 'a'] })).toEqual({ scopes: ['a', 'b'], form: 'array' });
    expect(scopeClaim({ scope: 'a  b' })).toEqual({ scopes: ['a', 'b'], form: 'string' });
    expect(scopeClaim({ scp: ['a'] })).toEqual({ scopes: ['a'], form: 'scp-array' });
    expect(scopeClaim({ scp: 'a b' })).toEqual({ scopes: ['a', 'b'], form: 'scp-string' });
    expect(scopeClaim({ scope: 7, scp: 'x' })).toEqual({ scopes: ['x'], form: 'scp-string' });
    expect(scopeClaim({})).toEqual({ scopes: [], form: 'none' });
  });

  it('tells an authorization response in a query string', () => {
    expect(hasAuthorizationResponse('?code=c&state=s')).toBe(true);
    expect(hasAuthorizationResponse('?error=access_denied')).toBe(true);
    expect(hasAuthorizationResponse(new URLSearchParams('state=s'))).toBe(true);
    expect(hasAuthorizationResponse('?settings=x')).toBe(false);
  });

  it('keeps a Storage in memory', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', 'v');
    expect([storage.getItem('k'), storage.length, storage.key(0), storage.getItem('none')]).toEqual([
      'v',
      1,
      'k',
      null,
    ]);
    storage.removeItem('k');
    expect(storage.length).toBe(0);
  });
});
