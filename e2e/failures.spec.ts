import { expect, fillSandboxLogin, IMS_TWIN, saveSettings, signIn, test } from './support/fixtures.ts';

const APP = 'http://localhost:3000';

test('consent denied at the provider is explained and the settings stay', async ({ page }) => {
  await page.goto('/');
  await saveSettings(page, { check: ['evo.file'] });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sign-in was cancelled or denied');
  await expect(alert).toContainText('access_denied');
  expect(page.url()).toBe(`${APP}/`);
  await expect(page.getByRole('checkbox', { name: /evo\.file/ })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('an identity provider that is down at sign-in is explained, and signing in works once it is back', async ({
  page,
}) => {
  await page.route(`${IMS_TWIN}/**`, (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The identity provider could not be reached');
  await expect(alert).toContainText(IMS_TWIN);
  await page.unroute(`${IMS_TWIN}/**`);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
});

test('a callback URL opened with no sign-in pending (bookmarked or reloaded) is refused in words', async ({
  page,
  recorded,
}) => {
  await page.goto('/signin-callback?code=stale-code&state=0123456789abcdef&iss=http%3A%2F%2F127.0.0.1%3A3001');
  await expect(page.getByText('This sign-in answer belongs to no sign-in started here')).toBeVisible();
  await expect(page).toHaveURL(`${APP}/`);
  await expect(page.getByRole('button', { name: 'Start a sign-in' })).toBeVisible();
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/token`)).toHaveLength(0);
});

test('a callback with a code but no state is explained, removed from the address bar, and never exchanged', async ({
  page,
  recorded,
}) => {
  await page.goto('/signin-callback?code=planted-code');
  await expect(page.getByText('This sign-in answer belongs to no sign-in started here')).toBeVisible();
  await expect(page).toHaveURL(`${APP}/`);
  // The way forward works: it starts a real sign-in.
  await page.getByRole('button', { name: 'Start a sign-in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${IMS_TWIN}/interaction/`));
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/token`)).toHaveLength(0);
});

test('a callback whose state does not match is refused, with no token request', async ({ page, recorded }) => {
  // On the callback page, before the app runs, this tab's pending sign-in is filed under another
  // state: the state coming back then matches nothing this tab started, as with a forged callback.
  await page.addInitScript(() => {
    if (location.pathname !== '/signin-callback') return;
    for (const key of Object.keys(sessionStorage)) {
      if (!key.startsWith('oidc.') || /^oidc\.[0-9a-f]+\.user:/.test(key)) continue;
      const value = sessionStorage.getItem(key) ?? '';
      sessionStorage.removeItem(key);
      sessionStorage.setItem(`${key}-other`, value);
    }
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByText('This sign-in answer belongs to no sign-in started here')).toBeVisible();
  await expect(page).toHaveURL(`${APP}/`);
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/token`)).toHaveLength(0);
});

test('a replayed callback (back to the callback URL) is refused and the session stays', async ({ page, recorded }) => {
  await signIn(page, 'ada@example.com');
  const callback = recorded.requests.find((r) => r.url().startsWith(`${APP}/signin-callback?`))!.url();
  await page.goto(callback);
  await expect(page.getByText('A sign-in answer in the address bar was refused')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page).toHaveURL(`${APP}/`);
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/token`)).toHaveLength(1);
});

test('an authorization code that was already redeemed is explained (invalid_grant)', async ({ page }) => {
  // Redeem the code once behind the app's back, then let the app's own request try it again.
  await page.route(`${IMS_TWIN}/connect/token`, async (route) => {
    await route.fetch();
    await route.fulfill({ response: await route.fetch() });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The authorization code or refresh token was not accepted');
  await expect(alert).toContainText('invalid_grant');
});

test('a failed renewal with the identity provider down is explained and leaves the page usable', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await expect(page.getByText('A refresh token came back too.')).toBeVisible();

  await page.route(`${IMS_TWIN}/connect/token`, (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Renew now' }).click();
  // Said as a wait, not a dead end: where the browser knows it is offline, as waiting for the
  // network; otherwise as a provider out of reach, with the next attempt (e2e/normal-day.spec.ts).
  const notice = page.getByRole('status').filter({ hasText: /^Renewal (failed|is waiting)/ });
  await expect(notice).toContainText(
    /Renewal failed: the identity provider could not be reached|Renewal is waiting for the network/,
  );
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page.locator('.instance')).toHaveCount(2);
});

test('a renewal refused by the provider (invalid_grant) is explained', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  await expect(page.getByText('A refresh token came back too.')).toBeVisible();
  // Signing out elsewhere revokes the grant; here the refresh token is spoiled on the way out.
  await page.route(`${IMS_TWIN}/connect/token`, async (route) => {
    const body = new URLSearchParams(route.request().postData() ?? '');
    body.set('refresh_token', 'revoked-refresh-token');
    await route.continue({ postData: body.toString() });
  });
  await page.getByRole('button', { name: 'Renew now' }).click();
  // The refresh token is dead: the session ends, saying why, and offers Sign in (issue 24).
  const ended = page.getByRole('status').filter({ hasText: 'Your session has ended' });
  await expect(ended).toContainText('invalid_grant');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('a clock that is minutes off is pointed out', async ({ page }) => {
  await page.clock.setSystemTime(Date.now() - 10 * 60 * 1000);
  await signIn(page, 'ada@example.com');
  // Measured from the token's iat and allowed for (e2e/normal-day.spec.ts, section 6).
  await expect(page.getByText('your clock is about 10 minutes behind the provider')).toBeVisible();
  await expect(page.locator('.verdict')).toContainText(/^Usable/);
});

test('two tabs signing in at once each end up with their own session', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  for (const tab of [first, second]) {
    await tab.goto('/');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect(tab.getByLabel('Email')).toBeVisible();
  }
  await fillSandboxLogin(second, 'grace@example.com');
  await expect(second.getByRole('heading', { name: 'Signed in as Grace Hopper' })).toBeVisible();
  await fillSandboxLogin(first, 'ada@example.com');
  await expect(first.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await second.reload();
  await expect(second.getByRole('heading', { name: 'Signed in as Grace Hopper' })).toBeVisible();
});

test('a reload when signed in keeps the session without another token request; a reload of an error clears it', async ({
  page,
  recorded,
}) => {
  await signIn(page, 'ada@example.com');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/token`)).toHaveLength(1);

  await page.goto('/signin-callback?code=x&state=y');
  await expect(page.getByText('A sign-in answer in the address bar was refused')).toBeVisible();
  await page.reload();
  // The page must be back (signed in) before the notice's absence means anything.
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('A sign-in answer in the address bar was refused')).toHaveCount(0);
});

test('with a refresh token the session renews by itself before the token expires', async ({ page, recorded }) => {
  await page.clock.install();
  await signIn(page, 'ada@example.com', { clientId: 'evo-sandbox-short-lived', check: ['offline_access'] });
  const refreshes = () =>
    recorded.requests.filter(
      (r) =>
        r.url() === `${IMS_TWIN}/connect/token` &&
        new URLSearchParams(r.postData() ?? '').get('grant_type') === 'refresh_token',
    );
  expect(refreshes()).toHaveLength(0);
  // 90-second tokens: renewal is due half-way (a minute before expiry for tokens of two minutes
  // and more; src/auth/autoRenewal.ts).
  await page.clock.fastForward('00:47');
  await expect.poll(() => refreshes().length).toBe(1);
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a part of the app that fails to download is explained instead of loading forever', async ({ page }) => {
  await page.route('**/src/app/PastedTokenView.tsx*', (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Paste a token' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The token inspector could not be loaded');
  await expect(alert).toContainText('Reload the page and try again');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});
