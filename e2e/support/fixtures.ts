import { test as base, expect, type Page, type Request } from '@playwright/test';

export interface Recorded {
  /** Every console message and page error, as text. */
  console: string[];
  /** Every request the page made. */
  requests: Request[];
}

/**
 * The test, with every console message and request of the page recorded, so a test can assert
 * what was (not) logged or requested.
 */
export const test = base.extend<{ recorded: Recorded }>({
  recorded: async ({ page }, use) => {
    const recorded: Recorded = { console: [], requests: [] };
    page.on('console', (message) => recorded.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => recorded.console.push(`pageerror: ${error.message}`));
    page.on('request', (request) => recorded.requests.push(request));
    await use(recorded);
  },
});

export { expect };

export const SANDBOX_PASSWORD = 'sandbox';
export const IMS_TWIN = 'http://127.0.0.1:3001';

/** Fills the IMS twin's login form, found by its labels, and submits it. */
export async function fillSandboxLogin(page: Page, email: string, password = SANDBOX_PASSWORD): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${IMS_TWIN}/interaction/`));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in through the real flow: the app's Sign in button, the IMS twin's login form, back to
 * the app, until the signed-in page shows.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, email);
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
}

/** The access token the app holds in this tab's sessionStorage (read by the test, never logged). */
export async function storedAccessToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'));
    const user = key ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string }) : {};
    if (!user.access_token) throw new Error('no signed-in user in sessionStorage');
    return user.access_token;
  });
}

/** Chooses options in the connection form and saves them. */
export async function saveSettings(page: Page, change: { clientId?: string; check?: string[] }): Promise<void> {
  if (change.clientId) await page.getByLabel('Client ID').fill(change.clientId);
  for (const scope of change.check ?? [])
    await page.getByRole('checkbox', { name: new RegExp(scope.replace('.', '\\.')) }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
}
