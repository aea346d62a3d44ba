import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../config/catalogue.ts';
import { setSessionInMemoryOnly } from '../config/sessionCarry.ts';
import {
  clearExchanges,
  maskedExchange,
  recordedFetch,
  recordRedirect,
  withoutSecrets,
  type ExchangeEntry,
} from './exchangeLog.ts';

const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYXNrIn0.YWNjZXNzLXNpZ25hdHVyZQ';
const REFRESH = 'refresh-secret-value';
const COOKIE = 'session=cookie-secret-value';
const SET_COOKIE = 'sid=set-cookie-secret-value; Path=/; HttpOnly';
const SECRETS = [ACCESS, REFRESH, 'cookie-secret-value', 'set-cookie-secret-value', 'the-code', 'the-verifier', '4242'];

const entry: ExchangeEntry = {
  id: 1,
  at: 0,
  source: 'oidc',
  method: 'POST',
  url: 'https://ims.example/connect/token?code=the-code',
  requestHeaders: [
    ['authorization', `Bearer ${ACCESS}`],
    ['cookie', COOKIE],
    ['content-type', 'application/x-www-form-urlencoded'],
  ],
  requestBody: 'grant_type=refresh_token&refresh_token=refresh-secret-value&verbose&code_verifier=the+verifier',
  status: 200,
  responseHeaders: [
    ['set-cookie', SET_COOKIE],
    ['content-type', 'application/json'],
  ],
  responseBody: JSON.stringify([{ tokens: { access_token: ACCESS, refresh_token: { value: REFRESH } }, code: 4242 }]),
};

/** Every string an exchange shows, joined: what a leak check reads. */
const shownText = (shown: ReturnType<typeof maskedExchange>) => JSON.stringify({ ...shown, secrets: undefined });

describe('masking in the exchange log', () => {
  it('JSON arrays and nested values, of any type', () => {
    const masked = withoutSecrets(entry.responseBody, (name) => `<${name}>`)!;
    expect(JSON.parse(masked)).toEqual([
      { tokens: { access_token: '<access_token>', refresh_token: '<refresh_token>' }, code: '<code>' },
    ]);
  });

  it('form bodies, a bare name and +-encoded values included', () => {
    const masked = withoutSecrets(entry.requestBody, (name) => `<${name}>`);
    expect(masked).toBe('grant_type=refresh_token&refresh_token=<refresh_token>&verbose&code_verifier=<code_verifier>');
  });

  it('request and response headers: Authorization (its scheme kept), Cookie, Set-Cookie', () => {
    const shown = maskedExchange(entry);
    expect(shown.requestHeaders).toEqual([
      ['authorization', 'Bearer •••• access token ••••'],
      ['cookie', '•••• cookie ••••'],
      ['content-type', 'application/x-www-form-urlencoded'],
    ]);
    expect(shown.responseHeaders).toEqual([
      ['set-cookie', '•••• set-cookie ••••'],
      ['content-type', 'application/json'],
    ]);
  });

  it('shows none of the secrets anywhere, and lists each one to reveal on its own', () => {
    const shown = maskedExchange(entry);
    const text = shownText(shown);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    expect(shown.secrets.map((secret) => secret.where)).toEqual([
      'request header',
      'request header',
      'URL',
      'request body',
      'request body',
      'response header',
      'response body',
      'response body',
      'response body',
    ]);
  });
});

describe('whatever is carried across the redirect', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.stubGlobal('sessionStorage', storage);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    clearExchanges();
  });

  it('holds no secret value: URL, headers both ways, bodies both ways, failure text', async () => {
    await recordedFetch(
      'oidc',
      entry.url,
      { method: 'POST', headers: entry.requestHeaders, body: entry.requestBody },
      () =>
        Promise.resolve(
          new Response(entry.responseBody, {
            status: 307,
            headers: { 'set-cookie': SET_COOKIE, location: 'https://ims.example/x?code=the-code' },
          }),
        ),
      () => 'Answered with a redirect to https://ims.example/x?code=the-code',
    );
    await vi.waitFor(() => expect(storage.length).toBe(0)); // nothing carried before the page leaves
    recordRedirect('https://ims.example/authorize?state=s&code_verifier=the-verifier');
    const carried = storage.getItem('evo-lab.exchanges');
    expect(carried).toContain('ims.example/connect/token'); // the exchange is there…
    for (const secret of SECRETS) expect(carried, secret).not.toContain(secret); // …its secrets are not
  });

  it('is nothing at all with memory-only token storage', async () => {
    await recordedFetch('oidc', entry.url, { method: 'POST' }, () => Promise.resolve(new Response('{}')));
    setSessionInMemoryOnly(true);
    try {
      recordRedirect('https://ims.example/authorize?state=s');
    } finally {
      setSessionInMemoryOnly(false);
    }
    expect(storage.getItem('evo-lab.exchanges')).toBeNull();
    recordRedirect('https://ims.example/authorize?state=s'); // the same log, storage allowed: carried
    expect(storage.getItem('evo-lab.exchanges')).toContain('ims.example/authorize');
  });
});
