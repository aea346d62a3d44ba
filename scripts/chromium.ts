import { existsSync } from 'node:fs';

/**
 * Which Chromium to drive: PLAYWRIGHT_CHROMIUM_PATH if set, else Debian's /usr/bin/chromium when
 * installed, else undefined (Playwright's own browser, as on a laptop after
 * `npx playwright install chromium`).
 */
export const chromiumPath: string | undefined =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Flags for a quiet headless Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
