import { describe, expect, it } from 'vitest';
import { apiReach } from '../config/scopes.ts';
import { reachWords, type ReachContext } from './ApiReachTable.tsx';
import type { TokenVerdict } from './tokenVerdict.ts';

const usable: TokenVerdict = { standing: 'usable', usable: true, refusal: undefined, times: undefined, warnings: [] };
const row = (api: string, granted: string[]) => apiReach(granted).find((r) => r.api === api)!;
const nothing: ReachContext = { observed: {} };
const at = new Date(2026, 5, 1, 10, 42);

describe('reachWords: observed versus inferred', () => {
  it('before any call says "would", from the scopes', () => {
    expect(reachWords(row('Files', []), usable, nothing)).toEqual({
      words: 'would be refused (scope not granted)',
      yes: false,
    });
    expect(reachWords(row('Files', ['evo.file']), usable, nothing).words).toBe('would be let in (scope granted)');
  });

  it('after a call says what was seen, and when', () => {
    const context: ReachContext = {
      observed: { Files: { status: 403, verdict: 'forbidden', at, workspace: 'Pit A' } },
    };
    expect(reachWords(row('Files', []), usable, context).words).toBe(
      'refused: 403 seen at 10:42 in Pit A (scope not granted)',
    );
    const granted = reachWords(row('Files', ['evo.file']), usable, {
      observed: { Files: { status: 403, verdict: 'forbidden', at, workspace: 'Pit A', role: 'viewer' } },
    });
    expect(granted.words).toMatch(/^refused: 403 seen at 10:42 in Pit A \(scope granted: .*your role there: viewer\)$/);
    expect(
      reachWords(row('Files', ['evo.file']), usable, {
        observed: { Files: { status: 200, verdict: 'allowed', at, workspace: 'Pit A' } },
      }),
    ).toEqual({ words: 'let in: 200 seen at 10:42 in Pit A', yes: true });
  });

  it('takes the instance’s services into account', () => {
    const context: ReachContext = { instance: { name: 'Acme', services: ['file'] }, observed: {} };
    expect(reachWords(row('Block Models', ['evo.blocksync']), usable, context).words).toBe(
      'would be refused in Acme: Discovery lists no Block Models service there',
    );
    expect(reachWords(row('Files', ['evo.file']), usable, context).yes).toBe(true);
  });

  it('never claims an answer for an API this page never calls (Audit)', () => {
    const words = reachWords(row('Audit', ['evo.audit']), usable, nothing).words;
    expect(words).toBe('would be let in (scope granted); this page never calls it');
    expect(reachWords(row('Audit', []), usable, nothing).words).toMatch(/^would be refused .*never calls it$/);
  });

  it('follows the verdict: a token from another issuer would be refused everywhere', () => {
    const foreign: TokenVerdict = {
      ...usable,
      standing: 'other-issuer',
      usable: false,
      refusal: 'signed by https://other.example, not by the provider you configured (IMS): Evo would refuse it',
    };
    for (const api of ['Discovery', 'Workspaces', 'Files']) {
      const { words, yes } = reachWords(row(api, ['evo.discovery', 'evo.workspace', 'evo.file']), foreign, nothing);
      expect(yes).toBe(false);
      expect(words).toMatch(/^would be refused: signed by https:\/\/other\.example/);
    }
  });

  it('does not guess for a token it cannot read', () => {
    const opaque: TokenVerdict = { ...usable, standing: 'opaque', usable: false, refusal: 'not a JWT' };
    expect(reachWords(row('Discovery', ['evo.discovery']), opaque, nothing)).toEqual({
      words: 'cannot tell: not a JWT',
      yes: false,
    });
  });

  it('neither lets in nor refuses a token whose signature check could not finish: "cannot tell"', () => {
    const unverifiable: TokenVerdict = {
      ...usable,
      standing: 'unverifiable',
      usable: false,
      refusal: 'its signature could not be checked (the keys at https://i/jwks did not answer)',
    };
    expect(reachWords(row('Workspaces', ['evo.workspace']), unverifiable, nothing)).toEqual({
      words: 'cannot tell: its signature could not be checked (the keys at https://i/jwks did not answer)',
      yes: false,
    });
  });

  it('says when Discovery answered, with no workspace to name', () => {
    expect(
      reachWords(row('Discovery', ['evo.discovery']), usable, {
        observed: { Discovery: { status: 200, verdict: 'allowed', at } },
      }).words,
    ).toBe('let in: 200 seen at 10:42');
  });
});
