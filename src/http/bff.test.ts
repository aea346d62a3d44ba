import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  allowHubs,
  bffCredential,
  bffEvoUrl,
  clearExchanges,
  exchanges,
  forgetBearers,
  sendWithBearer,
} from './index.ts';

const PAGE = 'http://localhost:3000';
const DISCOVERY = 'http://127.0.0.1:3002';

function answer(response: () => Response) {
  const fetch = vi.fn((_input: string | URL, _init?: RequestInit) => Promise.resolve(response()));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

beforeEach(() => {
  vi.stubGlobal('location', new URL(`${PAGE}/`));
});

afterEach(() => {
  vi.unstubAllGlobals();
  forgetBearers();
  clearExchanges();
});

describe('a Web app (BFF) credential: the same calls, to /bff/evo on this origin, with no token', () => {
  it('maps an Evo address under the page base URL, scheme, host, port, path and query kept', () => {
    expect(bffEvoUrl('https://hub.example/workspace/orgs/o1/workspaces?limit=5', 'http://localhost:4180/lab/')).toBe(
      'http://localhost:4180/lab/bff/evo/https/hub.example/workspace/orgs/o1/workspaces?limit=5',
    );
    expect(bffEvoUrl(`${DISCOVERY}/evo/identity/v2/discovery?service=evo`)).toBe(
      `${PAGE}/bff/evo/http/127.0.0.1:3002/evo/identity/v2/discovery?service=evo`,
    );
  });

  it('sends to the mapped same-origin URL with the cookie and the CSRF header, no Authorization, no redirect followed', async () => {
    const fetch = answer(() => new Response('{}', { status: 200 }));
    const credential = bffCredential(DISCOVERY, 'ada 2026-12-06T04:00:00Z');
    const result = await sendWithBearer(credential, `${DISCOVERY}/evo/identity/v2/discovery?service=evo`);
    expect('response' in result).toBe(true);
    const [input, init] = fetch.mock.calls[0]!;
    expect(String(input)).toBe(`${PAGE}/bff/evo/http/127.0.0.1:3002/evo/identity/v2/discovery?service=evo`);
    const headers = new Headers(init?.headers);
    expect(headers.get('authorization')).toBeNull();
    expect(headers.get('x-evo-bff')).toBe('1');
    expect(init).toMatchObject({ redirect: 'manual', credentials: 'same-origin', referrerPolicy: 'no-referrer' });
    // The exchange log shows the browser's own call: to /bff/evo, no bearer.
    const [entry] = exchanges();
    expect(entry?.url).toContain('/bff/evo/http/127.0.0.1:3002/');
    expect(JSON.stringify(entry?.requestHeaders)).not.toMatch(/authorization/i);
  });

  it('refuses, without a request, a bad address or a host Discovery did not name, as for a token', async () => {
    const fetch = answer(() => new Response('{}'));
    const credential = bffCredential(DISCOVERY, 'ada 2026-12-06T04:00:00Z');
    for (const bad of [
      'http://127.0.0.1:3001/connect/userinfo',
      `http://user@127.0.0.1:3002/evo/identity/v2/discovery`,
      `${DISCOVERY}/evo/%2e%2e/admin`,
      'https://hub.example/workspace',
      'not a url',
    ]) {
      expect(await sendWithBearer(credential, bad)).toMatchObject({ failure: 'refused-host' });
    }
    expect(fetch).not.toHaveBeenCalled();
    // A hub Discovery named for this session is let through, to the BFF.
    allowHubs(credential, ['https://hub.example']);
    expect('response' in (await sendWithBearer(credential, 'https://hub.example/workspace'))).toBe(true);
    expect(String(fetch.mock.calls[0]![0])).toBe(`${PAGE}/bff/evo/https/hub.example/workspace`);
  });

  it('keeps hubs per session: another BFF session does not inherit them', async () => {
    answer(() => new Response('{}'));
    allowHubs(bffCredential(DISCOVERY, 'ada one'), ['https://hub.example']);
    const other = bffCredential(DISCOVERY, 'bob two');
    expect(await sendWithBearer(other, 'https://hub.example/workspace')).toMatchObject({ failure: 'refused-host' });
  });
});
