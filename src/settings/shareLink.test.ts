import { describe, expect, it } from 'vitest';
import { readEnv } from '../config/env.ts';
import { defaultSettings } from './connectionSettings.ts';
import { readShareLink, shareLink } from './shareLink.ts';

const result = readEnv({ VITE_CLIENT_ID: 'workshop-app' });
if (!result.ok) throw new Error('env must be valid');
const env = result.env;

describe('share links', () => {
  it('round-trip the settings through the URL fragment', () => {
    const settings = {
      ...defaultSettings(env),
      environment: 'ims' as const,
      authority: 'https://ims.bentley.com',
      clientId: 'workshop-app',
      discoveryUrl: 'https://discover.api.seequent.com',
      scopes: ['evo.object', 'offline_access'],
    };
    const link = shareLink(settings, 'http://localhost:3000/');
    expect(link).toMatch(/^http:\/\/localhost:3000\/#settings=[\w-]+$/);
    const url = new URL(link);
    expect(url.search).toBe('');
    expect(readShareLink(url.hash, env)).toEqual({ kind: 'settings', settings, complete: true });
  });

  it('carries only settings', () => {
    const link = shareLink({ ...defaultSettings(env), ...{ access_token: 'secret' } }, 'http://localhost:3000/');
    const json = atob(new URL(link).hash.slice('#settings='.length).replaceAll('-', '+').replaceAll('_', '/'));
    expect(Object.keys(JSON.parse(json) as object).sort()).toEqual([
      'authority',
      'clientId',
      'discoveryUrl',
      'environment',
      'scopes',
      'tokenStorage',
    ]);
    expect(json).not.toContain('secret');
  });

  it('says when there is no shared setting, and when it cannot be read', () => {
    expect(readShareLink('', env)).toEqual({ kind: 'none' });
    expect(readShareLink('#settings=%%%', env)).toEqual({ kind: 'unreadable' });
    expect(readShareLink('#settings=bm90IGpzb24', env)).toEqual({ kind: 'unreadable' });
  });
});
