import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bearerCredential,
  forgetBearers,
  allowHubs,
  clearExchanges,
  doorFetch,
  exchanges,
  sendWithBearer,
} from './index.ts';

const DISCOVERY = 'https://discover.example';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkb29yIn0.c2lnbmF0dXJlLWRvb3I';

function answer(response: () => Response) {
  const fetch = vi.fn((_input: string | URL, _init?: RequestInit) => Promise.resolve(response()));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  forgetBearers();
  clearExchanges();
});

describe('the door attaches the bearer only where the host policy allows', () => {
  it('sends it under the Discovery URL, with no cookies, no referrer, and redirects not followed', async () => {
    const fetch = answer(() => new Response('{}', { status: 200 }));
    const result = await sendWithBearer(bearerCredential(TOKEN, DISCOVERY), `${DISCOVERY}/evo/identity/v2/discovery`);
    expect('response' in result).toBe(true);
    const [, init] = fetch.mock.calls[0]!;
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(init).toMatchObject({ redirect: 'manual', credentials: 'omit', referrerPolicy: 'no-referrer' });
  });

  it('sends nothing to another host, nor to a hub before Discovery named it', async () => {
    const fetch = answer(() => new Response('{}'));
    const credential = bearerCredential(TOKEN, DISCOVERY);
    const elsewhere = await sendWithBearer(credential, 'https://evil.example/steal');
    const hub = await sendWithBearer(credential, 'https://hub.example/workspace');
    expect(fetch).not.toHaveBeenCalled();
    expect(elsewhere).toMatchObject({ failure: 'refused-host' });
    expect(hub).toMatchObject({ failure: 'refused-host' });
    allowHubs(credential, ['https://hub.example']);
    expect('response' in (await sendWithBearer(credential, 'https://hub.example/workspace'))).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    // The refusals are in the log too, and the log holds no token in them.
    expect(exchanges().filter((entry) => entry.failure?.includes('not sent'))).toHaveLength(2);
  });
});

describe('no bearer after a redirect', () => {
  it('a 307 is reported, not followed: one request, and the page is told where Evo pointed', async () => {
    const fetch = answer(
      () => new Response(null, { status: 307, headers: { Location: '/elsewhere/evo/identity/v2/discovery' } }),
    );
    const result = await sendWithBearer(bearerCredential(TOKEN, DISCOVERY), `${DISCOVERY}/evo/identity/v2/discovery`);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ redirect: 'manual' });
    expect(result).toMatchObject({
      failure: 'redirected',
      error: `Evo answered with a redirect to ${DISCOVERY}/elsewhere/evo/identity/v2/discovery; the token is not sent there.`,
    });
    expect(exchanges()[0]?.failure).toContain('the token is not sent there');
  });

  it("a browser's opaque redirect (no Location to read) names the address asked", async () => {
    answer(() => {
      const opaque = new Response(null, { status: 200 });
      Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
      return opaque;
    });
    const asked = `${DISCOVERY}/evo/identity/v2/discovery?service=evo`;
    const result = await sendWithBearer(bearerCredential(TOKEN, DISCOVERY), asked);
    expect(result).toMatchObject({ failure: 'redirected' });
    expect('error' in result && result.error).toContain(`Evo answered ${asked} with a redirect`);
    expect('error' in result && result.error).toContain('the token is not sent there');
  });
});

describe('calls without a bearer', () => {
  it('are recorded; one with a body (a code, a refresh token) is not followed across a redirect', async () => {
    const fetch = answer(() => new Response('{}'));
    await doorFetch('oidc', 'https://ims.example/.well-known/openid-configuration', { method: 'GET' });
    await doorFetch('oidc', 'https://ims.example/token', { method: 'POST', body: 'grant_type=refresh_token' });
    expect(fetch.mock.calls[0]![1]?.redirect).toBeUndefined();
    expect(fetch.mock.calls[1]![1]?.redirect).toBe('manual');
    expect(exchanges().map((entry) => entry.url)).toEqual([
      'https://ims.example/.well-known/openid-configuration',
      'https://ims.example/token',
    ]);
  });
});
