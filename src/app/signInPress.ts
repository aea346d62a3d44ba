import { browserStorage } from '../config/browserStorage.ts';

/**
 * When the person pressed Sign in, carried across the redirect so the callback page's timeline
 * (the `evo-lab:*` User Timing marks, which `npm run bench` reads) starts at the press itself: the
 * trusted click event's own time, not when a script decided to click. A time is not a secret.
 */
const KEY = 'evo-lab:sign-in-pressed';

/** Keeps the press's wall-clock time (ms since the epoch) for the page the provider sends back. */
export function rememberSignInPress(event: { isTrusted: boolean; timeStamp: number }): void {
  if (!event.isTrusted) return;
  browserStorage('session')?.setItem(KEY, String(performance.timeOrigin + event.timeStamp));
}

/**
 * On the page after the redirect: the press as the mark `evo-lab:sign-in-pressed`. A mark cannot
 * lie before its own page began, so it sits at this page's start and its `detail.at` holds the
 * press's wall-clock time (comparable with `performance.timeOrigin + performance.now()`).
 */
export function markSignInPress(): void {
  const storage = browserStorage('session');
  const at = Number(storage?.getItem(KEY));
  storage?.removeItem(KEY);
  if (at > 0) performance.mark(KEY, { startTime: 0, detail: { at } });
}
