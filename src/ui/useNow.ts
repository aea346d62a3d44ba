import { useEffect, useState } from 'react';

/**
 * The current time, updated every `intervalMs` while the component is mounted, and read afresh
 * the moment `resetKey` changes (a new token must never be judged by a time read before it came).
 */
export function useNow(intervalMs = 1000, resetKey?: unknown): Date {
  const [state, setState] = useState(() => ({ key: resetKey, now: new Date() }));
  useEffect(() => {
    const timer = window.setInterval(() => setState((current) => ({ key: current.key, now: new Date() })), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  if (state.key !== resetKey) {
    const fresh = { key: resetKey, now: new Date() };
    setState(fresh);
    return fresh.now;
  }
  return state.now;
}
