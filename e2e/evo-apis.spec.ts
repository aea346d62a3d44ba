import type { APIRequestContext } from '@playwright/test';
import { expect, openWorkspaces, probeFirstWorkspace, signIn, test } from './support/fixtures.ts';

const FAULTS = 'http://127.0.0.1:3002/__sandbox/faults';

/** Arms the Evo twin's test-only fault switch for the next `count` calls to `route`. */
async function fault(request: APIRequestContext, body: Record<string, unknown>) {
  const response = await request.post(FAULTS, { data: body });
  expect(response.status(), await response.text()).toBe(204);
}

test.beforeEach(async ({ request }) => {
  await request.delete(FAULTS);
});

test('goes from Discovery to an instance’s workspaces and pages through them', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  await openWorkspaces(page, 'Analytical Engines - Exploration');
  const workspaces = page.getByRole('region', { name: 'Workspaces of Analytical Engines - Exploration' });
  await expect(workspaces.getByText('Showing 1–20 of 27')).toBeVisible();
  await expect(workspaces.getByRole('row')).toHaveCount(21);
  await expect(workspaces.getByRole('row').nth(1)).toContainText(/owner|editor|viewer/);
  const firstPageNames = await workspaces.getByRole('rowheader').allInnerTexts();

  await workspaces.getByRole('button', { name: 'Next page' }).click();
  await expect(workspaces.getByText('Showing 21–27 of 27')).toBeVisible();
  await expect(workspaces.getByRole('row')).toHaveCount(8);
  await expect(workspaces.getByRole('button', { name: 'Next page' })).toBeDisabled();
  // The pressed button keeps the focus although it cannot be pressed again: not dropped to the body.
  await expect(workspaces.getByRole('button', { name: 'Next page' })).toBeFocused();
  const secondPageNames = await workspaces.getByRole('rowheader').allInnerTexts();
  expect(secondPageNames.filter((name) => firstPageNames.includes(name))).toEqual([]);

  await workspaces.getByRole('button', { name: 'Previous page' }).click();
  await expect(workspaces.getByText('Showing 1–20 of 27')).toBeVisible();

  // The other instance lives on another hub.
  await openWorkspaces(page, 'Analytical Engines - Resource Modelling');
  await expect(page.getByText('Showing 1–4 of 4')).toBeVisible();
  await expect(page.getByText(/hubs\/us\/workspace\/orgs\//)).toBeVisible();
});

test('shows the Discovery answer as raw JSON one click away', async ({ page }) => {
  await signIn(page, 'grace@example.com');
  await page.getByText('Raw JSON of the answer').click();
  await expect(page.locator('.raw-json pre')).toContainText('"service_access"');
  await expect(page.locator('.raw-json pre')).toContainText('"display_name": "Compiler Geoscience"');
});

test('the scope probe shows the limited registration refused by the APIs it has no scope for', async ({ page }) => {
  await signIn(page, 'ada@example.com', { clientId: 'evo-sandbox-limited' });
  await probeFirstWorkspace(page, 'Analytical Engines - Exploration');

  const probe = page.getByRole('table', { name: 'Scope probe results' });
  await expect(probe.getByRole('row', { name: /^Workspaces\s+evo\.workspace\s+yes\s+200 let in/ })).toBeVisible();
  for (const [api, scope] of [
    ['Geoscience Objects', 'evo\\.object'],
    ['Files', 'evo\\.file'],
    ['Block Models', 'evo\\.blocksync'],
  ]) {
    await expect(
      probe.getByRole('row', { name: new RegExp(`^${api}\\s+${scope}\\s+no\\s+403 refused\\s+Refused for scope`) }),
    ).toBeVisible();
  }
});

test('the scope probe lets a token with every scope into every API', async ({ page }) => {
  await signIn(page, 'grace@example.com', { check: ['evo.object', 'evo.file', 'evo.blocksync'] });
  await probeFirstWorkspace(page, 'Compiler Geoscience');
  const probe = page.getByRole('table', { name: 'Scope probe results' });
  await expect(probe.getByRole('row', { name: /200 let in\s+Let in, as the granted scope says/ })).toHaveCount(4);
});

const failures: { name: string; body: Record<string, unknown>; words: RegExp[] }[] = [
  {
    name: '401',
    body: { route: 'discovery', kind: 'status', status: 401 },
    words: [/did not accept the token \(401\)/, /Sign in again/],
  },
  { name: '403', body: { route: 'discovery', kind: 'status', status: 403 }, words: [/refused the call \(403\)/] },
  {
    name: '404',
    body: { route: 'discovery', kind: 'status', status: 404 },
    words: [/answered 404 Not Found/, /Discovery URL/],
  },
  {
    name: '429 with Retry-After',
    body: { route: 'discovery', kind: 'status', status: 429, retryAfter: 30 },
    words: [/asked the app to slow down \(429\)/, /Try again in 30 seconds/],
  },
  {
    name: '5xx, after the app retried it',
    body: { route: 'discovery', kind: 'status', status: 503, count: 3 },
    words: [/failed on its side \(503\)/, /tried again and it still failed/],
  },
  {
    name: 'a dropped connection',
    body: { route: 'discovery', kind: 'drop', count: 20 },
    words: [/could not be reached/, /CORS/],
  },
  {
    name: 'a body of the wrong shape',
    body: { route: 'discovery', kind: 'malformed' },
    words: [/answered with something unexpected/, /discovery/],
  },
];

for (const failure of failures) {
  test(`explains a Discovery failure in words and recovers: ${failure.name}`, async ({ page, request }) => {
    await fault(request, failure.body);
    await signIn(page, 'ada@example.com');
    const discovery = page.getByRole('region', { name: 'Evo Discovery' });
    const alert = discovery.getByRole('alert');
    for (const words of failure.words) await expect(alert).toContainText(words, { timeout: 15_000 });

    // Once the fault clears, trying again works.
    await request.delete(FAULTS);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(discovery.locator('.instance')).toHaveCount(2);
    await expect(alert).toHaveCount(0);
  });
}

test('retries a 5xx twice but never a 4xx', async ({ page, request, recorded }) => {
  // The error shows only once the retries are over, so counting calls then is exact.
  const discoveryCalls = () => recorded.requests.filter((r) => r.url().includes('/evo/identity/v2/discovery')).length;
  await fault(request, { route: 'discovery', kind: 'status', status: 403, count: 5 });
  await signIn(page, 'ada@example.com');
  const alert = page.getByRole('region', { name: 'Evo Discovery' }).getByRole('alert');
  await expect(alert).toContainText('(403)');
  expect(discoveryCalls()).toBe(1);

  await fault(request, { route: 'discovery', kind: 'status', status: 502, count: 5 });
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toContainText('(502)', { timeout: 15_000 });
  expect(discoveryCalls()).toBe(1 + 3);
});

test('shows that Discovery is still answering while it is slow', async ({ page, request }) => {
  await fault(request, { route: 'discovery', kind: 'slow', delayMs: 2500 });
  await signIn(page, 'ada@example.com');
  await expect(page.getByText('Asking Evo Discovery which instances you can use…')).toBeVisible();
  await expect(page.locator('.instance')).toHaveCount(2, { timeout: 10_000 });
});

test('explains a Workspaces failure in words and recovers', async ({ page, request }) => {
  await signIn(page, 'ada@example.com');
  await fault(request, { route: 'workspaces', kind: 'status', status: 500, count: 3 });
  await openWorkspaces(page, 'Analytical Engines - Exploration');
  const alert = page.getByRole('region', { name: /^Workspaces of/ }).getByRole('alert');
  await expect(alert).toContainText('The Workspaces API failed on its side (500)', { timeout: 15_000 });
  await request.delete(FAULTS);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('Showing 1–20 of 27')).toBeVisible();
});

