import type { Request } from '@playwright/test';
import { expect, signIn, test } from './support/fixtures.ts';

const EVO_TWIN = 'http://127.0.0.1:3002';
const ELSEWHERE = `${EVO_TWIN}/elsewhere/evo/identity/v2/discovery?service=evo`;

interface Reached {
  url: string;
  /** Whether it carried a bearer token (the token itself is never kept, so no failure prints it). */
  bearer: boolean;
}

/** Notes a request to the redirect's target, and whether it carried a bearer token. */
function noteTarget(reached: Reached[], request: Request): void {
  if (request.url().includes('/elsewhere/')) {
    reached.push({ url: request.url(), bearer: /^bearer\s/i.test(request.headers().authorization ?? '') });
  }
}

for (const status of [307, 302]) {
  test(`Discovery answering ${status} to another path on the same server never gets the bearer there`, async ({
    page,
  }) => {
    // Every request that reaches the redirect's target.
    const reachedTarget: Reached[] = [];
    page.on('request', (request) => noteTarget(reachedTarget, request));
    await page.route('**/evo/identity/v2/discovery?**', async (route) => {
      if (route.request().method() === 'OPTIONS') return route.continue();
      // The real answer's CORS headers, with a redirect instead of its body.
      const response = await route.fetch();
      await route.fulfill({ response, status, headers: { ...response.headers(), location: ELSEWHERE }, body: '' });
    });

    await signIn(page, 'ada@example.com');
    const alert = page.getByRole('region', { name: 'Evo Discovery' }).getByRole('alert');
    await expect(alert).toBeVisible();

    // The page has answered; by now a followed redirect would have reached the target.
    expect(reachedTarget.filter((request) => request.bearer)).toEqual([]);
    expect(reachedTarget).toEqual([]);
    // And the page says so.
    await expect(alert).toContainText('answered with a redirect');
    await expect(alert).toContainText('the token is not sent there');
  });
}

test('a console call answered with a 302 is not followed, and the console says so', async ({ page }) => {
  const reachedTarget: Reached[] = [];
  page.on('request', (request) => noteTarget(reachedTarget, request));
  await signIn(page, 'ada@example.com');
  const panel = page.getByRole('region', { name: 'Evo Discovery' });
  await expect(panel.getByRole('heading', { level: 3 }).first()).toBeVisible();
  // From now on, the Workspaces API redirects to another path on the same server.
  await page.route('**/workspace/orgs/**', async (route) => {
    if (route.request().method() === 'OPTIONS') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, status: 302, headers: { ...response.headers(), location: ELSEWHERE }, body: '' });
  });
  await page.getByRole('button', { name: 'Open the API console' }).click();
  await page.getByRole('group', { name: 'Console views' }).getByRole('button', { name: 'Request' }).click();
  await expect(page.getByLabel('URL', { exact: true })).toHaveValue(/\/workspace\/orgs\/[0-9a-f-]{36}\/workspaces$/);
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('region', { name: 'Answer' });
  await expect(answer).toContainText('answered');
  expect(reachedTarget.filter((request) => request.bearer)).toEqual([]);
  expect(reachedTarget).toEqual([]);
  await expect(answer).toContainText('with a redirect');
  await expect(answer).toContainText('the token is not sent there');
});
