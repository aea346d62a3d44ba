import type { AppEnv } from '../config/env.ts';
import { isEnvironmentId, SANDBOX_EVO_AUDIENCE, type EnvironmentId } from '../config/environments.ts';
import type { ExpectedConnection } from '../token/tokenVerdict.ts';
import { blockedByPolicy } from '../config/contentSecurity.ts';
import { EVO_DISCOVERY_URL, IMS_AUTHORITY } from '../config/catalogue.ts';
import { checkServiceUrl } from '../config/url.ts';
import { REQUIRED_SCOPES } from '../config/scopes.ts';

/**
 * What a person chose to connect with. Settings are data: they persist and may be shared. Tokens
 * never live here.
 */
export interface ConnectionSettings {
  environment: EnvironmentId;
  /** The identity provider's issuer URL (from the preset, or typed for `custom`). */
  authority: string;
  clientId: string;
  /** Base URL of Evo Discovery, without the `/evo/identity/...` path. */
  discoveryUrl: string;
  /** Scopes chosen on top of the required ones (optional Evo scopes and any typed by hand). */
  scopes: string[];
  /** Where the signed-in user's tokens are kept: this tab's sessionStorage, or memory only. */
  tokenStorage: TokenStorage;
  /**
   * Which kind of app signs in: this page as a public SPA (default; the token lives in this tab),
   * or the Web app, whose backend-for-frontend (server/) keeps the token on the server.
   */
  appType?: AppType;
}

export const APP_TYPES = ['spa', 'web'] as const;
export type AppType = (typeof APP_TYPES)[number];

export const TOKEN_STORAGES = ['session', 'memory'] as const;
export type TokenStorage = (typeof TOKEN_STORAGES)[number];

export type SettingsField = keyof ConnectionSettings;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/** RFC 6749 §3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** The settings a first visit starts with, from `.env`. */
export function defaultSettings(env: AppEnv): ConnectionSettings {
  return settingsForEnvironment(env, env.defaultEnvironment, [], 'session');
}

/** The settings after choosing an environment: its authority, client and Discovery URL. */
export function settingsForEnvironment(
  env: AppEnv,
  environment: EnvironmentId,
  scopes: readonly string[],
  tokenStorage: TokenStorage,
): ConnectionSettings {
  const preset = env.presets[environment];
  return {
    environment,
    authority: preset.authority ?? env.customAuthority,
    clientId: preset.clientId,
    discoveryUrl: preset.discoveryUrl,
    scopes: [...scopes],
    tokenStorage,
  };
}

/**
 * Checks settings before they are used or saved. Each message says what is wrong and what to do.
 */
export function validateSettings(settings: ConnectionSettings): SettingsErrors {
  const errors: SettingsErrors = {};
  const authority = checkServiceUrl(settings.authority);
  if (!authority.ok) {
    errors.authority = `The authority ${authority.reason}. Enter the issuer URL of the identity provider, such as ${IMS_AUTHORITY}.`;
  } else {
    const blocked = blockedByPolicy(authority.url);
    if (blocked) errors.authority = blocked;
  }
  const clientId = settings.clientId.trim();
  if (clientId === '') {
    errors.clientId =
      'The client ID is empty. Register a single-page app in the Seequent Developer Portal and paste its client ID here.';
  } else if (/\s/.test(clientId)) {
    errors.clientId = 'The client ID contains spaces; a client ID never does. Copy it again from the portal.';
  }
  const discovery = checkServiceUrl(settings.discoveryUrl);
  if (!discovery.ok) {
    errors.discoveryUrl = `The Discovery URL ${discovery.reason}. The Evo default is ${EVO_DISCOVERY_URL}.`;
  } else {
    const blocked = blockedByPolicy(discovery.url);
    if (blocked) errors.discoveryUrl = blocked;
  }
  const badScope = settings.scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (badScope !== undefined) {
    errors.scopes = `"${badScope}" is not a valid scope: scopes are separated by spaces and may not contain quotes or backslashes.`;
  }
  return errors;
}