test('shows every instance when Discovery sends services and accounts as null, as the SDK allows', async ({ page }) => {
  await page.route('**/evo/identity/v2/discovery?**', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { discovery: Record<string, unknown> };
    body.discovery.services = null;
    body.discovery.accounts = null;
    await route.fulfill({ response, json: body });
  });
  await signIn(page, 'ada@example.com');
  await page.getByText('Raw JSON of the answer').click();
  await expect(page.locator('.raw-json pre')).toContainText('"services": null');
  const instances = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(instances.getByRole('heading', { level: 3 })).toHaveText([
    'Analytical Engines - Exploration',
    'Analytical Engines - Resource Modelling',
  ]);
  // Without the services list the codes stand in for the names, and nothing is called malformed.
  await expect(page.getByRole('list', { name: /^Services of Analytical Engines - Exploration/ })).toContainText(
    'blockmodel',
  );
  await expect(page.getByRole('region', { name: 'Evo Discovery' }).locator('.field-warning')).toHaveCount(0);
});

test('shows what a workspace holds: objects with their schema, files with their size, block models with their grid', async ({
  page,
}) => {
  await signIn(page, 'grace@example.com', { check: ['evo.object', 'evo.file', 'evo.blocksync'] });
  await probeFirstWorkspace(page, 'Compiler Geoscience');
  const contents = page.getByRole('region', { name: /^In / });
  const objects = contents.getByRole('table', { name: 'Geoscience objects' });
  await expect(objects.getByRole('row', { name: /^Collars\s+\/drilling\/\s+pointset 1\.3\.0/ })).toBeVisible();
  await expect(
    contents
      .getByRole('table', { name: 'Files' })
      .getByRole('row', { name: /^collars\.csv\s+\/drilling\/collars\.csv\s+18 kB/ }),
  ).toBeVisible();
  await expect(
    contents
      .getByRole('table', { name: 'Block models' })
      .getByRole('row', { name: /^Resource model 2025\s+Regular, 120 × 80 × 40 blocks of 10 × 10 × 5 m/ }),
  ).toBeVisible();
});

