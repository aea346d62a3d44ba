import { generateKeyPairSync } from 'node:crypto';
import type { Page } from '@playwright/test';
import { exportJWK, SignJWT } from 'jose';
import { expect, IMS_TWIN, probeFirstWorkspace, signIn, storedAccessToken, test } from './support/fixtures.ts';

/** Issue 25: every sentence the page says is true. */

const OTHER = 'https://other.example';

/** A key pair of our own, and a token signed with it, shaped as the IMS twin's are. */
async function ownToken(claims: Record<string, unknown>) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'own-key', alg: 'RS256', use: 'sig' };
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ scope: ['evo.discovery', 'evo.workspace'], sub: 'someone', ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'own-key' })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
  return { token, jwks: { keys: [jwk] } };
}

/** Publishes an issuer's metadata and keys to this page (CORS open, as a real issuer's are). */
async function publishIssuer(page: Page, issuer: string, jwks: unknown) {
  await page.route(
    (url) => url.href.startsWith(`${issuer}/.well-known/openid-configuration`),
    (route) =>
      route.fulfill({
        headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' },
        body: JSON.stringify(
          route.request().url().endsWith('/jwks')
            ? jwks
            : { issuer, jwks_uri: `${issuer}/.well-known/openid-configuration/jwks` },
        ),
      }),
  );
}

async function paste(page: Page, token: string) {
  await page.getByRole('button', { name: 'Paste a token' }).click();
  await page.getByLabel('Access token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Inspect' }).click();
}

async function openExchangeLog(page: Page) {
  await page.getByRole('button', { name: 'Open the API console' }).click();
  await page.getByRole('group', { name: 'Console views' }).getByRole('button', { name: 'Exchange log' }).click();
  return page.getByRole('list', { name: 'Exchanges' });
}

test('a token validly signed by another issuer is checked against its keys only, and called what it is', async ({
  page,
}) => {
  const { token, jwks } = await ownToken({ iss: OTHER, aud: ['evo'] });
  await publishIssuer(page, OTHER, jwks);
  await page.goto('/');
  await paste(page, token);
  const refusal = `signed by ${OTHER}, not by the provider you configured (the local sandbox): Evo would refuse it`;
  const summary = page.getByRole('region', { name: 'Access token' });
  // Before any key is fetched, the issuer alone decides: no "usable as far as this page can tell".
  await expect(summary.locator('.verdict')).toHaveText(`Not usable: ${refusal}.`);
  await page.getByRole('button', { name: 'Check the signature' }).click();
  const signature = page.getByRole('region', { name: 'Signature' });
  await expect(signature).toContainText('Signed by another issuer');
  await expect(signature).toContainText(`${OTHER}'s own keys only`);
  await expect(signature).not.toContainText('Signature valid');
  await expect(summary.locator('.verdict')).toHaveText(`Not usable: ${refusal}.`);
  // The reach table follows the same verdict, row by row.
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  for (const api of ['Workspaces', 'Files', 'Audit']) {
    await expect(reach.getByRole('row', { name: new RegExp(`^${api}\\s`) })).toContainText(
      `would be refused: ${refusal}`,
    );
  }
  // Discovery was called with it: the Evo twin's answer, as seen.
  await expect(reach.getByRole('row', { name: /^Discovery\s/ })).toContainText(
    /refused: 401 seen at \d\d:\d\d \(the API did not accept the token\)/,
  );
  await expect(reach).not.toContainText('would be let in');
});

test('a token from the configured issuer but for another audience is not usable, and says for whom it is', async ({
  page,
}) => {
  // The IMS twin's key set, as this page sees it, is ours: the signature checks, the audience does not.
  const { token, jwks } = await ownToken({ iss: IMS_TWIN, aud: ['other-api', `${IMS_TWIN}/resources`] });
  await publishIssuer(page, IMS_TWIN, jwks);
  await page.goto('/');
  await paste(page, token);
  const verdict = page.getByRole('region', { name: 'Access token' }).locator('.verdict');
  const words = `Not usable: it is meant for "other-api", "${IMS_TWIN}/resources", not for "evo", the audience the Evo you configured expects: Evo would refuse it.`;
  await expect(verdict).toHaveText(words);
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('Signature valid');
  await expect(verdict).toHaveText(words);
  // The Evo twin agrees: it refuses the token.
  await expect(page.getByRole('region', { name: 'Evo Discovery' }).getByRole('alert')).toContainText('401');
});

