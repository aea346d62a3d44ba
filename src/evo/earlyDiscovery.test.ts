import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearerCredential } from '../http/index.ts';
import { tokenFingerprint } from '../token/fingerprint.ts';
import { arrivedDiscovery, forgetEarlyDiscovery, startDiscoveryEarly, takeEarlyDiscovery } from './earlyDiscovery.ts';

const URL_ = 'https://discover.example';
const TOKEN = 'header.payload.signature';

afterEach(() => {
  vi.unstubAllGlobals();
  forgetEarlyDiscovery();
});

function answer(status: number, body: string) {
  const fetch = vi.fn(() => Promise.resolve(new Response(body, { status })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('early Discovery', () => {
  it('asks once per token, and hands an arrived 200 body to the first render, once used', async () => {
    const fetch = answer(200, '{"discovery":{}}');
    startDiscoveryEarly(bearerCredential(TOKEN, URL_), tokenFingerprint(TOKEN));
    startDiscoveryEarly(bearerCredential(TOKEN, URL_), tokenFingerprint(TOKEN)); // StrictMode's second start: no second call
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual([`${URL_}/evo/identity/v2/discovery?service=evo`, expect.anything()]);
    await vi.waitFor(() => expect(arrivedDiscovery(tokenFingerprint(TOKEN), URL_)).toBeDefined());
    const arrived = arrivedDiscovery(tokenFingerprint(TOKEN), URL_)!;
    expect(arrived.body).toEqual({ discovery: {} });
    arrived.use();
    expect(arrivedDiscovery(tokenFingerprint(TOKEN), URL_)).toBeUndefined();
    expect(takeEarlyDiscovery(tokenFingerprint(TOKEN), URL_)).toBeUndefined();
  });

  it('leaves a failed answer to the query, which takes the same response once', async () => {
    answer(503, '{"title":"down"}');
    startDiscoveryEarly(bearerCredential(TOKEN, URL_), tokenFingerprint(TOKEN));
    const started = takeEarlyDiscovery(tokenFingerprint(TOKEN), URL_);
    expect(started).toBeDefined();
    const exchange = await started!;
    expect('response' in exchange && exchange.response.status).toBe(503);
    expect(arrivedDiscovery(tokenFingerprint(TOKEN), URL_)).toBeUndefined();
    expect(takeEarlyDiscovery(tokenFingerprint(TOKEN), URL_)).toBeUndefined();
  });

  it('gives nothing to another token or another Discovery URL', () => {
    answer(200, '{}');
    startDiscoveryEarly(bearerCredential(TOKEN, URL_), tokenFingerprint(TOKEN));
    expect(takeEarlyDiscovery(tokenFingerprint('other.token.here'), URL_)).toBeUndefined();
    expect(takeEarlyDiscovery(tokenFingerprint(TOKEN), 'https://elsewhere.example')).toBeUndefined();
  });
});
