import { expect, fillSandboxLogin, test } from './support/fixtures.ts';

const HOSTED = 'http://localhost:4180/lab/';

test('a production build served from a sub-path signs in against the sandbox, under its CSP headers', async ({
  page,
}) => {
  const response = await page.goto(HOSTED);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');

  // The redirect URI follows where the copy is served.
  await expect(page.getByLabel(/Redirect URI/)).toHaveValue(`${HOSTED}signin-callback`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'grace@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Grace Hopper' })).toBeVisible();
  await expect(page).toHaveURL(HOSTED);
  await expect(page.locator('.instance')).toHaveCount(1);

  // Sign-out comes back to the same sub-path.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(HOSTED);
});
