import { describe, expect, it } from 'vitest';
import { EvoApiError } from './evoApiError.ts';
import { allowHubs, bearerFor, forgetHubs } from './hostPolicy.ts';

const token = { accessToken: 'secret-token', fingerprint: 'fp1', discoveryUrl: 'https://discover.api.seequent.com' };

describe('bearerFor', () => {
  it('gives the token to the Discovery host of the settings', () => {
    expect(bearerFor(token, 'https://discover.api.seequent.com/evo/identity/v2/discovery?service=evo')).toBe(
      'secret-token',
    );
  });

  it('refuses any other host, a look-alike included, before anything is sent', () => {
    for (const url of [
      'https://evil.example/evo/identity/v2/discovery',
      'https://discover.api.seequent.com.evil.example/x',
      'http://discover.api.seequent.com/evo',
      'not a url',
    ]) {
      expect(() => bearerFor(token, url)).toThrow(EvoApiError);
    }
  });

  it('gives it to a hub only after Discovery named that hub for this token, and only under its path', () => {
    const hub = 'https://au.api.seequent.com/sub';
    expect(() => bearerFor(token, `${hub}/workspace/orgs/o/workspaces`)).toThrow(/not sent/);
    allowHubs('fp1', [`${hub}/`]);
    expect(bearerFor(token, `${hub}/workspace/orgs/o/workspaces`)).toBe('secret-token');
    expect(() => bearerFor(token, 'https://au.api.seequent.com/other/path')).toThrow(EvoApiError);
    // Another token (another session) does not inherit the hub.
    expect(() => bearerFor({ ...token, fingerprint: 'fp2' }, `${hub}/workspace`)).toThrow(EvoApiError);
    forgetHubs();
    expect(() => bearerFor(token, `${hub}/workspace`)).toThrow(EvoApiError);
  });

  it('names the host it refused, never the token', () => {
    try {
      bearerFor(token, 'https://evil.example/steal');
    } catch (error) {
      expect((error as EvoApiError).kind).toBe('refused-host');
      expect(String((error as Error).message)).toContain('evil.example');
      expect(JSON.stringify(error)).not.toContain('secret-token');
    }
  });
});
