import { UserManager } from 'oidc-client-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../config/catalogue.ts';
import { clearExchanges, exchanges } from '../http/index.ts';
import { LIBRARY_SERVICES, routeLibraryThroughDoor } from './libraryRequests.ts';

const AUTHORITY = 'https://ims.example';

function manager(): UserManager {
  vi.stubGlobal('localStorage', new MemoryStorage());
  vi.stubGlobal('sessionStorage', new MemoryStorage());
  return new UserManager({
    authority: AUTHORITY,
    client_id: 'spa',
    redirect_uri: 'http://localhost:3000/signin-callback',
    automaticSilentRenew: false,
    monitorSession: false,
    metadata: { issuer: AUTHORITY, token_endpoint: `${AUTHORITY}/token`, jwks_uri: `${AUTHORITY}/jwks` },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearExchanges();
});

describe("oidc-client-ts's private fetch seam (checked against oidc-client-ts 3.5.0)", () => {
  it('is where this version keeps it: fails at once when an update renames or moves a JSON service', () => {
    expect(routeLibraryThroughDoor(manager())).toEqual([]);
    expect(LIBRARY_SERVICES).toHaveLength(3);
  });

  it("sends the library's own requests through the door, recorded", async () => {
    const fetch = vi.fn(() => Promise.resolve(Response.json({ keys: [] })));
    const created = manager();
    vi.stubGlobal('fetch', fetch);
    routeLibraryThroughDoor(created);
    await created.metadataService.getSigningKeys();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(exchanges().map((entry) => [entry.source, entry.url])).toEqual([['oidc', `${AUTHORITY}/jwks`]]);
  });
});
