import { describe, expect, it } from 'vitest';
import { readEnv } from '../config/env.ts';
import {
  defaultSettings,
  expectedConnection,
  normalizeSettings,
  settingsForEnvironment,
  settingsFromJson,
  validateSettings,
} from './connectionSettings.ts';
import { loadSettings, saveSettings, SETTINGS_KEY } from './settingsStorage.ts';
import { MemoryStorage } from '../config/catalogue.ts';

const result = readEnv({});
if (!result.ok) throw new Error('test env must be valid');
const env = result.env;

describe('validateSettings', () => {
  it('accepts the sandbox defaults', () => {
    expect(validateSettings(defaultSettings(env))).toEqual({});
  });

  it('asks for a client ID when IMS is chosen without one, saying where to get it', () => {
    const errors = validateSettings(settingsForEnvironment(env, 'ims', [], 'session'));
    expect(Object.keys(errors)).toEqual(['clientId']);
    expect(errors.clientId).toMatch(/Seequent Developer Portal/);
  });

  it('refuses plain http except on loopback, and scopes with quotes', () => {
    const errors = validateSettings({
      ...settingsForEnvironment(env, 'custom', [], 'session'),
      authority: 'http://idp.example.com',
      clientId: 'x',
      discoveryUrl: 'http://localhost:9000',
      scopes: ['ok', 'bad"scope'],
    });
    expect(Object.keys(errors).sort()).toEqual(['authority', 'scopes']);
  });
});

describe('normalizeSettings', () => {
  it('trims, drops trailing slashes and keeps required scopes out of the chosen list', () => {
    expect(
      normalizeSettings({
        environment: 'custom',
        authority: ' https://idp.example/ ',
        clientId: ' app ',
        discoveryUrl: 'https://d.example//',
        scopes: ['evo.discovery', 'evo.file', 'evo.file'],
        tokenStorage: 'memory',
      }),
    ).toEqual({
      environment: 'custom',
      authority: 'https://idp.example',
      clientId: 'app',
      discoveryUrl: 'https://d.example',
      scopes: ['evo.file'],
      tokenStorage: 'memory',
    });
  });
});

describe('settingsFromJson', () => {
  it('restores saved settings, taking a preset authority from the preset, not the JSON', () => {
    const { settings, complete } = settingsFromJson(
      {
        environment: 'ims',
        authority: 'https://evil.example',
        clientId: 'c',
        discoveryUrl: 'https://d.example',
        scopes: ['evo.file'],
      },
      env,
    );
    expect(complete).toBe(true);
    expect(settings).toMatchObject({
      environment: 'ims',
      authority: 'https://ims.bentley.com',
      clientId: 'c',
      scopes: ['evo.file'],
    });
  });

  it('reads settings saved before the token storage choice existed as the default choice', () => {
    const { settings, complete } = settingsFromJson(
      {
        environment: 'sandbox',
        authority: 'x',
        clientId: 'evo-sandbox-spa',
        discoveryUrl: 'http://127.0.0.1:3002',
        scopes: [],
      },
      env,
    );
    expect(complete).toBe(true);
    expect(settings.tokenStorage).toBe('session');
  });

  it('ignores fields that are not settings, so a token cannot ride along', () => {
    const { settings } = settingsFromJson(
      { ...defaultSettings(env), access_token: 'eyJ.x.y', refresh_token: 'r' },
      env,
    );
    expect(Object.keys(settings).sort()).toEqual([
      'authority',
      'clientId',
      'discoveryUrl',
      'environment',
      'scopes',
      'tokenStorage',
    ]);
  });

  it('falls back to defaults for missing or wrongly typed values, and says so', () => {
    expect(settingsFromJson({ environment: 'sandbox', scopes: 'evo.file' }, env)).toEqual({
      settings: defaultSettings(env),
      complete: false,
    });
    expect(settingsFromJson({ environment: 'mars' }, env).settings).toEqual(defaultSettings(env));
  });
});

describe('settings storage', () => {
  it('round-trips settings and writes nothing but settings', () => {
    const storage = new MemoryStorage();
    const settings = { ...defaultSettings(env), scopes: ['offline_access'] };
    expect(saveSettings(storage, settings)).toBe(true);
    expect(storage.length).toBe(1);
    expect(loadSettings(storage, env)).toEqual({ settings });
  });

  it('keeps working, with a notice, when the saved value is not JSON', () => {
    const storage = new MemoryStorage();
    storage.setItem(SETTINGS_KEY, '{oops');
    const loaded = loadSettings(storage, env);
    expect(loaded.settings).toEqual(defaultSettings(env));
    expect(loaded.notice).toMatch(/could not be read/);
  });
});

describe('expectedConnection', () => {
  it('expects the sandbox Evo twin’s audience, and names the provider the person configured', () => {
    expect(expectedConnection(settingsForEnvironment(env, 'sandbox', [], 'session'), env)).toEqual({
      issuer: 'http://127.0.0.1:3001',
      providerLabel: 'the local sandbox',
      audience: 'evo',
    });
  });

  it('does not invent an audience for real Evo: unknown unless VITE_EVO_AUDIENCE says it', () => {
    const ims = settingsForEnvironment(env, 'ims', [], 'session');
    expect(expectedConnection(ims, env)).toEqual({
      issuer: 'https://ims.bentley.com',
      providerLabel: 'IMS',
      audience: undefined,
    });
    const configured = readEnv({ VITE_EVO_AUDIENCE: 'https://evo.example/api' });
    if (!configured.ok) throw new Error('test env must be valid');
    expect(expectedConnection(ims, configured.env).audience).toBe('https://evo.example/api');
  });
});
