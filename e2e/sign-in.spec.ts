import { expect, fillSandboxLogin, IMS_TWIN, signIn, storedAccessToken, test } from './support/fixtures.ts';

const EVO_TWIN = 'http://127.0.0.1:3002';

test('signs in through the IMS twin and shows who signed in, the token and the Discovery answer', async ({ page }) => {
  await signIn(page, 'ada@example.com');

  // Who signed in comes from the access token's own claims (there is no ID token).
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('ada@example.com · Analytical Engines Ltd')).toBeVisible();

  // Requested vs granted, and the IMS array form of scope.
  const scopes = page.getByRole('table', { name: 'Requested vs granted scopes' });
  await expect(scopes.getByRole('row', { name: /evo\.discovery\s+yes\s+yes/ })).toBeVisible();
  await expect(scopes.getByRole('row', { name: /evo\.workspace\s+yes\s+yes/ })).toBeVisible();
  await expect(page.getByText('as a JSON array in "scope"')).toBeVisible();
  // The clock time in the browser's locale follows the first screen.
  await expect(page.getByText(/^Expires in \d+:\d\d \(at \d.+\)$/)).toBeVisible();

  // Decoded header and claims, each with a meaning.
  const header = page.getByRole('table', { name: 'Header' });
  await expect(header.getByRole('row', { name: /alg\s+RS256/ })).toBeVisible();
  const claims = page.getByRole('table', { name: 'Claims' });
  await expect(claims.getByRole('row', { name: /client_id\s+evo-sandbox-spa\s+The app registration/ })).toBeVisible();
  await expect(
    claims.getByRole('row', { name: new RegExp(`^iss\\s+${IMS_TWIN.replaceAll('.', '\\.')}`) }),
  ).toBeVisible();

  // Discovery: two instances on two hubs, sorted by name, with their services.
  const instances = page.locator('.instance');
  await expect(instances).toHaveCount(2);
  await expect(instances.nth(0)).toContainText('Analytical Engines - Exploration');
  await expect(instances.nth(0)).toContainText(`Hub Australia East au ${EVO_TWIN}/hubs/au`);
  await expect(
    instances
      .nth(0)
      .getByRole('list', { name: /Services of/ })
      .getByRole('listitem'),
  ).toHaveText(['Block Model', 'File', 'Geoscience Object', 'Workspace']);
  await expect(instances.nth(1)).toContainText('Analytical Engines - Resource Modelling');
  await expect(instances.nth(1)).toContainText('Hub US East us');
});

