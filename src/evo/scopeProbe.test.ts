import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearerCredential } from '../http/index.ts';
import { probe, probeMeaning } from './scopeProbe.ts';

const CREDENTIAL = bearerCredential('t', 'https://hub.example');

afterEach(() => vi.unstubAllGlobals());

function answer(status: number) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(status === 200 ? '{"files":[]}' : '{"detail":"no"}', { status }))),
  );
}

describe('probe', () => {
  it('reports 200 as allowed and 403 / 401 by kind, without throwing', async () => {
    answer(200);
    expect(await probe('https://hub.example/x', CREDENTIAL)).toEqual({
      status: 200,
      verdict: 'allowed',
      body: { files: [] },
    });
    answer(403);
    expect(await probe('https://hub.example/x', CREDENTIAL)).toMatchObject({
      status: 403,
      verdict: 'forbidden',
      detail: 'no',
    });
    answer(401);
    expect((await probe('https://hub.example/x', CREDENTIAL)).verdict).toBe('unauthorized');
    answer(500);
    expect(await probe('https://hub.example/x', CREDENTIAL)).toMatchObject({ status: 500, verdict: 'other' });
  });
});

describe('probeMeaning', () => {
  it('calls a 403 without the scope expected, and a 403 with it a surprise worth explaining', () => {
    expect(probeMeaning({ status: 403, verdict: 'forbidden' }, false, 'evo.file')).toEqual({
      expected: true,
      words: 'Refused for scope: the token lacks evo.file.',
    });
    expect(probeMeaning({ status: 403, verdict: 'forbidden' }, true, 'evo.file').expected).toBe(false);
    expect(probeMeaning({ status: 200, verdict: 'allowed' }, true, 'evo.file').expected).toBe(true);
    expect(probeMeaning({ status: 200, verdict: 'allowed' }, false, 'evo.file').words).toMatch(/does not check/);
  });

  it('blames a missing service, not the role, when Discovery does not list it for the instance', () => {
    const refused = { status: 403, verdict: 'forbidden' } as const;
    expect(probeMeaning(refused, true, 'evo.blocksync', { api: 'Block Models', listed: false })).toEqual({
      expected: true,
      words:
        'This instance has no Block Models service (Discovery does not list it), so the API refuses it whatever the scopes.',
    });
    expect(probeMeaning(refused, true, 'evo.blocksync', { api: 'Block Models', listed: true }).words).toMatch(/role/);
  });
});
