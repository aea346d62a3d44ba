import type { Page } from '@playwright/test';
import { printedSignInUrl, runTokenCli, signInOnTwin } from '../cli/testSupport.ts';
import { expect, test } from './support/fixtures.ts';

const SANDBOX = ['--authority', 'http://127.0.0.1:3001'];

/** The CLI against the end-to-end sandbox. */
function token(args: string[], env: Record<string, string> = {}, onStderr?: (text: string) => void) {
  return runTokenCli([...args, ...SANDBOX], env, onStderr);
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
    const url = printedSignInUrl(stderr, 'http://127.0.0.1:3001');
    if (url && !signedIn) signedIn = signInOnTwin(login, url, 'grace@example.com');
  });
  await signedIn;
  expect(result.code, result.stderr).toBe(0);
  await paste(page, result.stdout.trim());
  // The page has rendered the token (its claims) before a count of zero can mean anything.
  await expect(
    page.getByRole('table', { name: 'Claims' }).getByRole('row', { name: /^email\s+grace@example\.com/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Access token' }).locator('.verdict')).toBeVisible();
  await expect(page.getByText('A service app’s token: no person signed in')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Evo Discovery' }).getByRole('heading', { level: 3 })).toHaveText([
    'Compiler Geoscience',
  ]);
});
