import type { Page, Request } from '@playwright/test';
import { expect, fillSandboxLogin, IMS_TWIN, saveSettings, signIn, test } from './support/fixtures.ts';

/*
 * Issue 25 §3 (memory only means what it says) and a renewal that cannot loop on a token that
 * expires at once. Each test was seen failing once against the code it guards (named above it).
 */

const TOKEN = `${IMS_TWIN}/connect/token`;
const SETTINGS_KEY = 'evo-sign-in-lab:settings:v1';
/** browserStorage() checks each storage works with a one-character write it removes at once. */
const PROBE_KEY = 'evo-sign-in-lab:probe';

interface Write {
  kind: 'local' | 'session';
  key: string;
  value: string;
}

/**
 * Records every `Storage.setItem` of every page this context loads, from before the first script
 * of the page runs. Each write is handed to the test as it happens (a binding call is sent at
 * once), so a write made just before a navigation, or deleted later, is recorded all the same.
 */
async function recordStorageWrites(page: Page): Promise<Write[]> {
  const writes: Write[] = [];
  await page.context().exposeBinding('__evoLabStorageWrite', (_source, write: Write) => void writes.push(write));
  await page.context().addInitScript(() => {
    const original = Object.getOwnPropertyDescriptor(Storage.prototype, 'setItem')!.value as (
      this: Storage,
      key: string,
      value: string,
    ) => void;
    const record = (globalThis as unknown as { __evoLabStorageWrite: (write: unknown) => void }).__evoLabStorageWrite;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      const kind = this === window.localStorage ? 'local' : 'session';
      record({ kind, key, value: String(value) });
      return original.call(this, key, value);
    };
  });
  return writes;
}

const refreshes = (requests: Request[]) =>
  requests.filter(
    (r) => r.url() === TOKEN && new URLSearchParams(r.postData() ?? '').get('grant_type') === 'refresh_token',
  );

// Break seen failing: flowRecord.ts's saveFlow writing the record whatever the storage choice
// (`evo-sign-in-lab:walkthrough` was recorded, three times).
test('with memory only, a redirect sign-in writes only the settings and the library’s pending sign-in, removed at the callback', async ({
  page,
  recorded,
}) => {
  const writes = await recordStorageWrites(page);
  await page.goto('/');
  await page.getByRole('radio', { name: /Memory only/ }).check();
  await saveSettings(page, { check: ['offline_access'] });
  // What the settings form promises, word for word.
  await expect(page.getByText(/only storage write is the sign-in's state/)).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  // The walkthrough still tells the sign-in, from memory.
  const flow = page.getByRole('region', { name: 'How this sign-in happened' });
  await flow.getByRole('button', { name: 'Show the steps' }).click();
  await expect(flow.getByLabel('Authorization request URL')).toContainText(`${IMS_TWIN}/connect/authorize?`);
  await expect(flow.getByText(/token_type Bearer, expires_in \d+ s/)).toBeVisible();
  // Let anything written after the sign-in (a clock offset, a carried record) happen: real time.
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const exchange = recorded.requests.find(
    (r) => r.url() === TOKEN && new URLSearchParams(r.postData() ?? '').get('grant_type') === 'authorization_code',
  );
  const form = new URLSearchParams(exchange?.postData() ?? '');
  const body = (await (await exchange?.response())?.json()) as { access_token?: string; refresh_token?: string };
  const [code, verifier, access, refresh] = [
    form.get('code'),
    form.get('code_verifier'),
    body.access_token,
    body.refresh_token,
  ];
  for (const secret of [code, verifier, access, refresh]) expect(secret?.length).toBeGreaterThan(10);

  const meaningful = writes.filter((write) => write.key !== PROBE_KEY);
  const pendingKeys = [...new Set(meaningful.filter((w) => w.kind === 'session').map((w) => w.key))];
  // Exactly: the settings (saved by the person), and the library's pending sign-in.
  expect(meaningful.filter((w) => w.kind === 'local').map((w) => w.key)).toEqual([SETTINGS_KEY]);
  expect(pendingKeys).toHaveLength(1);
  expect(pendingKeys[0]).toMatch(/^oidc\.[0-9a-f]{32}$/);
  const authorize = recorded.requests.find((r) => r.url().startsWith(`${IMS_TWIN}/connect/authorize?`));
  expect(pendingKeys[0]).toBe(`oidc.${new URL(authorize!.url()).searchParams.get('state')}`);
  // No write ever held the access token, the refresh token or the code; the verifier only in the
  // pending sign-in, which is gone now.
  for (const secret of [access!, refresh!, code!])
    expect(meaningful.filter((w) => w.value.includes(secret)).map((w) => w.key)).toEqual([]);
  expect([...new Set(meaningful.filter((w) => w.value.includes(verifier!)).map((w) => w.key))]).toEqual(pendingKeys);
  const left = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
  expect(left).toEqual({ session: [], local: [SETTINGS_KEY] });
});

// Break seen failing: refreshOnce (renewal.ts) without its expires-at-once check: a refresh
// request every 10 s, and "renewing it…" on the page the whole time.
test('a renewal answered with expires_in 0 stops after one attempt and says why, with Sign in', async ({
  page,
  recorded,
}) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await signIn(page, 'ada@example.com', { clientId: 'evo-sandbox-short-lived', check: ['offline_access'] });
  await page.route(TOKEN, async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, body: JSON.stringify({ ...json, expires_in: 0 }) });
  });
  // The 90 s token is due for renewal at 45 s; then a minute and more of fake time.
  for (let passed = 0; passed < 120_000; passed += 1_000) {
    await page.clock.runFor(1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(refreshes(recorded.requests)).toHaveLength(1);
  const ended = page.getByRole('status').filter({ hasText: 'a token that expires at once' });
  await expect(ended).toContainText(/expires_in is 0 s|had 0 s left when it arrived \(expires_in\)/);
  await expect(ended).not.toContainText('refused to renew');
  await expect(page.getByText('renewing it with the refresh token')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});
