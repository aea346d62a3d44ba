/**
 * The performance budgets, in one place: `npm run bench` checks all of them and `npm run budget`
 * (part of `npm test`) the first-paint JS. Sizes are gzipped kB of 1000 bytes, the unit Vite and
 * Lighthouse print. Timings are held to the React reference (bench/react-reference: the bare
 * baseline's work drawn by React), measured in the same interleaved rounds: what the stack allows.
 * A timing budget is missed only when its median misses; the bench says when the rounds' spread is
 * wider than the margin, i.e. when the verdict is within the noise.
 */
export const BUDGETS = {
  /** JS the browser loads before the signed-out page is usable. */
  firstPaintJsKb: 95,
  /** The Sign in press (its trusted click event) → Discovery shown, app over the React reference. */
  discoveryRatio: 1.15,
  /** Callback page load → Discovery shown: what the app may add to the React reference, in ms. */
  callbackExtraMs: 60,
  /** Every request paying 100 ms of round trip at 20 Mbit/s: press → Discovery, app over the reference, ms. */
  latencyExtraMs: 150,
  /** The longest main-thread task in any large-organisation action, production build. */
  longTaskMs: 50,
  /** Lighthouse performance and accessibility scores of the signed-out page. */
  lighthouseScore: 95,
} as const;

/** The real-network scenario: what every request pays (Chrome DevTools Protocol network emulation). */
export const SLOW_NETWORK = { latencyMs: 100, megabitsPerSecond: 20 } as const;

/** kB of 1000 bytes, one decimal: what Vite and Lighthouse call kB. */
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
