import type { AppEnv } from '../config/env.ts';
import { defaultSettings, settingsFromJson, type ConnectionSettings } from './connectionSettings.ts';

/** The one `localStorage` key this app writes. It holds settings only, never a token. */
export const SETTINGS_KEY = 'evo-sign-in-lab:settings:v1';

export interface LoadedSettings {
  settings: ConnectionSettings;
  /** Set when saved settings existed but could not all be read. */
  notice?: string;
}

/** Loads the saved settings, or the `.env` defaults on a first visit. */
export function loadSettings(storage: Storage | undefined, env: AppEnv): LoadedSettings {
  let raw: string | null;
  try {
    if (!storage) throw new Error('no storage');
    raw = storage.getItem(SETTINGS_KEY);
  } catch {
    return {
      settings: defaultSettings(env),
      notice: 'This browser does not allow saving settings, so they will last only until you close the page.',
    };
  }
  if (raw === null) return { settings: defaultSettings(env) };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {
      settings: defaultSettings(env),
      notice: 'Your saved settings could not be read, so the defaults are shown. Check them and save again.',
    };
  }
  const { settings, complete } = settingsFromJson(json, env);
  return complete
    ? { settings }
    : {
        settings,
        notice: 'Some saved settings could not be read and were replaced by defaults. Check them and save again.',
      };
}

/** Saves settings; returns false when the browser refuses (private mode, quota). */
export function saveSettings(storage: Storage | undefined, settings: ConnectionSettings): boolean {
  if (!storage) return false;
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}