test('the scope probe says an instance has no Block Models service instead of blaming the role', async ({ page }) => {
  await signIn(page, 'ada@example.com', { check: ['evo.object', 'evo.file', 'evo.blocksync'] });
  await probeFirstWorkspace(page, 'Analytical Engines - Resource Modelling');
  const probe = page.getByRole('table', { name: 'Scope probe results' });
  await expect(
    probe.getByRole('row', {
      name: /^Block Models\s+evo\.blocksync\s+yes\s+403 refused\s+This instance has no Block Models service/,
    }),
  ).toBeVisible();
  await expect(probe.getByRole('row', { name: /^Files\s+evo\.file\s+yes\s+200 let in/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Block models' })).toContainText(
    'Not listed: the API answered 403 Service not enabled. Discovery lists no Block Models service for this instance',
  );
});

test('a real-sized organisation: filter 300 instances, find one workspace among 2000 by name, jump to the last page', async ({
  page,
}) => {
  await signIn(page, 'atlas@example.com');
  const discovery = page.getByRole('region', { name: 'Evo Discovery' });
  await expect(discovery.getByText('300 instances (organisations) you can use')).toBeVisible();
  // Cards are drawn a batch at a time, not all 300 at once.
  await expect(discovery.locator('.instance')).toHaveCount(30);
  await discovery.getByLabel('Filter instances by name').fill('global exploration');
  await expect(discovery.locator('.instance')).toHaveCount(1);
  await openWorkspaces(page, 'Atlas Mining - Global Exploration');

  const workspaces = page.getByRole('region', { name: 'Workspaces of Atlas Mining - Global Exploration' });
  await expect(workspaces.getByText('Showing 1–20 of 2000')).toBeVisible();
  await workspaces.getByLabel('Go to page').fill('100');
  await workspaces.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(workspaces.getByText('Showing 1981–2000 of 2000')).toBeVisible();
  await expect(workspaces.getByText('Page 100 of 100')).toBeVisible();

  await workspaces.getByLabel('Find a workspace by name').fill('1234');
  await expect(workspaces.getByText('Showing 1–1 of 1 named like “1234”')).toBeVisible();
  await expect(workspaces.getByRole('rowheader')).toHaveCount(1);
  await expect(workspaces.getByRole('rowheader')).toContainText(/ 1234Sandbox workspace 1234 of /);

  await workspaces.getByLabel('Find a workspace by name').fill('');
  await workspaces.getByLabel('Per page').selectOption('100');
  await expect(workspaces.getByText('Showing 1–100 of 2000')).toBeVisible();
  await expect(workspaces.getByText('Page 1 of 20')).toBeVisible();
});

test('after a failed call again, the raw JSON of the earlier answer is not shown as if current', async ({
  page,
  request,
}) => {
  await signIn(page, 'grace@example.com');
  const discovery = page.getByRole('region', { name: 'Evo Discovery' });
  await discovery.getByText('Raw JSON of the answer').click();
  await expect(discovery.locator('.raw-json pre')).toContainText('Compiler Geoscience');

  await fault(request, { route: 'discovery', kind: 'status', status: 403 });
  await discovery.getByRole('button', { name: 'Call again' }).click();
  await expect(discovery.getByRole('alert')).toContainText('refused the call (403)');
  await expect(discovery.getByText('Raw JSON of the answer')).toHaveCount(0);
});
