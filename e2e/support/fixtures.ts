import { test as base, expect, type Page, type Request } from '@playwright/test';

export interface Recorded {
  /** Every console message and page error, as text. */
  console: string[];
  /** Every request the page made. */
  requests: Request[];
}

const IMS = 'http://127.0.0.1:3001';

/** Secrets of the protocol seen in this test, by kind. */
interface Secrets {
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  codes: Set<string>;
  verifiers: Set<string>;
}

/**
 * The test, with every console message and request of the page recorded, so a test can assert
 * what was (not) logged or requested. After every test it also checks, for all of them, that no
 * Content-Security-Policy violation happened and that no access token, refresh token,
 * authorization code or code verifier leaked into the console, a URL (beyond the callback that
 * carries the code by design), localStorage, the page title or the page text.
 */
export const test = base.extend<{ recorded: Recorded }>({
  recorded: [
    async ({ page }, use) => {
      const recorded: Recorded = { console: [], requests: [] };
      const secrets: Secrets = {
        accessTokens: new Set(),
        refreshTokens: new Set(),
        codes: new Set(),
        verifiers: new Set(),
      };
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
      page.on('console', (message) => recorded.console.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => recorded.console.push(`pageerror: ${error.message}`));
      page.on('request', (request) => {
        recorded.requests.push(request);
        if (request.url() === `${IMS}/connect/token`) {
          const form = new URLSearchParams(request.postData() ?? '');
          for (const [name, set] of [
            ['code', secrets.codes],
            ['code_verifier', secrets.verifiers],
            ['refresh_token', secrets.refreshTokens],
          ] as const) {
            const value = form.get(name);
            if (value) set.add(value);
          }
        }
      });
      page.on('response', (response) => {
        if (response.url() !== `${IMS}/connect/token` || !response.ok()) return;
        response
          .json()
          .then((body: { access_token?: string; refresh_token?: string }) => {
            if (body.access_token) secrets.accessTokens.add(body.access_token);
            if (body.refresh_token) secrets.refreshTokens.add(body.refresh_token);
          })
          .catch(() => undefined);
      });

      await use(recorded);

      expect(
        recorded.console.filter((line) => line.includes('CSP violation')),
        'CSP violations',
      ).toEqual([]);
      const everywhere = [...secrets.accessTokens, ...secrets.refreshTokens, ...secrets.verifiers];
      const urls = recorded.requests.map((request) => request.url());
      for (const secret of everywhere) {
        expect(
          recorded.console.some((line) => line.includes(secret)),
          'a secret in the console',
        ).toBe(false);
        expect(
          urls.some((url) => url.includes(secret)),
          'a secret in a URL',
        ).toBe(false);
      }
      for (const code of secrets.codes) {
        expect(
          recorded.console.some((line) => line.includes(code)),
          'the code in the console',
        ).toBe(false);
        const carrying = urls.filter((url) => url.includes(code));
        expect(
          carrying.every(
            (url) => new URL(url).pathname.endsWith('/signin-callback') && new URL(url).hostname === 'localhost',
          ),
          'the code in a URL other than the callback',
        ).toBe(true);
      }
      if (!page.isClosed()) {
        const exposed = await page
          .evaluate(() => ({
            local: JSON.stringify({ ...localStorage }),
            title: document.title,
            text: document.body.innerText,
          }))
          .catch(() => undefined);
        if (exposed) {
          for (const secret of [...everywhere, ...secrets.codes]) {
            expect(exposed.local.includes(secret), 'a secret in localStorage').toBe(false);
            expect(exposed.title.includes(secret), 'a secret in the title').toBe(false);
            expect(exposed.text.includes(secret), 'a secret in the page text').toBe(false);
          }
        }
      }
    },
    { auto: true },
  ],
});

export { expect };

export const SANDBOX_PASSWORD = 'sandbox';
export const IMS_TWIN = 'http://127.0.0.1:3001';

/** Fills the IMS twin's login form, found by its labels, and submits it. */
export async function fillSandboxLogin(
  page: Page,
  email: string,
  password = SANDBOX_PASSWORD,
  ims = IMS_TWIN,
): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${ims}/interaction/`));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in through the real flow: the app's Sign in button, the IMS twin's login form, back to
 * the app, until the signed-in page shows. `settings` changes the connection form first.
 */
export async function signIn(page: Page, email: string, settings?: SettingsChange): Promise<void> {
  await page.goto('/');
  if (settings) await saveSettings(page, settings);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, email);
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
}

/** The access token the app holds in this tab's sessionStorage (read by the test, never logged). */
export async function storedAccessToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => /^oidc\.[0-9a-f]+\.user:/.test(name));
    const user = key ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string }) : {};
    if (!user.access_token) throw new Error('no signed-in user in sessionStorage');
    return user.access_token;
  });
}

export interface SettingsChange {
  clientId?: string;
  /** Scopes to tick, e.g. 'offline_access'. */
  check?: string[];
}

/** Chooses options in the connection form and saves them. */
export async function saveSettings(page: Page, change: SettingsChange): Promise<void> {
  if (change.clientId) await page.getByLabel('Client ID').fill(change.clientId);
  for (const scope of change.check ?? [])
    await page.getByRole('checkbox', { name: new RegExp(scope.replace('.', '\\.')) }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
}

/** Lists an instance's workspaces from its Discovery card. */
export async function openWorkspaces(page: Page, instance: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^List workspaces of ${instance}`) }).click();
  await expect(page.getByRole('heading', { name: `Workspaces of ${instance}` })).toBeVisible();
}

/** Lists an instance's workspaces and probes the first one. */
export async function probeFirstWorkspace(page: Page, instance: string): Promise<void> {
  await openWorkspaces(page, instance);
  await page
    .getByRole('button', { name: /^Probe the scopes in / })
    .first()
    .click();
}
