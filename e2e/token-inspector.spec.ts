import { expect, fillSandboxLogin, saveSettings, signIn, storedAccessToken, test } from './support/fixtures.ts';

test('checks the signed-in token’s signature against the IMS twin’s keys and names the key', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  const kid = await page
    .getByRole('table', { name: 'Header' })
    .getByRole('row', { name: /^kid/ })
    .getByRole('cell')
    .first()
    .innerText();
  const signature = page.getByRole('region', { name: 'Signature' });
  await expect(signature).toContainText('Signature valid');
  await expect(signature).toContainText(`the key ${kid}`);
  await expect(signature).toContainText('http://127.0.0.1:3001/.well-known/openid-configuration/jwks');
});

test('shows which requested scopes the limited registration did not grant, and what that closes', async ({ page }) => {
  await signIn(page, 'ada@example.com', { clientId: 'evo-sandbox-limited', check: ['offline_access'] });

  const scopes = page.getByRole('table', { name: 'Requested vs granted scopes' });
  await expect(scopes.getByRole('row', { name: /evo\.discovery\s+yes\s+yes/ })).toBeVisible();
  await expect(scopes.getByRole('row', { name: /offline_access\s+yes\s+no\s+Requested, not granted/ })).toBeVisible();
  await expect(page.getByText('No refresh token came back.')).toBeVisible();
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  await expect(
    reach.getByRole('row', { name: /^Workspaces\s+evo\.workspace\s+would be let in \(scope granted\)/ }),
  ).toBeVisible();
  await expect(
    reach.getByRole('row', { name: /^Geoscience Objects\s+evo\.object\s+would be refused \(scope not granted\)/ }),
  ).toBeVisible();
  // Audit is never called by this page: no row claims an answer for it.
  await expect(reach.getByRole('row', { name: /^Audit\s/ })).toContainText('this page never calls it');
  await expect(reach.getByRole('row', { name: /^Audit\s/ })).not.toContainText('seen at');
});

test('inspects a pasted token without signing in, calls Discovery with it, and catches a tampered copy', async ({
  page,
  browser,
}) => {
  // A token from somewhere else: here, another browser that signed in.
  const elsewhere = await browser.newPage();
  await signIn(elsewhere, 'ada@example.com');
  const token = await storedAccessToken(elsewhere);
  await elsewhere.close();

  await page.goto('/');
  await page.getByRole('button', { name: 'Paste a token' }).click();
  await page.getByRole('textbox', { name: 'Access token' }).fill(`Bearer ${token}`);
  await page.getByRole('button', { name: 'Inspect' }).click();

  await expect(page.getByRole('list', { name: 'Granted scopes' })).toContainText('evo.discovery');
  await expect(
    page.getByRole('table', { name: 'Claims' }).getByRole('row', { name: /^email\s+ada@example\.com/ }),
  ).toBeVisible();
  await expect(page.locator('.instance')).toHaveCount(2);
  // The signature is checked only on request, since a pasted token may name any issuer.
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('Signature valid');

  // The same token with one more scope written into its claims.
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { scope: string[] };
  claims.scope.push('evo.object');
  const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  await page.getByRole('textbox', { name: 'Access token' }).fill(forged);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await expect(page.getByRole('list', { name: 'Granted scopes' })).toContainText('evo.object');
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('Signature invalid');
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('altered');
  // The Evo twin refuses the forgery too.
  await expect(page.getByRole('region', { name: 'Evo Discovery' }).getByRole('alert')).toContainText(
    'did not accept the token (401)',
  );

  // The pasted token was kept in memory only.
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toContain(payload);
  expect(page.url()).not.toContain(payload);
});

test('explains a pasted token that is not a JWT instead of failing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Paste a token' }).click();
  await page.getByRole('textbox', { name: 'Access token' }).fill('2YotnFZFEjr1zCsicMWpAA');
  await page.getByRole('button', { name: 'Inspect' }).click();
  await expect(page.getByText('This access token cannot be decoded')).toBeVisible();
  await expect(page.getByText(/opaque, not a JWT/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Evo Discovery' }).getByRole('alert')).toContainText('401');
});

