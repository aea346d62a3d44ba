import type { Page } from '@playwright/test';
import { readSandboxConfig } from '../sandbox/config.ts';
import { startSandbox, type Sandbox } from '../sandbox/main.ts';
import { HOSTED_URL } from '../playwright.config.ts';
import { expect, fillSandboxLogin, SANDBOX_PASSWORD, test } from './support/fixtures.ts';

/**
 * A second, separate provider and Evo, on ports the app was never told about: what a person
 * trying their own identity provider does. Its issuer is http://127.0.0.1:3011, with keys of its own.
 */
const OTHER_IMS = 'http://127.0.0.1:3011';
const OTHER_EVO = 'http://127.0.0.1:3012';
let other: Sandbox;

test.beforeAll(async () => {
  other = await startSandbox(
    readSandboxConfig({
      SANDBOX_IMS_PORT: '3011',
      SANDBOX_EVO_PORT: '3012',
      SANDBOX_APP_URLS: `http://localhost:3000/ ${HOSTED_URL}`,
    }),
  );
});

test.afterAll(async () => {
  await other.close();
});

async function chooseCustom(page: Page, authority: string) {
  await page.getByRole('radio', { name: /Custom/ }).check();
  await page.getByLabel('Authority (identity provider)').fill(authority);
  await page.getByLabel('Client ID').fill('evo-sandbox-spa');
  await page.getByLabel('Evo Discovery URL').fill(OTHER_EVO);
}

test('a provider typed in the page works at once in development; one that names another issuer is refused with both values', async ({
  page,
  recorded,
}) => {
  await page.goto('/');
  // localhost is the same machine, but not the issuer the provider names.
  await chooseCustom(page, 'http://localhost:3011');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  await signIn.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('the provider names another issuer');
  await expect(alert).toContainText(
    'its issuer is "http://127.0.0.1:3011", not the authority entered, http://localhost:3011',
  );
  // Shown where the person pressed, and focused.
  await expect(alert).toBeFocused();
  const [alertBox, buttonBox] = [await alert.boundingBox(), await signIn.boundingBox()];
  expect(Math.abs(alertBox!.y - (buttonBox!.y + buttonBox!.height))).toBeLessThan(200);
  expect(page.url()).toBe('http://localhost:3000/');

  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByLabel('Authority (identity provider)').fill(OTHER_IMS);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await signIn.click();
  await fillSandboxLogin(page, 'ada@example.com', SANDBOX_PASSWORD, OTHER_IMS);
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
  // Discovery from the second Evo twin, on its own port.
  await expect(page.getByText(/instances? \(organisations\) you can use/)).toBeVisible();
  const discovery = recorded.requests.find((request) =>
    request.url().startsWith(`${OTHER_EVO}/evo/identity/v2/discovery`),
  );
  expect((await discovery?.response())?.status()).toBe(200);
});

test('a built copy says before saving that its Content-Security-Policy does not list a provider, and how to allow it', async ({
  page,
}) => {
  await page.goto(HOSTED_URL);
  await chooseCustom(page, OTHER_IMS);
  const authority = page.getByLabel('Authority (identity provider)');
  await expect(authority).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(`This copy of the lab cannot call ${OTHER_IMS}`)).toBeVisible();
  await expect(page.getByText(`cannot call ${OTHER_EVO}`)).toBeVisible();
  await expect(page.getByText(`build the app with ${OTHER_IMS} in VITE_ALLOWED_ORIGINS`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  // What was typed stays, to be corrected or copied.
  await expect(authority).toHaveValue(OTHER_IMS);
});