test('an HS256 token naming the sandbox as issuer and Evo as audience is not usable, before or after the check', async ({
  page,
}) => {
  // Anyone can sign HS256 with a secret of their own: the claims are exactly the sandbox's.
  const now = Math.floor(Date.now() / 1000);
  const forged = await new SignJWT({ scope: ['evo.discovery', 'evo.workspace'], sub: 'someone', aud: ['evo'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(IMS_TWIN)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode('a secret anyone can choose, 32 bytes+'));
  await page.goto('/');
  await paste(page, forged);
  const verdict = page.getByRole('region', { name: 'Access token' }).locator('.verdict');
  const words = 'Not usable: signed with HS256, a shared-secret algorithm IMS does not use: Evo would refuse it.';
  await expect(verdict).toHaveText(words);
  await expect(verdict).toHaveClass(/verdict-refused/);
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText(
    'Signed with an algorithm IMS does not use',
  );
  await expect(verdict).toHaveText(words);
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  await expect(reach.getByRole('row', { name: /^Workspaces\s/ })).toContainText(
    'would be refused: signed with HS256, a shared-secret algorithm IMS does not use',
  );
  await expect(reach).not.toContainText('would be let in');
});

test('a token whose keys cannot be fetched is "not verified", never usable, and says which keys did not answer', async ({
  page,
}) => {
  // Signed with a key of our own, for the sandbox's issuer and Evo; the sandbox's keys do not answer.
  const { token } = await ownToken({ iss: IMS_TWIN, aud: ['evo'] });
  await page.route(
    (url) => url.href.startsWith(IMS_TWIN) && /jwks|certs/.test(url.pathname),
    (route) => route.abort('connectionrefused'),
  );
  await page.goto('/');
  await paste(page, token);
  const verdict = page.getByRole('region', { name: 'Access token' }).locator('.verdict');
  await expect(verdict).toContainText('the signature is not checked yet');
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('Could not check the signature');
  await expect(verdict).toHaveText(/^Not verified: its signature could not be checked \(the keys at \S+ did not answer\)\./);
  await expect(verdict).not.toContainText('not checked yet');
  await expect(verdict).toHaveClass(/verdict-refused/);
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  await expect(reach.getByRole('row', { name: /^Workspaces\s/ })).toContainText(
    'cannot tell: its signature could not be checked',
  );
  await expect(reach).not.toContainText('would be let in');
});

test('a pasted text that is not a JWT is called that, and its curl line is marked as unchecked', async ({ page }) => {
  await page.goto('/');
  await paste(page, 'hello');
  await expect(page.getByRole('region', { name: 'Access token' }).locator('.verdict')).toHaveText(
    'Not a JWT: IMS issues JWT access tokens, so this is probably not an IMS token. This page cannot check it, so it cannot say what an API would do with it.',
  );
  await expect(page.getByText(/^Opaque/)).toHaveCount(0);
  const elsewhere = page.getByRole('region', { name: 'Use this token elsewhere' });
  await expect(
    elsewhere.getByRole('button', { name: 'Copy curl for Discovery (a token this page could not check)' }),
  ).toBeVisible();
  await expect(elsewhere).toContainText('The curl line uses a token this page could not check');
});

test('the reach table says "seen at" only for answers the scope probe got, with the role, and never for Audit', async ({
  page,
}) => {
  await signIn(page, 'ada@example.com');
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  const row = (api: string) => reach.getByRole('row', { name: new RegExp(`^${api}\\s`) });
  // Discovery has answered (the page calls it at once); the rest is inferred before a probe.
  await expect(row('Discovery')).toContainText(/let in: 200 seen at \d\d:\d\d(?!\d| in)/);
  await expect(row('Workspaces')).toContainText('would be let in (scope granted)');
  await expect(row('Files')).toContainText('would be refused (scope not granted)');
  for (const api of ['Workspaces', 'Files', 'Audit']) await expect(row(api)).not.toContainText('seen at');

  await probeFirstWorkspace(page, 'Analytical Engines - Exploration');
  await expect(row('Workspaces')).toContainText(/let in: 200 seen at \d\d:\d\d in .+; your role there: \w+/);
  await expect(row('Files')).toContainText(/refused: 403 seen at \d\d:\d\d in .+ \(scope not granted\)/);
  await expect(row('Audit')).toContainText('this page never calls it');
  await expect(row('Audit')).not.toContainText('seen at');
});

test('after Forget the token here, no Reveal on the page can show the old tokens, code or verifier', async ({
  page,
  recorded,
}) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  const accessToken = await storedAccessToken(page);
  const refreshToken = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => /^oidc\.[0-9a-f]+\.user:/.test(name));
    return (JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as { refresh_token?: string }).refresh_token;
  });
  expect(refreshToken, 'the refresh token of the sign-in').toBeTruthy();
  const exchange = recorded.requests.find((request) => request.url() === `${IMS_TWIN}/connect/token`);
  const form = new URLSearchParams(exchange?.postData() ?? '');
  const code = form.get('code');
  const verifier = form.get('code_verifier');
  expect(code && verifier, 'the token request of the sign-in').toBeTruthy();

  await page.getByRole('button', { name: 'Forget the token here' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // A pasted token opens the inspector again, with the API console and its exchange log.
  await paste(page, 'a-pasted-token-that-is-not-a-jwt-0123456789');
  const log = await openExchangeLog(page);
  // The Discovery call made with the pasted token is there: the log renders, and is not empty.
  await expect(log.getByRole('listitem').filter({ hasText: '/evo/identity/v2/discovery' }).first()).toBeVisible();
  await expect(log).not.toContainText('/connect/token');
  for (const summary of await log.locator('summary').all()) await summary.click();
  const reveals = page.getByRole('button', { name: /^Reveal / });
  const hides = page.getByRole('button', { name: /^Hide / });
  // At least the pasted token's bearer header is there to reveal: the loop below is not empty.
  await expect(reveals.first()).toBeVisible();
  while ((await reveals.count()) > 0) await reveals.first().click();
  expect(await hides.count()).toBeGreaterThan(0);
  const text = await page.locator('body').innerText();
  for (const secret of [accessToken, refreshToken!, code!, verifier!]) expect(text.includes(secret)).toBe(false);
  // Hidden again: the pasted token is a secret too, for the fixture's check of the page text.
  while ((await hides.count()) > 0) await hides.first().click();
});

