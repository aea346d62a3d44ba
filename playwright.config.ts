import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.ts';

export const APP_URL = 'http://localhost:3000';
/** A production build served under a sub-path, as a hosted copy for a room is. */
export const HOSTED_URL = 'http://localhost:4180/lab/';
/** The e2e BFF's session file and its AES key (a test key, nothing secret). */
export const BFF_E2E_STORE = 'test-results/bff-e2e.sqlite';
export const BFF_E2E_KEY = Buffer.alloc(32, 7).toString('base64');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: 'node --import tsx sandbox/main.ts',
      env: { SANDBOX_TEST_CONTROLS: '1', SANDBOX_APP_URLS: `${APP_URL}/ ${HOSTED_URL}` },
      url: 'http://127.0.0.1:3002/health',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The Web app mode's BFF, on its own SQLite file and a fixed test key, so a spec can open the
      // store and read the real token values for its leak check (e2e/web-app.spec.ts).
      command: 'node --import tsx server/main.ts',
      env: { BFF_SESSION_STORE: BFF_E2E_STORE, BFF_SESSION_KEY: BFF_E2E_KEY, BFF_CLIENT_SECRET: 'sandbox-web-secret' },
      url: 'http://127.0.0.1:3003/bff/health',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node --import tsx scripts/serve-built.ts /lab/ 4180',
      url: HOSTED_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node node_modules/vite/bin/vite.js --strictPort',
      url: APP_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
