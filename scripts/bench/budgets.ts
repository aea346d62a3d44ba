/**
 * The performance budgets, in one place: `npm run bench` checks all of them and `npm run budget`
 * (part of `npm test`) the first-paint JS. Sizes are gzipped kB of 1000 bytes, the unit Vite and
 * Lighthouse print.
 */
export const BUDGETS = {
  /** JS the browser loads before the signed-out page is usable. */
  firstPaintJsKb: 95,
  /** Click Sign in → Discovery shown, app over the bare oidc-client-ts baseline (medians). */
  discoveryRatio: 1.15,
  /** Callback page load → Discovery shown: what the app may add to the baseline, in ms. */
  callbackExtraMs: 80,
  /** The longest main-thread task in any large-organisation action, production build. */
  longTaskMs: 50,
  /** Lighthouse performance and accessibility scores of the signed-out page. */
  lighthouseScore: 95,
} as const;

/** kB of 1000 bytes, one decimal: what Vite and Lighthouse call kB. */
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
