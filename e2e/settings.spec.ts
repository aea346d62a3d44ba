import { expect, test } from './support/fixtures.ts';

test('a missing client ID for Bentley IMS names the setting and how to fix it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: /Bentley IMS\b(?! QA)/ }).check();
  await expect(page.getByLabel('Authority (identity provider)')).toHaveValue('https://ims.bentley.com');
  await expect(
    page.getByText(/The client ID is empty\. Register a single-page app in the Seequent Developer Portal/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await expect(page.getByText('Save your changes to sign in with them.')).toBeVisible();

  // Typing a client ID makes it savable, and the choice survives a reload.
  await page.getByLabel('Client ID').fill('my-evo-spa');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.reload();
  await expect(page.getByRole('radio', { name: /Bentley IMS\b(?! QA)/ })).toBeChecked();
  await expect(page.getByLabel('Client ID')).toHaveValue('my-evo-spa');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('shows the redirect URI to register, derived from the page origin', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel(/Redirect URI/)).toHaveValue('http://localhost:3000/signin-callback');
});

test('explains in words when the Evo twin is down, and recovers when it is back', async ({ page }) => {
  // The Evo twin refuses connections, as a stopped server does.
  await page.route('http://127.0.0.1:3002/**', (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const alert = page.getByRole('region', { name: 'Evo Discovery' }).getByRole('alert');
  await expect(alert).toContainText('Evo Discovery could not be reached', { timeout: 15_000 });
  await expect(alert).toContainText('http://127.0.0.1:3002/evo/identity/v2/discovery');
  await expect(alert).toContainText('CORS');

  await page.unroute('http://127.0.0.1:3002/**');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.instance')).toHaveCount(2);
});

test('the setup guide closes with its Close button or Escape, and focus goes back to what opened it', async ({
  page,
}) => {
  await page.goto('/');
  const opener = page.getByRole('button', { name: 'How to register an Evo app' });
  const guide = page.getByRole('region', { name: 'Register an Evo app to sign in with Bentley IMS' });
  await opener.click();
  await expect(guide).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(guide).toHaveCount(0);
  await expect(opener).toBeFocused();

  await opener.click();
  await guide.getByRole('button', { name: 'Close the guide' }).click();
  await expect(guide).toHaveCount(0);
  await expect(opener).toBeFocused();
});
