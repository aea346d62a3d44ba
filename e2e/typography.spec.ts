import type { Page } from '@playwright/test';
import { expect, openWorkspaces, signIn, test } from './support/fixtures.ts';

/**
 * The type scale (ui/theme.css): six sizes, one sans-serif stack and one monospace stack, on the
 * signed-out page and on the signed-in page with its panels open. A stylesheet that sets a size of
 * its own, or a form control or heading left at the browser's size, adds one and fails here.
 */
async function typeInUse(page: Page): Promise<{ sizes: string[]; families: string[] }> {
  return page.evaluate(() => {
    const sizes = new Set<string>();
    const families = new Set<string>();
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const control = element.matches('input, select, textarea, button');
      const ownText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      if (!control && !ownText) continue;
      if (element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      sizes.add(style.fontSize);
      families.add(style.fontFamily);
    }
    return { sizes: [...sizes].sort(), families: [...families].sort() };
  });
}

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MONO = 'ui-monospace, Menlo, Consolas, monospace';

test('the pages use at most six font sizes, one sans-serif and one monospace stack', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  const signedOut = await typeInUse(page);
  expect(signedOut.sizes.length, `sizes on the signed-out page: ${signedOut.sizes.join(', ')}`).toBeLessThanOrEqual(6);
  expect(
    signedOut.families.every((family) => family === SANS || family === MONO),
    signedOut.families.join(' | '),
  ).toBe(true);

  await signIn(page, 'ada@example.com');
  await expect(page.locator('.instance').first()).toBeVisible();
  await openWorkspaces(page, 'Analytical Engines - Exploration');
  await expect(
    page
      .getByRole('region', { name: /^Workspaces of / })
      .getByRole('row')
      .nth(1),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Show the steps' }).click();
  await expect(page.getByRole('heading', { name: 'How this sign-in happened' })).toBeVisible();
  const signedIn = await typeInUse(page);
  expect(signedIn.sizes.length, `sizes on the signed-in page: ${signedIn.sizes.join(', ')}`).toBeLessThanOrEqual(6);
  expect(signedIn.families).toContain(MONO);
  expect(
    signedIn.families.every((family) => family === SANS || family === MONO),
    signedIn.families.join(' | '),
  ).toBe(true);
});
