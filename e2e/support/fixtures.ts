import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
  type Response,
} from '@playwright/test';

export interface Recorded {
  /** Every console message and page error of the test's page, as text. */
  console: string[];
  /** Every request the test's page made. */
  requests: Request[];
  /** Adds a value the leak checks must never find (a token the test pastes, say). */
  secret: (value: string) => void;
}

/** Secrets of the protocol seen in this test, by kind. */
interface Secrets {
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  codes: Set<string>;
  verifiers: Set<string>;
  /** Bearer tokens sent by a page (pasted ones among them), and values the test named. */
  other: Set<string>;
}

/** A token request by its form body, whatever the provider or port: it carries a grant_type. */
function tokenRequestForm(request: Request): URLSearchParams | undefined {
  if (request.method() !== 'POST') return undefined;
  const body = request.postData() ?? '';
  if (!/(^|&)grant_type=/.test(body)) return undefined;
  return new URLSearchParams(body);
}

/** A console message from Chromium's CSP parser: a source, directive or policy it rejected. */
const CSP_PARSE = /Content[ -]Security[ -]Policy|source list|source expression/i;
/** A policy doing its job (a refused frame, say) is not a policy the browser could not read. */
const CSP_ENFORCED = /violates the following Content Security Policy directive/i;

/**
 * The test, with every console message and request of the page recorded, so a test can assert
 * what was (not) logged or requested. After every test it also checks, for all of them, that no
 * Content-Security-Policy violation or parse error happened and that no access token, refresh
 * token, authorization code, code verifier or pasted bearer token leaked into the console, a URL
 * (beyond the callback that carries the code by design), localStorage, sessionStorage (outside
 * the library's own store: its user and its pending sign-in), the page title or the page text.
 *
 * Secrets are collected from every token request and response by any provider or port, in every
 * page of every context the test opens (popups, `context.newPage()`, `browser.newPage()`,
 * `browser.newContext()`); each response's body is read at once and awaited before the checks,
 * so a check cannot run ahead of its secrets. A check that cannot run fails; none is skipped.
 */
