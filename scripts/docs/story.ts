/**
 * The story the README and tutorial pictures tell, step by step, with a check at every picture
 * that the page shows no warning or error that is not part of the story. `npm run docs:screenshots`
 * tells it with a camera that writes the images; an end-to-end test (e2e/docs-story.spec.ts)
 * tells it with a camera that only checks, so a picture that would show a false warning fails
 * the tests instead of reaching the docs.
 */
import type { Locator, Page } from '@playwright/test';

/** What a picture may show: the titles of the warnings and errors that belong to its story. */
export interface Expected {
  warnings?: readonly string[];
}

export interface Camera {
  /** The viewport (or, with `fullPage`, the whole page). */
  shot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void>;
  /** One part of the page. */
  shotOf(part: Locator, name: string): Promise<void>;
}

/** Titles of the warnings and errors on screen: notices, alerts and field warnings. */
export async function shownWarnings(page: Page): Promise<string[]> {
  return page
    .locator('.notice-warning .notice-title, .notice-error .notice-title, .field-warning, .field-error')
    .filter({ visible: true })
    .allInnerTexts();
}

/** Warnings that are always part of the page's story: the advice beside the token's copy buttons. */
const STANDING = ['Treat an access token like a password'];

/** Throws, naming it, when the page shows a warning that the picture's story does not expect. */
export async function expectOnlyStoryWarnings(page: Page, name: string, expected: Expected = {}): Promise<void> {
  const allowed = expected.warnings ?? [];
  const stray = (await shownWarnings(page)).filter(
    (text) => ![...allowed, ...STANDING].some((title) => text.includes(title)),
  );
  if (stray.length > 0) {
    throw new Error(`The picture "${name}" would show a warning that is not part of its story: ${stray.join(' | ')}`);
  }
  const missing = [];
  for (const title of allowed) {
    if (!(await page.getByText(title).first().isVisible())) missing.push(title);
  }
  if (missing.length > 0) throw new Error(`The picture "${name}" should show: ${missing.join(' | ')}`);
}

async function login(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The desktop story: the signed-out page, the scope picker, step mode, the sandbox login, the
 * walkthrough, a renewal, the token inspector, workspaces, the scope probe and invalid_scope.
 */
export async function desktopStory(page: Page, appUrl: string, camera: Camera): Promise<void> {
  const shot = async (name: string, options: { fullPage?: boolean } & Expected = {}) => {
    await expectOnlyStoryWarnings(page, name, options);
    await camera.shot(page, name, options);
  };
  const shotOf = async (part: Locator, name: string, expected: Expected = {}) => {
    await expectOnlyStoryWarnings(page, name, expected);
    await camera.shotOf(part, name);
  };

  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await shot('signed-out');

  await page.getByRole('checkbox', { name: /offline_access/ }).check();
  await shotOf(page.getByRole('group', { name: 'Scopes to request' }), 'scope-picker');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByLabel('Step mode: pause before leaving for the identity provider').check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Continue to sign-in' }).waitFor();
  await shot('step-mode');
  await page.getByRole('button', { name: 'Continue to sign-in' }).click();
  await page.getByLabel('Email').waitFor();
  await shot('sandbox-login');
  await login(page, 'ada@example.com');
  await page.locator('.instance').first().waitFor();
  await page.getByText('Signature valid').waitFor();
  await shotOf(page.getByRole('region', { name: 'How this sign-in happened' }), 'walkthrough');
  await page.getByRole('button', { name: 'Renew now' }).click();
  await page.getByRole('list', { name: 'Renewals' }).waitFor();
  await page.getByRole('button', { name: 'Renew now' }).waitFor();
  await page.getByText('Signature valid').waitFor();
  await shotOf(
    page
      .getByRole('region', { name: 'How this sign-in happened' })
      .getByRole('heading', { name: 'Renewals' })
      .locator('..'),
    'renewal',
  );
  await shot('token-inspector', { fullPage: true });

  await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
  await page.getByText('Showing 1–20 of 27').waitFor();
  await page
    .getByRole('button', { name: /^Probe the scopes in / })
    .first()
    .click();
  await page.getByRole('table', { name: 'Scope probe results' }).getByText('403 refused').first().waitFor();
  await shotOf(page.getByRole('region', { name: /^Workspaces of/ }), 'workspaces');
  await shotOf(page.getByRole('region', { name: /^Scope probe in/ }), 'scope-probe');

  await page.getByRole('button', { name: 'Open the API console' }).click();
  const consoleView = page.getByRole('region', { name: 'API console' });
  await consoleView
    .getByRole('listitem')
    .filter({ hasText: /POST 200 .*\/connect\/token/ })
    .last() // the code exchange; the renewal came after it
    .locator('summary')
    .click();
  await shotOf(consoleView, 'console-log');
  await consoleView.getByRole('button', { name: 'Request', exact: true }).click();
  await consoleView.getByRole('button', { name: 'Send' }).click();
  await consoleView.getByText('Status 200').waitFor();
  await shotOf(consoleView, 'console-request');
  await consoleView.getByRole('button', { name: 'Token debugger' }).click();
  await shotOf(consoleView, 'console-token');
  await consoleView.getByRole('button', { name: 'Scope report' }).click();
  await consoleView.getByRole('button', { name: 'Make a report' }).click();
  await consoleView.getByLabel('The report, as Markdown').waitFor();
  await shotOf(consoleView, 'console-report');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await page.getByLabel('Step mode: pause before leaving for the identity provider').uncheck();
  await page.getByLabel('Client ID').fill('evo-sandbox-limited');
  await page.getByRole('checkbox', { name: /evo\.object/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').waitFor();
  await shot('invalid-scope', { warnings: ['The identity provider refused a requested scope'] });
}

/** The phone story, at 390 px: the signed-out page and the first screen after signing in. */
export async function phoneStory(page: Page, appUrl: string, camera: Camera): Promise<void> {
  const shot = async (name: string) => {
    await expectOnlyStoryWarnings(page, name);
    await camera.shot(page, name);
  };
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await shot('phone-signed-out');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await login(page, 'ada@example.com');
  await page.getByText('Signature valid').waitFor();
  await shot('phone-signed-in');
  await page.getByRole('button', { name: /^List workspaces of Analytical Engines - Exploration/ }).click();
  await page.getByText('Showing 1–20 of 27').waitFor();
  await shot('phone-workspaces');
}
