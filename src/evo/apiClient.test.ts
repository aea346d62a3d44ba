import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearerCredential } from '../http/index.ts';
import { evoGet, TIMEOUT_MS } from './apiClient.ts';
import { discoverySchema as discoveryResponseSchema } from './evoSchemas.ts';
import { describeEvoError, EvoApiError, isTransient, parseBearerChallenge, parseRetryAfter } from './evoApiError.ts';

const URL_ = 'https://discover.api.seequent.com/evo/identity/v2/discovery?service=evo';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g';
const CREDENTIAL = bearerCredential(TOKEN, 'https://discover.api.seequent.com');

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() =>
      Promise.resolve(
        new Response(typeof body === 'string' ? body : JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json', ...headers },
        }),
      ),
    ),
  );
}

async function failure(): Promise<EvoApiError> {
  try {
    await evoGet(URL_, CREDENTIAL, discoveryResponseSchema);
  } catch (error) {
    if (error instanceof EvoApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

afterEach(() => vi.unstubAllGlobals());

describe('evoGet', () => {
  it('sends the bearer token and returns the validated body', async () => {
    answer(200, { discovery: { organizations: [], hubs: [], service_access: [] } });
    await expect(evoGet(URL_, CREDENTIAL, discoveryResponseSchema)).resolves.toEqual({
      discovery: { organizations: [], hubs: [], service_access: [] },
    });
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('turns 401 into "unauthorized" with the RFC 7807 detail and the bearer challenge', async () => {
    answer(
      401,
      { type: 'x', title: 'Not authenticated', status: 401, detail: 'The access token has expired.' },
      {
        'www-authenticate':
          'Bearer realm="evo", error="invalid_token", error_description="The access token has expired."',
      },
    );
    const error = await failure();
    expect(error.kind).toBe('unauthorized');
    expect(error.details).toMatchObject({
      status: 401,
      title: 'Not authenticated',
      detail: 'The access token has expired.',
    });
    expect(error.details.challenge?.error).toBe('invalid_token');
    expect(describeEvoError(error, 'Evo Discovery').action).toMatch(/Sign in again/);
  });

  it('names the missing scope for a 403 insufficient_scope', async () => {
    answer(
      403,
      { title: 'Insufficient scope', status: 403 },
      {
        'www-authenticate': 'Bearer realm="evo", error="insufficient_scope", scope="evo.discovery"',
      },
    );
    const problem = describeEvoError(await failure(), 'Evo Discovery');
    expect(problem.detail).toMatch(/lacks the evo.discovery scope/);
  });

  it('marks 5xx as transient and 4xx as not', async () => {
    answer(503, 'Service Unavailable');
    const error = await failure();
    expect(error.kind).toBe('server');
    expect(isTransient(error)).toBe(true);
    answer(404, {});
    expect(isTransient(await failure())).toBe(false);
  });

  it('reads Retry-After on 429', async () => {
    answer(429, { title: 'Too many requests' }, { 'retry-after': '30' });
    const error = await failure();
    expect(error.kind).toBe('rate-limited');
    expect(describeEvoError(error, 'Evo Discovery').action).toBe('Try again in 30 seconds.');
  });

  it('reports a network failure (or CORS block) as "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure();
    expect(error.kind).toBe('network');
    expect(describeEvoError(error, 'Evo Discovery').detail).toMatch(/CORS/);
  });

  it('gives up on an API that does not answer, and calls it a timeout (retried like a 5xx)', async () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal(
        'fetch',
        vi.fn(
          (_url: string, init?: RequestInit) =>
            new Promise<Response>((_resolve, reject) => {
              init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            }),
        ),
      );
      const pending = failure();
      await vi.advanceTimersByTimeAsync(TIMEOUT_MS + 1);
      const error = await pending;
      expect(error.kind).toBe('timeout');
      expect(isTransient(error)).toBe(true);
      expect(describeEvoError(error, 'Evo Discovery').title).toBe('Evo Discovery took too long to answer');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says which field is wrong when the body has the wrong shape', async () => {
    answer(200, { discovery: { organizations: [], hubs: [{ code: 'au', display_name: 'AU' }], service_access: [] } });
    const error = await failure();
    expect(error.kind).toBe('bad-response');
    expect(error.details.field).toBe('discovery.hubs[0].url');
  });

  it('reports a body that is not JSON', async () => {
    answer(200, '<html>login</html>');
    expect((await failure()).message).toMatch(/not JSON/);
  });

  it('never puts the token in the error', async () => {
    answer(401, { detail: 'nope' });
    const error = await failure();
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TOKEN);
    expect(JSON.stringify(describeEvoError(error, 'Evo Discovery'))).not.toContain(TOKEN);
  });
});

describe('parseBearerChallenge', () => {
  it('reads quoted parameters, including escaped quotes', () => {
    expect(parseBearerChallenge('Bearer realm="evo", error="invalid_token", error_description="a \\"b\\""')).toEqual({
      error: 'invalid_token',
      errorDescription: 'a "b"',
      scope: undefined,
    });
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
