import { expect, signIn, test } from './support/fixtures.ts';

/**
 * After each action that shows a result, focus goes to the result's heading or stays on the
 * control pressed: never to the page's body, where a keyboard or screen-reader user starts over.
 */
for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`focus follows each action at ${width}x${height}`, async ({ page, context }) => {
    await page.setViewportSize({ width, height });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'ada@example.com', { check: ['offline_access'] });
    // Sign-in completed: the page starts at who signed in.
    await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeFocused();

    // Copy: the pressed button alone says Copied, and keeps the focus.
    const copy = page.getByRole('button', { name: 'Copy access token' });
    await copy.click();
    await expect(page.getByRole('button', { name: 'Copied' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Copied' })).toBeFocused();

    // Renew now: stays on the button, which says what it is doing.
    await page.getByRole('button', { name: 'Renew now' }).click();
    await expect(page.getByRole('button', { name: 'Renew now' })).toBeFocused();

    // Discovery's Call again: the button keeps the focus while the call runs and after.
    const callAgain = page.getByRole('button', { name: /^(Call again|Calling…)$/ });
    await callAgain.click();
    await expect(callAgain).toBeFocused();
    await expect(page.getByRole('button', { name: 'Call again' })).toBeFocused();

    // List workspaces: the list's heading, scrolled into view.
    await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
    const workspaces = page.getByRole('heading', { name: 'Workspaces of Analytical Engines - Exploration' });
    await expect(workspaces).toBeFocused();
    await expect(workspaces).toBeInViewport();

    // Probe: the probe's heading.
    await page
      .getByRole('button', { name: /^Probe the scopes in / })
      .first()
      .click();
    const probe = page.getByRole('heading', { name: /^Scope probe in / });
    await expect(probe).toBeFocused();
    await expect(probe).toBeInViewport();

    // Show the steps: its button goes away, so the steps' heading takes the focus.
    await page.getByRole('button', { name: 'Show the steps' }).click();
    const steps = page.getByRole('heading', { name: 'How this sign-in happened' });
    await expect(steps).toBeFocused();
    await expect(steps).toBeInViewport();
  });
}

test('List workspaces brings the first workspace row into view at 1280x800', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'ada@example.com');
  await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
  const list = page.getByRole('region', { name: 'Workspaces of Analytical Engines - Exploration' });
  const firstRow = list.getByRole('row').nth(1);
  await expect(firstRow).toBeVisible();
  // The whole first row, not the heading alone, and the heading keeps the focus.
  await expect(firstRow).toBeInViewport({ ratio: 1 });
  await expect(list.getByRole('heading', { name: 'Workspaces of Analytical Engines - Exploration' })).toBeFocused();
});