test('copies the token, a curl line that reads it from $EVO_ACCESS_TOKEN and an .env line only on request, and shows the token elided', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'ada@example.com');
  const token = await storedAccessToken(page);
  const elsewhere = page.getByRole('region', { name: 'Use this token elsewhere' });
  await expect(elsewhere).not.toContainText(token);
  // The curl line reads the token from $EVO_ACCESS_TOKEN: never on a command line (ps, shell history).
  const curl = [
    'curl -sS \\',
    '  -H "Authorization: Bearer ${EVO_ACCESS_TOKEN}" \\',
    '  "http://127.0.0.1:3002/evo/identity/v2/discovery?service=evo"',
  ].join('\n');
  await expect(elsewhere.getByLabel('curl for Discovery')).toHaveText(curl);

  await elsewhere.getByRole('button', { name: 'Copy curl for Discovery' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
  await elsewhere.getByRole('button', { name: 'Copy EVO_ACCESS_TOKEN= line for .env' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`EVO_ACCESS_TOKEN=${token}`);
  await elsewhere.getByRole('button', { name: 'Copy the access token' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
});

test('a share link proposes its settings and applies them only on confirm; declining changes nothing', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await saveSettings(page, { clientId: 'evo-sandbox-short-lived', check: ['evo.file'] });
  await page.getByRole('button', { name: 'Share these settings' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(new URL(link).hash).toMatch(/^#settings=/);

  const otherBrowser = await browser.newContext();
  const other = await otherBrowser.newPage();
  await other.goto('/');
  await expect(other.getByLabel('Client ID')).toHaveValue('evo-sandbox-spa');
  // Pasted into a tab that already shows the app, the link proposes what would change.
  await other.goto(link);
  const proposal = other.getByRole('status').filter({ hasText: 'A shared link proposes other settings' });
  await expect(proposal).toContainText('evo-sandbox-short-lived');
  await expect(proposal).toContainText('evo.file');
  await expect(other).toHaveURL('http://localhost:3000/');
  // Nothing is applied or saved while it waits.
  await expect(other.getByLabel('Client ID')).toHaveValue('evo-sandbox-spa');
  expect(await other.evaluate(() => localStorage.getItem('evo-sign-in-lab:settings:v1') ?? '')).not.toContain(
    'short-lived',
  );
  // Declining leaves everything as it was, after a reload too.
  await other.getByRole('button', { name: 'Keep my settings' }).click();
  await expect(proposal).toHaveCount(0);
  await other.reload();
  await expect(other.getByLabel('Client ID')).toHaveValue('evo-sandbox-spa');
  // Confirming applies them, and they survive a reload.
  await other.goto(link);
  await other.getByRole('button', { name: 'Use the shared settings' }).click();
  await expect(other.getByLabel('Client ID')).toHaveValue('evo-sandbox-short-lived');
  await expect(other.getByRole('checkbox', { name: /evo\.file/ })).toBeChecked();
  await other.reload();
  await expect(other.getByLabel('Client ID')).toHaveValue('evo-sandbox-short-lived');
  await otherBrowser.close();
});

test('a share link to a foreign Discovery host names the new host and is not applied', async ({ page }) => {
  const payload = {
    environment: 'sandbox',
    clientId: 'evo-sandbox-spa',
    discoveryUrl: 'https://evo-discovery.attacker.example',
    scopes: [],
    tokenStorage: 'session',
  };
  const hash = Buffer.from(JSON.stringify(payload)).toString('base64url');
  await page.goto(`/#settings=${hash}`);
  const proposal = page.getByRole('status').filter({ hasText: 'A shared link proposes other settings' });
  await expect(proposal).toContainText('New hosts');
  await expect(proposal).toContainText('evo-discovery.attacker.example');
  await expect(page.getByLabel('Discovery URL')).toHaveValue('http://127.0.0.1:3002');
  await page.reload();
  await expect(page.getByLabel('Discovery URL')).toHaveValue('http://127.0.0.1:3002');
  await expect(proposal).toHaveCount(0);
});

test('signed in, the share link carries settings only, never the token', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['evo.file'] });
  const token = await storedAccessToken(page);
  // The link is read from the signed-in page, after the token exists.
  await page.getByText('Share these settings').click();
  const link = await page.getByLabel('Share link').inputValue();
  const json = Buffer.from(new URL(link).hash.slice('#settings='.length), 'base64url').toString();
  expect(Object.keys(JSON.parse(json) as object).sort()).toEqual([
    'authority',
    'clientId',
    'discoveryUrl',
    'environment',
    'scopes',
    'tokenStorage',
  ]);
  expect(JSON.parse(json)).toMatchObject({ scopes: ['evo.file'] });
  for (const part of token.split('.')) expect(link).not.toContain(part.slice(0, 16));
});

test('the countdown turns into an expired state that offers signing in again', async ({ page }) => {
  await page.clock.install();
  // No refresh token: with one, the session renews by itself (e2e/normal-day.spec.ts).
  await signIn(page, 'ada@example.com', { clientId: 'evo-sandbox-short-lived' });
  await expect(page.getByText(/Expires in 1:[23]\d/)).toBeVisible();

  // 90-second tokens: move this page's clock past the expiry instead of waiting.
  await page.clock.fastForward('01:35');
  const expired = page.locator('.countdown-expired');
  await expect(expired).toContainText('Expired');
  await expect(expired).toContainText('APIs will refuse this token now');
  await expect(expired.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expect(expired.getByRole('button', { name: 'Renew with the refresh token' })).toHaveCount(0);
});

test('with memory-only storage the token is never written to storage, and a reload signs out', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: /Memory only/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toMatch(/access_token|oidc\.[0-9a-f]+\.user:/);

  await expect(page.getByText('Tokens stay in this page’s memory only')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Memory only/ })).toBeChecked();
});