export const test = base.extend<{ recorded: Recorded }>({
  recorded: [
    async ({ page, context, browser }, use, testInfo) => {
      const secrets: Secrets = {
        accessTokens: new Set(),
        refreshTokens: new Set(),
        codes: new Set(),
        verifiers: new Set(),
        other: new Set(),
      };
      const recorded: Recorded = {
        console: [],
        requests: [],
        secret: (value) => {
          if (value) secrets.other.add(value);
        },
      };
      /** Every console line and request URL of every page, for the leak checks. */
      const allConsole: string[] = [];
      const allUrls: string[] = [];
      const captures: Promise<void>[] = [];
      const problems: string[] = [];
      const contexts = new Set<BrowserContext>();
      let tokenResponses = 0;

      const collectRequest = (request: Request) => {
        allUrls.push(request.url());
        const form = tokenRequestForm(request);
        if (form) {
          for (const [name, set] of [
            ['code', secrets.codes],
            ['code_verifier', secrets.verifiers],
            ['refresh_token', secrets.refreshTokens],
          ] as const) {
            const value = form.get(name);
            if (value) set.add(value);
          }
        }
        // A bearer token the page sends: the signed-in one, or one pasted into the inspector.
        const bearer = /^Bearer\s+(\S{16,})$/i.exec(request.headers().authorization ?? '');
        if (bearer) secrets.other.add(bearer[1]!);
      };
      const collectResponse = (response: Response) => {
        if (!tokenRequestForm(response.request()) || response.status() !== 200) return;
        tokenResponses += 1;
        // Read now, awaited before the checks: the final check cannot win a race against it.
        captures.push(
          response.body().then(
            (body) => {
              const json = JSON.parse(body.toString()) as { access_token?: string; refresh_token?: string };
              if (json.access_token) secrets.accessTokens.add(json.access_token);
              if (json.refresh_token) secrets.refreshTokens.add(json.refresh_token);
            },
            (error: unknown) => {
              problems.push(`the token response of ${response.url()} could not be read (${String(error)})`);
            },
          ),
        );
      };
      const watchPage = (watched: Page) => {
        watched.on('console', (message) => {
          const line = `${message.type()}: ${message.text()}`;
          allConsole.push(line);
          if (watched === page) recorded.console.push(line);
        });
        watched.on('pageerror', (error) => {
          allConsole.push(`pageerror: ${error.message}`);
          if (watched === page) recorded.console.push(`pageerror: ${error.message}`);
        });
      };
      const watchContext = async (watched: BrowserContext) => {
        if (contexts.has(watched)) return;
        contexts.add(watched);
        await watched.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => {
            console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
          });
        });
        watched.on('request', collectRequest);
        watched.on('response', collectResponse);
        watched.on('page', watchPage);
        for (const open of watched.pages()) watchPage(open);
      };
      await watchContext(context);
      page.on('request', (request) => recorded.requests.push(request));

      // Pages and contexts the test opens on the browser itself are watched too.
      const original = { newPage: browser.newPage.bind(browser), newContext: browser.newContext.bind(browser) };
      const patched = browser as Browser & { newPage: Browser['newPage']; newContext: Browser['newContext'] };
      patched.newContext = async (...args) => {
        const created = await original.newContext(...args);
        await watchContext(created);
        return created;
      };
      patched.newPage = async (...args) => {
        const created = await original.newPage(...args);
        await watchContext(created.context());
        watchPage(created);
        return created;
      };

      try {
        await use(recorded);
      } finally {
        patched.newPage = original.newPage;
        patched.newContext = original.newContext;
      }

      await Promise.all(captures);
      expect(problems, 'secrets that could not be collected (the leak check would be incomplete)').toEqual([]);
      expect(
        secrets.accessTokens.size >= (tokenResponses > 0 ? 1 : 0),
        'a token response was seen but no access token was collected from it',
      ).toBe(true);
      testInfo.annotations.push({
        type: 'leak check',
        description: `${tokenResponses} token responses; ${secrets.accessTokens.size} access, ${secrets.refreshTokens.size} refresh, ${secrets.codes.size} codes, ${secrets.verifiers.size} verifiers, ${secrets.other.size} other`,
      });

      expect(
        allConsole.filter((line) => line.includes('CSP violation')),
        'CSP violations',
      ).toEqual([]);
      expect(
        allConsole.filter(
          (line) => /^(error|warning): /.test(line) && CSP_PARSE.test(line) && !CSP_ENFORCED.test(line),
        ),
        'Content-Security-Policy errors or warnings (a policy the browser could not parse)',
      ).toEqual([]);
      const everywhere = [...secrets.accessTokens, ...secrets.refreshTokens, ...secrets.verifiers, ...secrets.other];
      for (const secret of everywhere) {
        expect(
          allConsole.some((line) => line.includes(secret)),
          'a secret in the console',
        ).toBe(false);
        expect(
          allUrls.some((url) => url.includes(secret)),
          'a secret in a URL',
        ).toBe(false);
      }
      for (const code of secrets.codes) {
        expect(
          allConsole.some((line) => line.includes(code)),
          'the code in the console',
        ).toBe(false);
        const carrying = allUrls.filter((url) => url.includes(code));
        expect(
          carrying.every(
            (url) => new URL(url).pathname.endsWith('/signin-callback') && new URL(url).hostname === 'localhost',
          ),
          'the code in a URL other than the callback',
        ).toBe(true);
      }

      // Every page still open, in every context: storage values, title and text.
      const open = [...contexts].flatMap((watched) => watched.pages()).filter((each) => !each.isClosed());
      for (const each of open) {
        const exposed = await each
          .evaluate(() => {
            // Site data blocked: the storage cannot be opened, so nothing can be in it.
            const values = (open: () => Storage) => {
              let storage: Storage;
              try {
                storage = open();
              } catch {
                return [];
              }
              return Object.keys(storage).map((key) => ({ key, value: storage.getItem(key) ?? '' }));
            };
            return {
              local: values(() => localStorage),
              session: values(() => sessionStorage),
              title: document.title,
              text: document.body?.innerText ?? '',
            };
          })
          .catch((error: unknown) => `could not be read: ${String(error)}`);
        if (typeof exposed === 'string') {
          // A page on another origin (the provider's login form) or one navigating away: said, not skipped.
          if (!each.url().startsWith('http://localhost')) continue;
          throw new Error(`The leak check could not read the page ${each.url()}: ${exposed}`);
        }
        // The library's own store (its user, its pending sign-in) is where the session is kept by design.
        const library = (key: string) => /^oidc\./.test(key);
        for (const secret of [...everywhere, ...secrets.codes]) {
          expect(
            exposed.local
              .filter((entry) => entry.value.includes(secret) || entry.key.includes(secret))
              .map((e) => e.key),
            'a secret in localStorage',
          ).toEqual([]);
          expect(
            exposed.session
              .filter((entry) => !library(entry.key) && (entry.value.includes(secret) || entry.key.includes(secret)))
              .map((entry) => entry.key),
            'a secret in sessionStorage outside the library’s store',
          ).toEqual([]);
          expect(exposed.title.includes(secret), 'a secret in the title').toBe(false);
          expect(exposed.text.includes(secret), 'a secret in the page text').toBe(false);
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
