import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('defaults to the local sandbox with its client and twins', () => {
    const result = readEnv({});
    if (!result.ok) throw new Error('expected defaults to be valid');
    expect(result.env.defaultEnvironment).toBe('sandbox');
    expect(result.env.presets.sandbox).toMatchObject({
      authority: 'http://127.0.0.1:3001',
      discoveryUrl: 'http://127.0.0.1:3002',
      clientId: 'evo-sandbox-spa',
    });
    expect(result.env.presets.ims).toMatchObject({
      authority: 'https://ims.bentley.com',
      discoveryUrl: 'https://discover.api.seequent.com',
      clientId: '',
    });
  });

  it('uses the deployment client ID and Discovery URL for IMS', () => {
    const result = readEnv({
      VITE_ENVIRONMENT: 'ims',
      VITE_CLIENT_ID: ' my-app ',
      VITE_DISCOVERY_URL: 'https://d.example/',
    });
    if (!result.ok) throw new Error('expected valid');
    expect(result.env.presets.ims).toMatchObject({ clientId: 'my-app', discoveryUrl: 'https://d.example' });
  });

  it('names each bad variable and how to fix it', () => {
    const result = readEnv({
      VITE_ENVIRONMENT: 'production',
      VITE_SANDBOX_AUTHORITY: 'http://ims.example.com',
      VITE_CLIENT_ID: 'two words',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable)).toEqual([
      'VITE_ENVIRONMENT',
      'VITE_SANDBOX_AUTHORITY',
      'VITE_CLIENT_ID',
    ]);
    expect(result.problems[1]!.problem).toMatch(/https/);
    expect(result.problems.every((p) => p.fix.includes('.env'))).toBe(true);
  });

  it('needs VITE_AUTHORITY for the custom environment', () => {
    const result = readEnv({ VITE_ENVIRONMENT: 'custom' });
    expect(result.ok ? [] : result.problems.map((p) => p.variable)).toEqual(['VITE_AUTHORITY']);
  });
});
