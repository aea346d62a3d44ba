import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.ts';
import { expect, fillSandboxLogin, IMS_TWIN, signIn, test } from './support/fixtures.ts';

/*
 * A normal day (issue 24), section 4: Back from the provider's page, the page restored from the
 * back/forward cache. Playwright starts Chromium with --disable-back-forward-cache; without it,
 * Back restores the page from the cache as a person's browser does (no load event, `pageshow`
 * with `persisted`). The fresh-load Back is in normal-day.spec.ts.
 */
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  },
});

/** Sign in to the provider's page, then the browser's Back: the page must come from the cache. */
async function leaveAndComeBack(page: Page): Promise<void> {
  // On this very document: a restore brings it back as it was left.
  await page.evaluate(() =>
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) document.documentElement.dataset.restored = 'yes';
    }),
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${IMS_TWIN}/interaction/`));
  // A restore fires no load event: wait for the navigation to commit only.
  await page.goBack({ waitUntil: 'commit' });
  await expect(page.locator('html')).toHaveAttribute('data-restored', 'yes');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 1_000 });
  await expect(page.getByText('Taking you to the identity provider')).toHaveCount(0);
}

// Break seen failing: the pageshow listener removed from useIdleSession (idleSession.ts): the
// restored page said "Taking you to the identity provider…" with no Sign in.
test('on a first visit: usable at once, and a second Sign in completes', async ({ page }) => {
  await page.goto('/');
  await leaveAndComeBack(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
});

// Break seen failing: useSession without its stale-navigator check (`stale = false`):
// react-oidc-context's activeNavigator and isLoading stuck, its #1243.
test('with the session code loaded (after a sign-out): usable at once too', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await leaveAndComeBack(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
});
