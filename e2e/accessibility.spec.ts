import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './support/fixtures.ts';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

const SIZES = [
  [1280, 800],
  [390, 844],
] as const;

for (const [width, height] of SIZES) {
  test(`the signed-out page and its settings have no axe violations at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoViolations(page);
    // With errors, the share link and the token inspector open.
    await page.getByRole('radio', { name: /Bentley IMS\b(?! QA)/ }).check();
    await page.getByRole('button', { name: 'Share these settings' }).click();
    await page.getByRole('button', { name: 'How to register an Evo app' }).click();
    await expect(page.getByRole('heading', { name: 'Register an Evo app to sign in with Bentley IMS' })).toBeVisible();
    await page.getByRole('button', { name: 'Paste a token' }).click();
    await page.getByRole('textbox', { name: 'Access token' }).fill('not-a-jwt');
    await page.getByRole('button', { name: 'Inspect' }).click();
    await expect(page.getByText('This access token cannot be decoded')).toBeVisible();
    await expectNoViolations(page);
  });

  test(`the signed-in page, with workspaces, the scope probe and the walkthrough open, has no axe violations at ${width}x${height}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await signIn(page, 'ada@example.com');
    await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
    await page
      .getByRole('button', { name: /^Probe the scopes in / })
      .first()
      .click();
    await expect(page.getByRole('table', { name: 'Scope probe results' }).getByText('200 let in')).toBeVisible();
    await page.getByText('Raw JSON of the answer').click();
    await page.getByRole('button', { name: 'Show the steps' }).click();
    await expect(page.getByRole('button', { name: 'Check it' })).toBeVisible();
    await expectNoViolations(page);
  });
}

test('the sandbox login page has no axe violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  await expectNoViolations(page);
});

test('a whole sign-in works from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  // Tab to the Sign in button and press it.
  const signInButton = page.getByRole('button', { name: 'Sign in' });
  await expect(async () => {
    await page.keyboard.press('Tab');
    await expect(signInButton).toBeFocused({ timeout: 50 });
  }).toPass({ timeout: 15_000, intervals: [0] });
  await page.keyboard.press('Enter');
  // The login form takes focus in its email field.
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type('ada@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sandbox');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
});
