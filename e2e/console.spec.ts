import { createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  expect,
  IMS_TWIN,
  probeFirstWorkspace,
  saveSettings,
  signIn,
  storedAccessToken,
  test,
} from './support/fixtures.ts';

async function openConsole(page: Page, view: string) {
  await page.getByRole('button', { name: 'Open the API console' }).click();
  await expect(page.getByRole('heading', { name: 'API console' })).toBeFocused();
  await page.getByRole('group', { name: 'Console views' }).getByRole('button', { name: view }).click();
}

test('the exchange log shows the sign-in’s token and Discovery exchanges, secrets masked and revealed one at a time', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'ada@example.com');
  const token = await storedAccessToken(page);
  await openConsole(page, 'Exchange log');
  const log = page.getByRole('list', { name: 'Exchanges' });

  // The metadata read before leaving for the provider came across the redirect, its secrets dropped.
  await expect(
    log.getByRole('listitem').filter({ hasText: new RegExp(`${IMS_TWIN}/\\.well-known/openid-configuration\\s`) }),
  ).toContainText('from before the redirect');

  const tokenExchange = log.getByRole('listitem').filter({ hasText: `POST 200 ${IMS_TWIN}/connect/token` });
  await tokenExchange.locator('summary').click();
  for (const secret of ['•••• code ••••', '•••• code_verifier ••••', '•••• access_token ••••']) {
    await expect(tokenExchange).toContainText(secret);
  }
  await expect(tokenExchange).toContainText('"token_type": "Bearer"');
  expect(await tokenExchange.innerText()).not.toContain(token);
  // One secret at a time: revealing the access token shows it and nothing else.
  await tokenExchange.getByRole('button', { name: 'Reveal access_token' }).click();
  await expect(tokenExchange.getByLabel('access_token', { exact: true })).toHaveText(token);
  await expect(tokenExchange.getByRole('button', { name: 'Reveal code_verifier' })).toBeVisible();
  await tokenExchange.getByRole('button', { name: 'Hide access_token' }).click();
  expect(await tokenExchange.innerText()).not.toContain(token);

  const discovery = log
    .getByRole('listitem')
    .filter({ hasText: 'GET 200 http://127.0.0.1:3002/evo/identity/v2/discovery' });
  await discovery.first().locator('summary').click();
  await expect(discovery.first()).toContainText('Bearer •••• access token ••••');
  await expect(discovery.first()).toContainText('"organizations"');
  await discovery.first().getByRole('button', { name: 'Copy as curl' }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain('-H "Authorization: Bearer ${EVO_ACCESS_TOKEN}"');
  expect(curl).toContain('"http://127.0.0.1:3002/evo/identity/v2/discovery?service=evo"');
  expect(curl).not.toContain(token);
});

test('a console call to a workspace list answers what the Workspaces panel shows', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
  const panel = page.getByRole('region', { name: 'Workspaces of Analytical Engines - Exploration' });
  await expect(panel.getByText('Showing 1–20 of 27')).toBeVisible();
  const shown = await panel.getByRole('rowheader').allInnerTexts();

  await openConsole(page, 'Request');
  await expect(page.getByLabel('Endpoint')).toHaveValue('1');
  await expect(page.getByLabel('URL', { exact: true })).toHaveValue(/\/workspace\/orgs\/[0-9a-f-]{36}\/workspaces$/);
  await page.getByRole('button', { name: 'Add a parameter' }).click();
  await page.getByLabel('Parameter 3 name').fill('order_by');
  await page.getByLabel('Parameter 3 value').fill('asc:name');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('region', { name: 'Answer' });
  await expect(answer).toContainText('Status 200');
  const body = JSON.parse(await answer.locator('pre').innerText()) as { results: { name: string }[] };
  expect(body.results.map((workspace) => workspace.name)).toEqual(shown.map((name) => name.split('\n')[0]!.trim()));
  // The same request as code reads the token from the environment.
  await page.getByText('This request as code').click();
  await expect(
    page.locator('pre:not([aria-label])').getByText('-H "Authorization: Bearer ${EVO_ACCESS_TOKEN}"'),
  ).toBeVisible();
  await expect(page.getByText("os.environ['EVO_ACCESS_TOKEN']")).toBeVisible();
});