export function isValid(errors: SettingsErrors): boolean {
  return Object.keys(errors).length === 0;
}

/** Normalises settings: trimmed values, URLs without a trailing slash, no duplicate scopes. */
export function normalizeSettings(settings: ConnectionSettings): ConnectionSettings {
  const url = (value: string) => {
    const checked = checkServiceUrl(value);
    return checked.ok ? checked.url : value.trim();
  };
  return {
    environment: settings.environment,
    authority: url(settings.authority),
    clientId: settings.clientId.trim(),
    discoveryUrl: url(settings.discoveryUrl),
    scopes: [...new Set(settings.scopes.filter((scope) => !REQUIRED_SCOPES.includes(scope)))],
    tokenStorage: settings.tokenStorage,
    ...(settings.appType === 'web' ? { appType: 'web' as const } : {}),
  };
}

/**
 * Reads settings from untrusted JSON (storage, a share link). Only the known fields are read, so
 * nothing else (a token, say) can ride along. Anything missing or of the wrong type falls back to
 * the defaults; the result says whether that happened.
 */
export function settingsFromJson(json: unknown, env: AppEnv): { settings: ConnectionSettings; complete: boolean } {
  const defaults = defaultSettings(env);
  if (typeof json !== 'object' || json === null) return { settings: defaults, complete: false };
  const record = json as Record<string, unknown>;
  const environment =
    typeof record.environment === 'string' && isEnvironmentId(record.environment) ? record.environment : undefined;
  if (environment === undefined) return { settings: defaults, complete: false };
  const base = settingsForEnvironment(env, environment, [], 'session');
  const text = (key: 'authority' | 'clientId' | 'discoveryUrl') =>
    typeof record[key] === 'string' ? record[key] : undefined;
  const scopes =
    Array.isArray(record.scopes) && record.scopes.every((s) => typeof s === 'string') ? record.scopes : undefined;
  const authority = environment === 'custom' ? text('authority') : base.authority;
  const settings: ConnectionSettings = normalizeSettings({
    environment,
    authority: authority ?? base.authority,
    clientId: text('clientId') ?? base.clientId,
    discoveryUrl: text('discoveryUrl') ?? base.discoveryUrl,
    scopes: scopes ?? [],
    // Settings saved before this choice existed have no value: the default is no loss.
    tokenStorage: (TOKEN_STORAGES as readonly unknown[]).includes(record.tokenStorage)
      ? (record.tokenStorage as TokenStorage)
      : 'session',
    appType: record.appType === 'web' ? 'web' : undefined,
  });
  const complete =
    authority !== undefined &&
    text('clientId') !== undefined &&
    text('discoveryUrl') !== undefined &&
    scopes !== undefined;
  return { settings, complete };
}

const PROVIDER_NAMES: Record<EnvironmentId, string | undefined> = {
  sandbox: 'the local sandbox',
  ims: 'IMS',
  'ims-qa': 'IMS QA',
  custom: undefined,
};

/**
 * What the connection expects of an access token, for the verdict: its provider's issuer, and
 * the audience of the Evo it calls. The sandbox's Evo twin expects "evo"; for real Evo the
 * audience is not published, so it is `VITE_EVO_AUDIENCE` when set, else unknown (and said so).
 */
export function expectedConnection(settings: ConnectionSettings, env: AppEnv): ExpectedConnection {
  const sandboxEvo = settings.discoveryUrl.replace(/\/+$/, '') === env.presets.sandbox.discoveryUrl.replace(/\/+$/, '');
  return {
    issuer: settings.authority,
    providerLabel: PROVIDER_NAMES[settings.environment] ?? settings.authority,
    audience: sandboxEvo ? SANDBOX_EVO_AUDIENCE : env.evoAudience,
  };
}
