import { useSyncExternalStore } from 'react';
import { setRedirectGate } from '../auth/sessionEvents.ts';
import { browserStorage } from '../config/browserStorage.ts';

const KEY = 'evo-sign-in-lab:step-mode';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function read(): boolean {
  try {
    return browserStorage('local')?.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/** Step mode, read once from this browser's settings; the one place that keeps it. */
let on = read();
let paused: { url: string; resume: () => void; cancel: () => void } | undefined;

export function setStepMode(next: boolean): void {
  on = next;
  try {
    const storage = browserStorage('local');
    if (next) storage?.setItem(KEY, 'on');
    else storage?.removeItem(KEY);
  } catch {
    // not saved: lasts for this page
  }
  notify();
}

export function useStepMode(): boolean {
  return useSyncExternalStore(subscribe, () => on);
}

/** The sign-in waiting at step 2 in step mode, if any. */
export function usePausedSignIn(): typeof paused {
  return useSyncExternalStore(subscribe, () => paused);
}

/**
 * Holds a sign-in before it leaves for the identity provider while step mode is on, until the
 * person continues. Installed once, by the app shell.
 */
export function installStepModeGate(): void {
  setRedirectGate(async (url) => {
    if (!on) return;
    await new Promise<void>((resume) => {
      paused = { url, resume, cancel: () => window.location.reload() };
      notify();
    });
    paused = undefined;
    notify();
  });
}