test('after sign-out the exchange log keeps no entry of the session, not even the revocation requests', async ({
  page,
}) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await paste(page, 'a-pasted-token-that-is-not-a-jwt-0123456789');
  const log = await openExchangeLog(page);
  await expect(log.getByRole('listitem').filter({ hasText: '/evo/identity/v2/discovery' }).first()).toBeVisible();
  await expect(log).not.toContainText('/connect/token');
  await expect(log).not.toContainText('/connect/revocation');
});

test('with memory-only storage no value in any storage holds the token, the code or the verifier', async ({
  page,
  recorded,
}) => {
  await page.goto('/');
  await page.getByRole('radio', { name: /Memory only/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  // The walkthrough has the code and verifier to reveal: in memory.
  await expect(page.getByRole('region', { name: 'How this sign-in happened' })).toBeVisible();
  const exchange = recorded.requests.find((request) => request.url() === `${IMS_TWIN}/connect/token`);
  const form = new URLSearchParams(exchange?.postData() ?? '');
  const response = await exchange?.response();
  const body = (await response?.json()) as { access_token?: string };
  const secrets = [form.get('code'), form.get('code_verifier'), body.access_token];
  expect(secrets.every((secret) => typeof secret === 'string' && secret.length > 10)).toBe(true);
  const values = await page.evaluate(() =>
    [sessionStorage, localStorage].flatMap((storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ''}`),
    ),
  );
  expect(values.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(values.filter((value) => value.includes(secret!))).toEqual([]);
});

test('the page’s own Content-Security-Policy parses: no CSP error or warning in the console', async ({
  page,
  recorded,
}) => {
  for (const address of ['/', 'http://localhost:4180/lab/']) {
    await page.goto(address);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  }
  // The console is recorded (Vite's connection message at least), and none of it is about the policy.
  expect(recorded.console.length).toBeGreaterThan(0);
  expect(recorded.console.filter((line) => /Content[ -]Security[ -]Policy|source list/i.test(line))).toEqual([]);
});

test('a change of connection while signed in empties the exchange log too', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await page.getByText('Share these settings').click();
  const link = new URL(await page.getByLabel('Share link').inputValue());
  const settings = JSON.parse(Buffer.from(link.hash.slice('#settings='.length), 'base64url').toString()) as {
    scopes: string[];
  };
  // The same connection with one more scope: another connection, so another session.
  const changed = Buffer.from(JSON.stringify({ ...settings, scopes: [...settings.scopes, 'evo.file'] })).toString(
    'base64url',
  );
  await page.goto(`/#settings=${changed}`);
  await page.getByRole('button', { name: 'Use the shared settings' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await paste(page, 'a-pasted-token-that-is-not-a-jwt-0123456789');
  const log = await openExchangeLog(page);
  await expect(log.getByRole('listitem').filter({ hasText: '/evo/identity/v2/discovery' }).first()).toBeVisible();
  await expect(log).not.toContainText('/connect/token');
});
