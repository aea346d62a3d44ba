import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

const SANDBOX = ['--authority', 'http://127.0.0.1:3001'];

/** Runs `npm run token` as a person would (through tsx), stdout piped; resolves with its output. */
function token(args: string[], env: Record<string, string> = {}, onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args, ...SANDBOX], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

async function paste(page: Page, accessToken: string) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Paste a token' }).click();
  await page.getByRole('textbox', { name: 'Access token' }).fill(accessToken);
  await page.getByRole('button', { name: 'Inspect' }).click();
}

test('a service app token from the command line, pasted into the page, is recognised and calls Discovery', async ({
  page,
}) => {
  const { code, stdout, stderr } = await token(['service'], { EVO_CLIENT_SECRET: 'sandbox-service-secret' });
  expect(code, stderr).toBe(0);
  await paste(page, stdout.trim());
  await expect(page.getByText('A service app’s token: no person signed in')).toBeVisible();
  await expect(page.getByText(/issued to the client evo-sandbox-service/)).toBeVisible();
  // The service identity was added to one instance only.
  const discovery = page.getByRole('region', { name: 'Evo Discovery' });
  await expect(discovery.getByRole('heading', { level: 3 })).toHaveText(['Analytical Engines - Exploration']);
});

test('a native app token from the command line (signed in through the twin’s login page), pasted, calls Discovery', async ({
  page,
  browser,
}) => {
  const login = await browser.newPage();
  let signedIn: Promise<void> | undefined;
  const result = await token(['native', '--no-browser'], {}, (stderr) => {
    const url = /^(http:\/\/127\.0\.0\.1:3001\/connect\/authorize\?\S+)$/m.exec(stderr)?.[1];
    if (url && !signedIn) {
      signedIn = (async () => {
        await login.goto(url);
        await login.getByLabel('Email').fill('grace@example.com');
        await login.getByLabel('Password').fill('sandbox');
        await login.getByRole('button', { name: 'Sign in' }).click();
        await login.getByRole('heading', { name: 'Signed in' }).waitFor();
      })();
    }
  });
  await signedIn;
  expect(result.code, result.stderr).toBe(0);
  await paste(page, result.stdout.trim());
  await expect(page.getByText('A service app’s token: no person signed in')).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: 'Claims' }).getByRole('row', { name: /^email\s+grace@example\.com/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Evo Discovery' }).getByRole('heading', { level: 3 })).toHaveText([
    'Compiler Geoscience',
  ]);
});
