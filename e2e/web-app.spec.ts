import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { BFF_E2E_KEY, BFF_E2E_STORE } from '../playwright.config.ts';
import { sealer } from '../server/sealing.ts';
import { expect, fillSandboxLogin, probeFirstWorkspace, test } from './support/fixtures.ts';

/** The Evo twin's own origin: in Web app mode the browser never calls it, only /bff/evo on its own origin. */
const EVO_TWIN = 'http://127.0.0.1:3002';

/**
 * The tokens the BFF holds right now, read from its store in this test process and opened with
 * the e2e key: the values the sandbox's token responses gave the BFF.
 */
async function tokensHeldByTheBff(): Promise<string[]> {
  const moduleName: string = 'node:sqlite';
  const { DatabaseSync } = (await import(moduleName)) as {
    DatabaseSync: new (path: string) => {
      prepare(sql: string): { all(): { key: string; value: string }[] };
      close(): void;
    };
  };
  if (!existsSync(BFF_E2E_STORE)) {
    throw new Error(
      `no BFF session store at ${BFF_E2E_STORE}: the BFF these tests use is not the one playwright.config.ts starts (stop npm start, or run with CI=1)`,
    );
  }
  const db = new DatabaseSync(BFF_E2E_STORE);
  const rows = db.prepare("SELECT key, value FROM bff_kv WHERE key LIKE 'session:%'").all();
  db.close();
  const open = sealer(Buffer.from(BFF_E2E_KEY, 'base64'));
  return rows.flatMap((row) => {
    const plain = open.open((JSON.parse(row.value) as { tokens: string }).tokens, row.key);
    const tokens = JSON.parse(plain ?? '{}') as { access?: string; refresh?: string };
    return [tokens.access, tokens.refresh].filter((value): value is string => typeof value === 'string');
  });
}

/** The same, or none when the BFF has made no store yet (a fresh clone). */
async function tokensHeldSoFar(): Promise<string[]> {
  return existsSync(BFF_E2E_STORE) ? tokensHeldByTheBff() : [];
}

