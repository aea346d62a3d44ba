import type { User, UserManager } from 'oidc-client-ts';
import { renewalState, renewSession, setRenewalState, subscribeRenewal } from './renewal.ts';

/*
 * When the session renews by itself. The session layer owns this, not oidc-client-ts's
 * `accessTokenExpiring` timer: every `getUser()` re-arms that timer, at 1 s once expiry is near,
 * so a failing renewal retried itself every second (oidc-client-ts #1343), and a page loaded with
 * an expired token never renewed (#2012).
 *
 * - Due a minute before expiry (half the lifetime for shorter tokens), on this clock: the token
 *   response's `expires_in` counted from its arrival (see clockOffset.ts).
 * - Checked on a timer, and again on every sign of waking: the clock jumping past the heartbeat
 *   (a laptop slept), the tab becoming visible, the network coming back, a back/forward restore.
 * - Offline (a request failed for want of a network, and the browser says offline): waits for
 *   `online`, with one probe every two minutes at most. After a failure: backoff with jitter and
 *   `Retry-After` (renewal.ts). Refused refresh token: never again. And never two automatic
 *   attempts closer than {@link MIN_GAP_MS}, whatever the clock does.
 */

const LEAD_MS = 60_000;
const HEARTBEAT_MS = 5_000;
/** A heartbeat this late means timers did not run: the computer slept. */
const DRIFT_MS = 10_000;
export const MIN_GAP_MS = 10_000;
/** While offline, how often one request still checks whether the provider is reachable. */
export const OFFLINE_PROBE_MS = 2 * 60_000;

const lastAutomatic = new WeakMap<UserManager, number>();

/** When `user` is due for renewal, in ms on this clock. */
export function renewalDueAt(user: Pick<User, 'expires_at' | 'expires_in'>, now: number = Date.now()): number {
  if (user.expires_at === undefined) return Number.POSITIVE_INFINITY;
  const expiresAt = user.expires_at * 1000;
  const lifetime = Math.max(0, expiresAt - now);
  return expiresAt - Math.min(LEAD_MS, lifetime > LEAD_MS * 2 ? LEAD_MS : lifetime / 2);
}

/**
 * Keeps `user`'s session renewed until the returned stop is called (the user changed, or the
 * session ended). `onWake` hears of a detected wake (for the page to re-read the time).
 */
export function keepRenewed(manager: UserManager, user: User, onWake?: () => void): () => void {
  const dueAt = renewalDueAt(user);
  let timer: number | undefined;
  let lastBeat = Date.now();

  const arm = (at: number) => {
    window.clearTimeout(timer);
    if (Number.isFinite(at)) timer = window.setTimeout(check, Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1));
  };

  function check(): void {
    const state = renewalState(manager);
    if (state.renewing || state.refused) return;
    const now = Date.now();
    if (now < dueAt) return arm(dueAt);
    const gapEnds = (lastAutomatic.get(manager) ?? 0) + MIN_GAP_MS;
    const next = Math.max(state.nextAttemptAt ?? 0, gapEnds);
    if (now < next) return arm(next);
    if (state.waitingForNetwork && navigator.onLine === false) {
      // Offline: wait for the `online` event. The browser's word can be wrong (a machine with only
      // loopback says offline, yet reaches a provider on it), so one request now and then still
      // checks: never more than one every OFFLINE_PROBE_MS.
      const probeAt = (lastAutomatic.get(manager) ?? 0) + OFFLINE_PROBE_MS;
      if (now < probeAt) return arm(probeAt);
    }
    lastAutomatic.set(manager, now);
    void renewSession(manager).catch(() => undefined);
  }

  const beat = window.setInterval(() => {
    const now = Date.now();
    if (now - lastBeat > HEARTBEAT_MS + DRIFT_MS) onWake?.();
    lastBeat = now;
    check();
  }, HEARTBEAT_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  const onOffline = () => {
    const state = renewalState(manager);
    if (Date.now() >= dueAt && !state.renewing && !state.refused)
      setRenewalState(manager, { ...state, waitingForNetwork: true });
  };
  window.addEventListener('online', check);
  window.addEventListener('offline', onOffline);
  window.addEventListener('pageshow', check);
  document.addEventListener('visibilitychange', onVisible);
  // A failure set the next attempt's time: arm for it. (Unchanged states are not announced.)
  const unsubscribe = subscribeRenewal(check);
  check();
  return () => {
    window.clearTimeout(timer);
    window.clearInterval(beat);
    window.removeEventListener('online', check);
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('pageshow', check);
    document.removeEventListener('visibilitychange', onVisible);
    unsubscribe();
  };
}
