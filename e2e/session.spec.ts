import type { Page, Request } from '@playwright/test';
import { expect, fillSandboxLogin, IMS_TWIN, signIn, test } from './support/fixtures.ts';

const APP = 'http://localhost:3000';

const tokenRequests = (requests: Request[], grant?: string) =>
  requests.filter(
    (r) =>
      r.url() === `${IMS_TWIN}/connect/token` &&
      (grant === undefined || new URLSearchParams(r.postData() ?? '').get('grant_type') === grant),
  );

/** The refresh token this tab holds, read by the test from the library's store. */
async function storedRefreshToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => /^oidc\.[0-9a-f]+\.user:/.test(name));
    const user = JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as { refresh_token?: string };
    if (!user.refresh_token) throw new Error('no refresh token stored');
    return user.refresh_token;
  });
}

test('five quick presses of Renew now with a slow token endpoint send one refresh request, and the next renewal works', async ({
  page,
  recorded,
}) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  const statuses: number[] = [];
  page.on('response', (response) => {
    if (response.url() === `${IMS_TWIN}/connect/token`) statuses.push(response.status());
  });
  let delayMs = 1500;
  await page.route(`${IMS_TWIN}/connect/token`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await route.continue();
  });
  const renew = page.getByRole('button', { name: /^(Renew now|Renewing…)$/ });
  const answered = page.waitForResponse(`${IMS_TWIN}/connect/token`);
  for (let press = 0; press < 5; press++) await renew.click();
  await answered;
  await expect(page.getByRole('button', { name: 'Renew now' })).toBeVisible();
  expect(tokenRequests(recorded.requests, 'refresh_token')).toHaveLength(1);
  expect(statuses).toEqual([200]);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The grant was not revoked for reuse: the next renewal works too.
  delayMs = 0;
  await renew.click();
  await expect.poll(() => statuses).toEqual([200, 200]);
  expect(tokenRequests(recorded.requests, 'refresh_token')).toHaveLength(2);
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('sign out revokes the refresh token first: a copy of it is refused by the provider afterwards', async ({
  page,
  request,
  recorded,
}) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  const refreshToken = await storedRefreshToken(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // Only what is known (RFC 7009 §2.2: a provider answers 200 for a token it does not know too).
  const notice = page.getByRole('main');
  await expect(notice).toContainText('The provider accepted the revocation request for the refresh token');
  // Evo checks the JWT access token offline: a copy works until its exp, at most an hour here.
  await expect(notice).toContainText(/a copy of the access token stays usable for at most (60|59|58) minutes/);
  await expect(notice).not.toContainText(/no longer mints|was revoked/);
  const revocations = recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/revocation`);
  expect(revocations.map((r) => new URLSearchParams(r.postData() ?? '').get('token_type_hint'))).toEqual([
    'refresh_token',
    'access_token',
  ]);

  // The test (not the page) checks that the twin really refuses a copy of the refresh token now.
  const answer = await request.post(`${IMS_TWIN}/connect/token`, {
    form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'evo-sandbox-spa' },
  });
  expect(answer.status()).toBe(400);
  expect(((await answer.json()) as { error?: string }).error).toBe('invalid_grant');
});

test('a failed revocation is said in words, and sign-out still completes', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await page.route(`${IMS_TWIN}/connect/revocation`, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Revoking the refresh token at the identity provider failed')).toBeVisible();
  await expect(page.getByText('could not be reached').first()).toBeVisible();
  await expect(page.getByText('the sign-out went ahead')).toBeVisible();
});

test('Forget the token here says the refresh token stays valid at the provider', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await page.getByText('Sign out, or forget the token here?').click();
  await expect(page.getByText('the refresh token stays valid at the provider until it expires')).toBeVisible();
  await page.getByRole('button', { name: 'Forget the token here' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

/** Answers the authorization request itself with a callback carrying `extra` (no login). */
async function answerAuthorization(page: Page, extra: Record<string, string>): Promise<void> {
  await page.route(
    (url) => url.origin === IMS_TWIN && url.pathname === '/connect/authorize',
    async (route) => {
      const state = new URL(route.request().url()).searchParams.get('state') ?? '';
      const callback = new URL(`${APP}/signin-callback`);
      callback.searchParams.set('code', 'code-from-another-provider');
      callback.searchParams.set('state', state);
      for (const [name, value] of Object.entries(extra)) callback.searchParams.set(name, value);
      await route.fulfill({ status: 302, headers: { location: callback.href } });
    },
  );
}

test('a callback naming another issuer (mix-up, RFC 9207) is refused before any token request', async ({
  page,
  recorded,
}) => {
  await answerAuthorization(page, { iss: 'https://attacker.example' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('the answer came from another identity provider');
  await expect(alert).toContainText('https://attacker.example');
  await expect(alert).toContainText('mix-up');
  await expect(page).toHaveURL(`${APP}/`);
  expect(tokenRequests(recorded.requests)).toHaveLength(0);
});

test('a callback without iss from a provider that promises it is refused before any token request', async ({
  page,
  recorded,
}) => {
  await answerAuthorization(page, {});
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('always names itself in the authorization response');
  await expect(page).toHaveURL(`${APP}/`);
  expect(tokenRequests(recorded.requests)).toHaveLength(0);
});

test('the walkthrough shows the iss check of a real sign-in', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  await page
    .getByRole('region', { name: 'How this sign-in happened' })
    .getByRole('button', { name: 'Show the steps' })
    .click();
  await expect(page.getByText('checked: it is the issuer this sign-in was sent to')).toBeVisible();
});

test('an issuer whose clock runs a few seconds ahead gives a valid token, before and after renewal', async ({
  page,
}) => {
  // This browser is 5 s behind the IMS twin: its tokens' nbf (= iat) lies 5 s in the future here.
  await page.clock.setSystemTime(Date.now() - 5_000);
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('Signature valid');
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  await expect(reach).toContainText('would be let in (scope granted)');
  await expect(page.getByText('Not valid yet')).toHaveCount(0);
  const renewed = page.waitForResponse(`${IMS_TWIN}/connect/token`);
  await page.getByRole('button', { name: 'Renew now' }).click();
  expect((await renewed).status()).toBe(200);
  await expect(page.getByRole('button', { name: 'Renew now' })).toBeVisible();
  await expect(reach).toContainText('would be let in (scope granted)');
  await expect(page.getByText('Not valid yet')).toHaveCount(0);
});

test('the reach table never says "would be let in" for a token whose signature is invalid', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  const token = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => /^oidc\.[0-9a-f]+\.user:/.test(name));
    return (JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as { access_token: string }).access_token;
  });
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, name: 'Mallory' })).toString('base64url')}.${signature}`;
  await page.getByRole('button', { name: 'Forget the token here' }).click();
  await page.getByRole('button', { name: 'Paste a token' }).click();
  await page.getByLabel('Access token', { exact: true }).fill(tampered);
  await page.getByRole('button', { name: 'Inspect' }).click();
  const reach = page.getByRole('table', { name: 'Which Evo APIs this token can reach' });
  await expect(reach).toContainText('would be let in (scope granted), if the signature holds');
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(page.getByText('Signature invalid')).toBeVisible();
  await expect(reach).not.toContainText('would be let in');
  await expect(reach).toContainText('would be refused: its signature is invalid');
});

