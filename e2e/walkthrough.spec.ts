import { expect, fillSandboxLogin, IMS_TWIN, signIn, test } from './support/fixtures.ts';

test('the timeline shows this sign-in’s own values, consistent with each other', async ({ page, recorded }) => {
  await signIn(page, 'ada@example.com');
  const flow = page.getByRole('region', { name: 'How this sign-in happened' });
  await flow.getByRole('button', { name: 'Show the steps' }).click();

  // The challenge shown is the one sent, and recomputing it from the verifier matches.
  const sent = new URL(recorded.requests.find((r) => r.url().startsWith(`${IMS_TWIN}/connect/authorize?`))!.url());
  await expect(flow.getByLabel('code challenge')).toHaveText(sent.searchParams.get('code_challenge')!);
  await expect(flow.getByLabel('Authorization request URL')).toHaveText(sent.toString());
  await flow.getByRole('button', { name: 'Check it' }).click();
  await expect(flow.getByText('Matches: the challenge sent is the SHA-256 of this verifier.')).toBeVisible();

  // The verifier shown on request is the one the token request carried.
  const tokenRequest = recorded.requests.find((r) => r.url() === `${IMS_TWIN}/connect/token`)!;
  const form = new URLSearchParams(tokenRequest.postData() ?? '');
  await expect(flow.getByLabel('code verifier').first()).not.toContainText(form.get('code_verifier')!);
  await flow.getByRole('button', { name: 'Reveal code verifier' }).first().click();
  await expect(flow.getByLabel('code verifier').first()).toHaveText(form.get('code_verifier')!);
  await flow.getByRole('button', { name: 'Hide code verifier' }).first().click();

  await expect(
    flow.getByText(`state: ${sent.searchParams.get('state')} (matched the one this tab sent)`),
  ).toBeVisible();
  await expect(flow.getByText(`iss: ${IMS_TWIN}`)).toBeVisible();
  await expect(flow.getByText(/token_type Bearer, expires_in \d+ s/)).toBeVisible();
  for (const link of ['RFC 7636 §4.1–4.2', 'RFC 6749 §4.1.1', 'RFC 9207', 'RFC 6749 §4.1.3']) {
    await expect(flow.getByRole('link', { name: link })).toBeVisible();
  }
});

test('step mode pauses before leaving for the provider, and continues on request', async ({ page, recorded }) => {
  await page.goto('/');
  await page.getByLabel('Step mode: pause before leaving for the identity provider').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Step mode: paused before leaving for the identity provider')).toBeVisible();
  await expect(page).toHaveURL('http://localhost:3000/');
  expect(recorded.requests.some((r) => r.url().startsWith(`${IMS_TWIN}/connect/authorize?`))).toBe(false);
  const flow = page.getByRole('region', { name: 'How this sign-in happened' });
  await expect(flow.getByLabel('Authorization request URL')).toContainText(`${IMS_TWIN}/connect/authorize?`);

  // The pause is where the person is, and Escape backs out of it like Cancel.
  const paused = page.getByRole('status').filter({ hasText: 'Step mode: paused before leaving' });
  await expect(paused).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(paused).toBeHidden();

  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Continue to sign-in' }).click();
  await fillSandboxLogin(page, 'ada@example.com');
  await expect(page.getByRole('heading', { name: 'Signed in as Ada Lovelace' })).toBeVisible();
  // In step mode the steps stay open after sign-in, now with the callback and token steps.
  await expect(flow.getByText(/token_type Bearer/)).toBeVisible();
});

test('a renewal shows in the timeline with the old and new expiry; sign-out clears the timeline', async ({
  page,
  recorded,
}) => {
  await signIn(page, 'ada@example.com', { check: ['offline_access'] });
  const exchange = new URLSearchParams(
    recorded.requests.find((r) => r.url() === `${IMS_TWIN}/connect/token`)?.postData() ?? '',
  );
  const [code, verifier] = [exchange.get('code'), exchange.get('code_verifier')];
  expect(code && verifier, 'the sign-in’s code and verifier').toBeTruthy();
  await page.getByRole('button', { name: 'Show the steps' }).click();
  await page.getByRole('button', { name: 'Renew now' }).click();
  const renewals = page.getByRole('list', { name: 'Renewals' });
  await expect(renewals.getByRole('listitem')).toHaveCount(1);
  await expect(renewals).toContainText(/expiry .* → .*; refresh token (rotated|kept)/);

  await page.getByRole('button', { name: 'Forget the token here' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain('evo-sign-in-lab:walkthrough');
  // The values, not only the key they were kept under.
  expect(stored).not.toContain(code);
  expect(stored).not.toContain(verifier);
});
