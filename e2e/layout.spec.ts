import { expect, signIn, test } from './support/fixtures.ts';

for (const width of [360, 390]) {
  test(`nothing scrolls sideways on a ${width} px phone, signed out or signed in with every panel open`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await pageWidth()).toBeLessThanOrEqual(width);

    await signIn(page, 'ada@example.com', { check: ['evo.object', 'evo.file', 'evo.blocksync'] });
    await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
    await page
      .getByRole('button', { name: /^Probe the scopes in / })
      .first()
      .click();
    await expect(page.getByRole('table', { name: 'Block models' })).toBeVisible();
    // The claims table and the walkthrough come once the browser is idle.
    await expect(page.getByRole('table', { name: 'Claims' })).toBeVisible();
    expect(await pageWidth()).toBeLessThanOrEqual(width);
  });
}

test('Sign in and Paste a token are on the first screen of a 1280×800 laptop, above the settings', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  for (const name of ['Sign in', 'Paste a token']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.y + box!.height, `${name} is below the first screen`).toBeLessThanOrEqual(800);
  }
  // Pasting opens the inspector right under the actions.
  await page.getByRole('button', { name: 'Paste a token' }).click();
  const input = await page.getByRole('textbox', { name: 'Access token' }).boundingBox();
  expect(input!.y).toBeLessThan(800);
});
