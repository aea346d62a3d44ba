import { describe, expect, it } from 'vitest';
import { apiReach, parseScopeInput, requestedScopes } from './scopes.ts';

describe('parseScopeInput', () => {
  it('normalises space-, comma- and newline-separated input to distinct scopes', () => {
    expect(parseScopeInput(' evo.audit, custom.read\n custom.read  x ')).toEqual(['evo.audit', 'custom.read', 'x']);
    expect(parseScopeInput(' , ')).toEqual([]);
  });
});

describe('requestedScopes', () => {
  it('always starts with the two required scopes, once each', () => {
    expect(requestedScopes(['evo.file', 'evo.discovery']).join(' ')).toBe('evo.discovery evo.workspace evo.file');
  });
});

describe('apiReach', () => {
  it('says which Evo APIs the granted scopes open, and offline_access opens none', () => {
    const reach = apiReach(['evo.discovery', 'evo.workspace', 'evo.file', 'offline_access']);
    expect(reach.filter((row) => row.reachable).map((row) => row.api)).toEqual(['Discovery', 'Workspaces', 'Files']);
    expect(reach.map((row) => row.scope)).not.toContain('offline_access');
  });
});