test("Web app mode: the SPA's panels (Discovery, workspaces, scope probe, console) call /bff/evo, and the browser never receives a token", async ({
  page,
  context,
}) => {
  const received: Promise<string>[] = [];
  const sent: string[] = [];
  const origins: string[] = [];
  page.on('request', (request) => {
    origins.push(new URL(request.url()).origin);
    sent.push(
      `${request.method()} ${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`,
    );
  });
  page.on('response', (response) => {
    received.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        const body = await response.text().catch(() => '');
        return `${response.url()}\n${headers}\n${body}`;
      })(),
    );
  });

  const before = new Set(await tokensHeldSoFar());
  await page.goto('/');
  await page.getByRole('radio', { name: /Web app: the token lives on the server/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in (Web app)' }).click();
  await fillSandboxLogin(page, 'ada@example.com');

  await expect(page.getByRole('heading', { name: /^Signed in as Ada/ })).toBeVisible();
  await expect(page.getByText('decoded on the server')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'evo.discovery evo.workspace' })).toBeVisible();
  // The standard Discovery panel, workspaces and scope probe, through the BFF.
  const discovery = page.getByRole('region', { name: 'Evo Discovery' });
  await expect(discovery.getByRole('heading', { name: 'Analytical Engines - Exploration' })).toBeVisible();
  await expect(discovery.getByText(/through the BFF .* which attaches the bearer on the server/)).toBeVisible();
  await probeFirstWorkspace(page, 'Analytical Engines - Exploration');
  const workspaces = page.getByRole('region', { name: 'Workspaces of Analytical Engines - Exploration' });
  await expect(workspaces.getByText('Showing 1–20 of 27')).toBeVisible();
  const probe = page.getByRole('table', { name: 'Scope probe results' });
  await expect(probe.getByRole('row', { name: /^Workspaces\s+evo\.workspace\s+yes\s+200 let in/ })).toBeVisible();
  // The reach table, from the scopes /bff/session returns and the answers seen.
  const reach = page.getByRole('table', { name: /Which Evo APIs this token can reach/ });
  await expect(reach.getByRole('row', { name: /^Workspaces\s+evo\.workspace\s+let in: 200 seen at/ })).toBeVisible();

  // The console's request form: its own workspace-list request (the chosen instance's hub) answers
  // 200 through the BFF; a host Discovery did not name is refused in the page, in words.
  await page.getByRole('button', { name: 'Open the API console' }).click();
  const views = page.getByRole('group', { name: 'Console views' });
  await views.getByRole('button', { name: 'Request' }).click();
  const url = page.getByLabel('URL', { exact: true });
  await expect(url).toHaveValue(/^http:\/\/127\.0\.0\.1:3002\/.*\/workspace\/orgs\/[0-9a-f-]{36}\/workspaces$/);
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('region', { name: 'Answer' });
  await expect(answer).toContainText('Status 200');
  await expect(answer.locator('pre')).toContainText('"results"');
  await url.fill('http://127.0.0.1:3001/connect/userinfo');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText(/Not sent: The token is not sent to http:\/\/127\.0\.0\.1:3001/)).toBeVisible();
  await views.getByRole('button', { name: 'Token debugger' }).click();
  await expect(page.getByText(/the token is on the server, so this page has none/)).toBeVisible();
  await views.getByRole('button', { name: 'Exchange log' }).click();
  const log = page.getByRole('list', { name: 'Exchanges' });
  await expect(
    log
      .getByRole('listitem')
      .filter({ hasText: /\/bff\/evo\/http\/127\.0\.0\.1:3002\/.*\/workspaces/ })
      .first(),
  ).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The cookie Chromium kept: __Host-, HttpOnly, Secure (kept on http://localhost), SameSite=Lax.
  const cookie = (await context.cookies()).find((item) => item.name === '__Host-evo-bff');
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('evo-bff');

  const tokens = await tokensHeldByTheBff();
  // The BFF holds an access token (a JWT) and a refresh token for this very sign-in.
  const fresh = tokens.filter((token) => !before.has(token));
  expect(fresh.some((token) => token.startsWith('eyJ'))).toBe(true);
  expect(fresh.length).toBeGreaterThanOrEqual(2);

  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  const responses = await Promise.all(received);
  expect(responses.length).toBeGreaterThan(5);
  for (const token of tokens) {
    expect(
      responses.some((item) => item.includes(token)),
      'a token in a response the browser received',
    ).toBe(false);
    expect(
      sent.some((item) => item.includes(token)),
      'a token in a request the browser sent',
    ).toBe(false);
    expect(storage.includes(token), 'a token in storage').toBe(false);
    expect(text.includes(token), 'a token in the page').toBe(false);
  }
  // And no bearer at all left this browser.
  expect(sent.some((item) => /"authorization":/i.test(item))).toBe(false);
  expect(sent.some((item) => item.includes('/bff/evo/') && item.includes('"x-evo-bff":"1"'))).toBe(true);
  // Every Evo call (Discovery, the hub's workspaces, the probe's four APIs, the console) went to
  // /bff/evo on the page's own origin; none to the Evo twin's origin.
  const evoCalls = sent.filter((item) => /^[A-Z]+ http:\/\/localhost:3000\/bff\/evo\//.test(item));
  expect(evoCalls.length).toBeGreaterThanOrEqual(6);
  expect(evoCalls.every((item) => item.includes('"x-evo-bff":"1"'))).toBe(true);
  expect(origins.filter((origin) => origin === EVO_TWIN)).toEqual([]);
});

test('Web app mode: signing out revokes at the BFF and ends the session', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: /Web app: the token lives on the server/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in (Web app)' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: /^Signed in as Ada/ })).toBeVisible();
  // The BFF's answer, read on its way to the page (which then leaves for the provider).
  let answer: { refreshTokenRevoked?: unknown } = {};
  await page.route('**/bff/logout', async (route) => {
    const response = await route.fetch();
    answer = (await response.json()) as typeof answer;
    await route.fulfill({ response });
  });
  const endSession = page.waitForRequest(/\/connect\/endsession/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await endSession;
  // Through the provider's end-session endpoint and back to the app, signed out.
  await expect(page.getByRole('heading', { name: 'Sign in as a Web app' })).toBeVisible();
  expect(answer.refreshTokenRevoked).toBe(true);
  const session = await page.request.get('/bff/session', { headers: { 'X-Evo-BFF': '1' } });
  expect(((await session.json()) as { signedIn: boolean }).signedIn).toBe(false);
});
