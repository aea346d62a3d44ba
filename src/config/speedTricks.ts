/**
 * The speed tricks `npm run bench` measures: it builds a copy of the app without each one
 * (`VITE_BENCH_WITHOUT`, a comma-separated list of names, read at build time) and signs in with it
 * in the same interleaved rounds as the app, so the README can say what each buys. A normal build
 * has every trick on.
 */
export type SpeedTrick =
  /** The callback page exchanges its code and asks Discovery before React has loaded (boot.ts). */
  'early-exchange';

const without = new Set(String(import.meta.env.VITE_BENCH_WITHOUT ?? '').split(','));

/** Whether this build uses the trick (always, outside the benchmark's variant builds). */
export const trickOn = (trick: SpeedTrick): boolean => !without.has(trick);
