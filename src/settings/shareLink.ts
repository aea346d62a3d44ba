import type { AppEnv } from '../config/env.ts';
import { normalizeSettings, settingsFromJson, type ConnectionSettings } from './connectionSettings.ts';

const PARAM = 'settings';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string {
  const binary = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

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
