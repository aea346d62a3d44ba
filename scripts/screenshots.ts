/**
 * `npm run docs:screenshots`: drives the built app through the sandbox with Playwright and writes
 * the images the README and docs show, so they are regenerated whenever the UI changes. Values
 * that differ between runs (times, token ids, keys) are masked, so the images only change when
 * the UI does.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { startHarness } from './harness.ts';

const OUT = resolve('docs/images');
const PORTS = { ims: 3111, evo: 3112, app: 4175 };

/** Everything on the page (or in one part of it) that changes from run to run. */
function volatile(page: Page | Locator): Locator[] {
  return [
    page.locator('.countdown'),
    page.locator('.claim-time'),
    page
      .locator('.claims-table tr')
      .filter({ has: page.locator('th code', { hasText: /^(jti|kid|iat|exp|nbf|auth_time|sid)$/ }) })
      .locator('td:first-of-type'),
    page.locator('.code-block'),
    page.locator('.token-input'),
    page.getByText(/^Token eyJ/),
    page.locator('.notice-success code').first(),
    // The walkthrough's per-attempt values: challenge, state, URL, times.
    page.locator('[aria-label="code challenge"], [aria-label="Authorization request URL"]'),
    page
      .locator('.flow-params tr')
      .filter({ has: page.locator('th code', { hasText: /^(state|code_challenge)$/ }) })
      .locator('td:nth-child(2)'),
    page
      .locator('.flow-facts li')
      .filter({ hasText: /^state:/ })
      .locator('code'),
    page.getByRole('list', { name: 'Renewals' }),
  ];
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({
    path: join(OUT, `${name}.png`),
    fullPage,
    mask: volatile(page),
    maskColor: '#c9d2dc',
    animations: 'disabled',
  });
  console.log(`  docs/images/${name}.png`);
}

/** A picture of one part of the page. */
async function shotOf(part: Locator, name: string): Promise<void> {
  await part.screenshot({
    path: join(OUT, `${name}.png`),
    mask: volatile(part),
    maskColor: '#c9d2dc',
    animations: 'disabled',
  });
  console.log(`  docs/images/${name}.png`);
}

async function login(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const harness = await startHarness(resolve('test-results/screenshots-dist'), PORTS);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    console.log('Writing screenshots:');

    await page.goto(harness.appUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, 'signed-out');

    await page.getByRole('checkbox', { name: /offline_access/ }).check();
    await shotOf(page.getByRole('group', { name: 'Scopes to request' }), 'scope-picker');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByLabel('Step mode: pause before leaving for the identity provider').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Continue to sign-in' }).waitFor();
    await shot(page, 'step-mode');
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    await page.getByLabel('Email').waitFor();
    await shot(page, 'sandbox-login');
    await login(page, 'ada@example.com');
    await page.locator('.instance').first().waitFor();
    await page.getByText('Signature valid').waitFor();
    await shotOf(page.getByRole('region', { name: 'How this sign-in happened' }), 'walkthrough');
    await page.getByRole('button', { name: 'Renew now' }).click();
    await page.getByRole('list', { name: 'Renewals' }).waitFor();
    await shotOf(
      page
        .getByRole('region', { name: 'How this sign-in happened' })
        .getByRole('heading', { name: 'Renewals' })
        .locator('..'),
      'renewal',
    );
    await shot(page, 'token-inspector', true);

    await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
    await page.getByText('Showing 1–20 of 27').waitFor();
    await page
      .getByRole('button', { name: /^Probe the scopes in / })
      .first()
      .click();
    await page.getByRole('table', { name: 'Scope probe results' }).getByText('403 refused').first().waitFor();
    await shotOf(page.getByRole('region', { name: /^Workspaces of/ }), 'workspaces');
    await shotOf(page.getByRole('region', { name: /^Scope probe in/ }), 'scope-probe');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Step mode: pause before leaving for the identity provider').uncheck();
    await page.getByLabel('Client ID').fill('evo-sandbox-limited');
    await page.getByRole('checkbox', { name: /evo\.object/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, 'invalid-scope');

    await context.close();
  } finally {
    await browser.close();
    await harness.close();
  }
}

await main();
