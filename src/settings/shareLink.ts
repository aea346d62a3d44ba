import * as base64url from 'jose/base64url';
import type { AppEnv } from '../config/env.ts';
import { normalizeSettings, settingsFromJson, type ConnectionSettings } from './connectionSettings.ts';

const PARAM = 'settings';

const toBase64Url = (text: string): string => base64url.encode(text);
const fromBase64Url = (value: string): string => new TextDecoder().decode(base64url.decode(value));

/**
 * A link that opens the app with these settings. It carries settings only (never a token, code
 * or verifier), in the URL fragment, which browsers do not send to servers or in Referer headers.
 */
export function shareLink(settings: ConnectionSettings, base: string): string {
  const { environment, authority, clientId, discoveryUrl, scopes, tokenStorage } = normalizeSettings(settings);
  const payload = JSON.stringify({ environment, authority, clientId, discoveryUrl, scopes, tokenStorage });
  return `${base}#${PARAM}=${toBase64Url(payload)}`;
}

export type SharedSettings =
  { kind: 'none' } | { kind: 'settings'; settings: ConnectionSettings; complete: boolean } | { kind: 'unreadable' };

/** Reads the settings a share link carries in `hash`, if any. */
export function readShareLink(hash: string, env: AppEnv): SharedSettings {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(PARAM);
  if (value === null) return { kind: 'none' };
  try {
    const { settings, complete } = settingsFromJson(JSON.parse(fromBase64Url(value)), env);
    return { kind: 'settings', settings, complete };
  } catch {
    return { kind: 'unreadable' };
  }
}