test('a pasted token with claims named __proto__, constructor and toString is shown, not a blank page', async ({
  page,
}) => {
  const part = (json: string) => Buffer.from(json).toString('base64url');
  const hostile = `${part('{"alg":"RS256","constructor":1}')}.${part(
    '{"__proto__":{"x":1},"constructor":"c","toString":[1,{"a":null}],"sub":"s","exp":9999999999}',
  )}.c2ln`;
  await page.goto('/');
  await page.getByRole('button', { name: 'Paste a token' }).click();
  await page.getByLabel('Access token', { exact: true }).fill(hostile);
  await page.getByRole('button', { name: 'Inspect' }).click();
  const claims = page.getByRole('table', { name: 'Claims' });
  for (const name of ['__proto__', 'constructor', 'toString']) {
    await expect(claims.getByRole('rowheader', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Evo Sign-in Lab' })).toBeVisible();
});

test('with site data blocked the app renders, signs in with memory-only storage, and says nothing is kept', async ({
  context,
  page,
}) => {
  await context.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    }
  });
  await page.goto('/');
  await expect(page.getByText('This browser keeps no site data for this page')).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const popup = await popupOpened;
  await fillSandboxLogin(popup, 'ada@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page.locator('.instance')).toHaveCount(2);
  await expect(page.getByText('This browser keeps no site data for this page')).toBeVisible();
});