test('leaves no code, state or iss in the address bar and makes each protocol request once', async ({
  page,
  recorded,
}) => {
  await signIn(page, 'grace@example.com');
  await expect(page.locator('.instance')).toHaveCount(1);
  // The signature check fetches the key set once, finding it from the metadata already held.
  await expect(page.getByRole('region', { name: 'Signature' })).toContainText('Signature valid');

  // The callback's parameters and path are gone, and not in history either.
  expect(page.url()).toBe('http://localhost:3000/');
  const callbackUrl = recorded.requests.find((request) => request.url().includes('/signin-callback?'))?.url() ?? '';
  expect(new URL(callbackUrl).searchParams.get('iss')).toBe(IMS_TWIN);

  // One metadata fetch, one token request and one Discovery call per sign-in, in StrictMode too.
  const metadataRequests = recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/.well-known/openid-configuration`);
  expect(metadataRequests).toHaveLength(1);
  const tokenRequests = recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/connect/token`);
  expect(tokenRequests).toHaveLength(1);
  const discoveryRequests = recorded.requests.filter((r) =>
    r.url().startsWith(`${EVO_TWIN}/evo/identity/v2/discovery`),
  );
  expect(discoveryRequests).toHaveLength(1);
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/.well-known/openid-configuration`)).toHaveLength(1);
  expect(recorded.requests.filter((r) => r.url() === `${IMS_TWIN}/.well-known/openid-configuration/jwks`)).toHaveLength(
    1,
  );
  // PKCE: the authorization request carried an S256 challenge and the token request its verifier.
  const authorize = new URL(recorded.requests.find((r) => r.url().startsWith(`${IMS_TWIN}/connect/authorize?`))!.url());
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('scope')).toBe('evo.discovery evo.workspace');
  expect(new URLSearchParams(tokenRequests[0]!.postData() ?? '').get('code_verifier')).toMatch(/^[\w-]{43,128}$/);

  // History holds no callback either: back leaves the app for the provider's page, and forward
  // returns to the clean start page, not to the callback URL the provider sent.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`^${IMS_TWIN}/`));
  await page.goForward();
  await expect(page).toHaveURL('http://localhost:3000/');
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
});

test("fetches the provider's metadata while the page is idle, once, so Sign in goes straight to the provider", async ({
  page,
}) => {
  // A slow provider: Sign in is pressed while the idle page's request is still out, and waits for it.
  const metadataRequests: string[] = [];
  await page.route(`${IMS_TWIN}/.well-known/openid-configuration`, async (route) => {
    metadataRequests.push(route.request().url());
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  const prefetched = page.waitForRequest(`${IMS_TWIN}/.well-known/openid-configuration`);
  await page.goto('/');
  await prefetched;
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  expect(metadataRequests).toHaveLength(1);
});

test('signs out at the provider and leaves no token in any storage', async ({ page, recorded }) => {
  await signIn(page, 'ada@example.com');
  const token = await storedAccessToken(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // With no ID token, the end-session request names the client and where to come back to.
  await expect
    .poll(() => recorded.requests.some((r) => r.url().startsWith(`${IMS_TWIN}/connect/endsession?`)))
    .toBe(true);
  const endSession = new URL(
    recorded.requests.find((r) => r.url().startsWith(`${IMS_TWIN}/connect/endsession?`))!.url(),
  );
  expect(endSession.searchParams.get('client_id')).toBe('evo-sandbox-spa');
  expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost:3000/');
  expect(endSession.searchParams.has('id_token_hint')).toBe(false);

  // Back on the signed-out page, with nothing of the session left.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(page.url()).toBe('http://localhost:3000/');
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toMatch(/access_token|refresh_token|oidc\.[0-9a-f]+\.user:/);
  // The value itself, not only the names it could be stored under.
  expect(stored).not.toContain(token.split('.')[2]);

  // The provider's session ended too: signing in asks for credentials again.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('a person with no instances sees an honest empty state', async ({ page }) => {
  await signIn(page, 'newcomer@example.com');
  await expect(page.getByText('You have no Evo instances yet')).toBeVisible();
  await expect(page.getByText(/not a member of any Evo instance/)).toBeVisible();
});

test('a registration without a requested scope gets a clear invalid_scope message, and keeps the settings', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Client ID').fill('evo-sandbox-limited');
  await page.getByRole('checkbox', { name: /evo\.object/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();

  // IMS refuses at the authorization endpoint, before any login page.
  await expect(page.getByRole('alert')).toContainText('The identity provider refused a requested scope');
  await expect(page.getByRole('alert')).toContainText('invalid_scope');
  await expect(page.getByRole('alert')).toContainText('requested scope is not allowed');
  // It names the scope the registration lacks, and where it was chosen.
  await expect(page.getByRole('alert')).toContainText('the registration lacks "evo.object"');
  await expect(page.getByRole('alert')).toContainText('untick "evo.object" in the scope picker');
  expect(page.url()).toBe('http://localhost:3000/');
  await expect(page.getByLabel('Client ID')).toHaveValue('evo-sandbox-limited');
  await expect(page.getByRole('checkbox', { name: /evo\.object/ })).toBeChecked();

  // Dropping the scope the registration lacks lets the same client sign in.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('checkbox', { name: /evo\.object/ }).uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: /^Signed in/ })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Claims' }).getByRole('row', { name: /client_id\s+evo-sandbox-limited/ }),
  ).toBeVisible();
});

test('offline_access chosen before sign-in is requested and brings a refresh token', async ({ page, recorded }) => {
  await page.goto('/');
  await page.getByRole('checkbox', { name: /offline_access/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');

  await expect(page.getByText('A refresh token came back too.')).toBeVisible();
  const scopes = page.getByRole('table', { name: 'Requested vs granted scopes' });
  await expect(scopes.getByRole('row', { name: /offline_access\s+yes\s+yes/ })).toBeVisible();
  const authorize = new URL(recorded.requests.find((r) => r.url().startsWith(`${IMS_TWIN}/connect/authorize?`))!.url());
  expect(authorize.searchParams.get('scope')).toBe('evo.discovery evo.workspace offline_access');
});

test('forgetting the token here signs out of the app only: the provider still knows the person', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  const token = await storedAccessToken(page);
  await page.getByRole('button', { name: 'Forget the token here' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toMatch(/access_token|oidc\.[0-9a-f]+\.user:/);
  expect(stored).not.toContain(token.split('.')[2]);

  // The provider's session is still there: signing in again needs no password.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
});

test('the setup guide gives this page’s exact redirect and post-logout URIs to register', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'How to register an Evo app' }).click();
  const guide = page.getByRole('region', { name: 'Register an Evo app to sign in with Bentley IMS' });
  await expect(guide.getByLabel('Redirect URI')).toHaveText('http://localhost:3000/signin-callback');
  await expect(guide.getByLabel('Post-logout URI')).toHaveText('http://localhost:3000/');
  await expect(guide).toContainText('invalid_scope');
  await expect(guide).toContainText('secret must never reach a browser');
  // The three kinds of app side by side, with the command for the two that are not this page.
  const types = guide.getByRole('table', { name: 'The three kinds of Evo app' });
  await expect(types.getByRole('rowheader')).toHaveText(['Single-page app', 'Native app', 'Service app']);
  await expect(types.getByRole('row', { name: /^Native app/ })).toContainText('npm run token -- native');
  await expect(types.getByRole('row', { name: /^Service app/ })).toContainText('npm run token -- service');
});