test('a pasted PEM verifies a token the sandbox signed, and a key it did not sign with is refused', async ({
  page,
}) => {
  const jwks = (await (await fetch(`${IMS_TWIN}/.well-known/openid-configuration/jwks`)).json()) as {
    keys: JsonWebKey[];
  };
  const sandboxPem = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const otherPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    type: 'spki',
    format: 'pem',
  });

  await signIn(page, 'ada@example.com');
  await openConsole(page, 'Token debugger');
  await expect(page.locator('.jwt-header')).toHaveText(/^eyJ/);
  await expect(
    page.getByRole('row', { name: /typ\s+at\+jwt\s+An OAuth 2\.0 access token \(RFC 9068\)/ }),
  ).toBeVisible();
  const key = page.getByLabel(/Check the signature with a key you paste/);
  await key.fill(String(sandboxPem));
  await page.getByRole('button', { name: 'Check with this key' }).click();
  const debuggerView = page.getByRole('region', { name: 'API console' });
  await expect(debuggerView.getByRole('status').filter({ hasText: 'Signature valid' })).toContainText('the PEM key');
  await key.fill(String(otherPem));
  await page.getByRole('button', { name: 'Check with this key' }).click();
  await expect(debuggerView.getByRole('status').filter({ hasText: 'Signature invalid' })).toBeVisible();
});

test('a scope report, the registration switched to evo-sandbox-limited, a second report: the diff names the lost scopes and APIs', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signIn(page, 'ada@example.com', { check: ['evo.object', 'evo.file', 'evo.blocksync'] });
  const probeFirst = async () => {
    await probeFirstWorkspace(page, 'Analytical Engines - Exploration');
    await expect(page.getByRole('table', { name: 'Scope probe results' })).toBeVisible();
  };
  await probeFirst();
  await openConsole(page, 'Scope report');
  await page.getByRole('button', { name: 'Make a report' }).click();
  const markdown = page.getByLabel('The report, as Markdown');
  await expect(markdown).toContainText('| Client ID | `evo-sandbox-spa` |');
  await expect(markdown).toContainText('| Geoscience Objects | `evo.object` | 200 |');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const first = await readFile(await download.path(), 'utf8');
  expect(first).not.toContain(await storedAccessToken(page));
  expect(first).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Client ID').fill('evo-sandbox-limited');
  for (const scope of ['evo.object', 'evo.file', 'evo.blocksync'])
    await page.getByRole('checkbox', { name: new RegExp(scope.replace('.', '\\.')) }).uncheck();
  await saveSettings(page, {});
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
  await probeFirst();
  await openConsole(page, 'Scope report');
  await page.getByRole('button', { name: 'Make a report' }).click();
  await expect(markdown).toContainText('| Client ID | `evo-sandbox-limited` |');
  await page.getByLabel('Compare with an earlier report (its .json file)').setInputFiles({
    name: 'earlier.json',
    mimeType: 'application/json',
    buffer: Buffer.from(first),
  });
  const changes = page.getByRole('region', { name: 'Changes since the earlier report' });
  await expect(changes).toContainText('Client ID: evo-sandbox-spa → evo-sandbox-limited');
  for (const scope of ['evo.object', 'evo.file', 'evo.blocksync'])
    await expect(changes).toContainText(`${scope} no longer granted`);
  await expect(changes).toContainText(/Geoscience Objects API in .+: 200 → 403/);
  await expect(changes).toContainText(/Files API in .+: 200 → 403/);
  const sideBySide = changes.getByRole('table', { name: 'Side by side' });
  await expect(sideBySide.getByRole('row', { name: /^Geoscience Objects in .+changed\s+200\s+403$/ })).toBeVisible();
  await expect(
    sideBySide.getByRole('row', { name: /^Client ID\s*changed\s+evo-sandbox-spa\s+evo-sandbox-limited$/ }),
  ).toBeVisible();
});

test('after sign-out, the signed-out page shows the end-session redirect only: the session’s exchanges were cleared', async ({
  page,
}) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  const token = await storedAccessToken(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  const exchanges = page.getByRole('region', { name: "This tab's exchanges" });
  await exchanges.getByRole('button', { name: /^Show (the exchange|all \d+)$/ }).click();
  const log = exchanges.getByRole('list', { name: 'Exchanges' });
  const endSession = log.getByRole('listitem').filter({ hasText: `GET redirect ${IMS_TWIN}/connect/endsession` });
  await expect(endSession).toContainText('from before the redirect, secrets dropped');
  // The revocation (which carried the refresh token) and the token exchange went with the session.
  await expect(log).not.toContainText('/connect/revocation');
  await expect(log).not.toContainText('/connect/token');
  expect(await exchanges.innerText()).not.toContain(token);
});
