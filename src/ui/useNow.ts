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

/**
 * How many of `moments` (ms, this clock) have passed, checked every second: a component that
 * reads the time seldom (every few seconds) still changes the second a deadline passes, also
 * after the computer slept (a timeout set for the deadline would fire late: timers do not run in
 * sleep). Only a change of the count re-renders.
 */
export function useMomentsPassed(moments: readonly (number | undefined)[]): number {
  // Compared by value: a new array of the same moments is no change.
  const key = moments.filter((moment) => moment !== undefined && Number.isFinite(moment)).join(' ');
  const [passed, setPassed] = useState(() => countPassed(key));
  useEffect(() => {
    const check = () => setPassed(countPassed(key));
    check();
    const timer = window.setInterval(check, 1000);
    return () => window.clearInterval(timer);
  }, [key]);
  return passed;
}

const countPassed = (key: string) =>
  key === '' ? 0 : key.split(' ').filter((moment) => Number(moment) <= Date.now()).length;
