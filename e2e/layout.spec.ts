import type { Page } from '@playwright/test';
import { expect, probeFirstWorkspace, signIn, test } from './support/fixtures.ts';

/**
 * Scope and claim names (`evo.workspace`, `offline_access`, `usage_country_iso`) that the browser
 * broke across lines anywhere but after a `.` or `_`: each as "evo.w|orkspace".
 */
async function midWordBreaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const code of document.querySelectorAll('code')) {
      const text = code.textContent ?? '';
      // Names (lower-case words joined by . or _), not ids or random values, which may break anywhere.
      if (!/^[a-z]+([._][a-z]+)*$/.test(text) || code.getClientRects().length === 0) continue;
      // The top of each character: where it grows, a line broke before that character.
      const tops: { char: string; top: number }[] = [];
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let index = 0; index < (node.textContent ?? '').length; index++) {
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          tops.push({ char: node.textContent![index]!, top: range.getBoundingClientRect().top });
        }
      }
      for (let index = 1; index < tops.length; index++) {
        if (tops[index]!.top > tops[index - 1]!.top + 2 && !'._'.includes(tops[index - 1]!.char)) {
          found.push(`${text.slice(0, index)}|${text.slice(index)}`);
        }
      }
    }
    return found;
  });
}

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
    await probeFirstWorkspace(page, 'Analytical Engines - Exploration');
    await expect(page.getByRole('table', { name: 'Block models' })).toBeVisible();
    // The claims table and the walkthrough come once the browser is idle.
    await expect(page.getByRole('table', { name: 'Claims' })).toBeVisible();
    await page.getByRole('button', { name: 'Show the steps' }).click();
    expect(await pageWidth()).toBeLessThanOrEqual(width);
    expect(await midWordBreaks(page)).toEqual([]);
  });
}

test('no scope or claim name breaks mid-word at 1280×800, in the tables or the walkthrough', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'ada@example.com', { check: ['evo.object', 'evo.file', 'evo.blocksync', 'offline_access'] });
  await expect(page.getByRole('table', { name: 'Claims' })).toBeVisible();
  await page.getByRole('button', { name: 'Show the steps' }).click();
  await expect(page.getByRole('heading', { name: 'How this sign-in happened' })).toBeFocused();
  expect(await midWordBreaks(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
});

for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`Sign in and Paste a token are on the first screen at ${width}×${height}, above the settings`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    for (const name of ['Sign in', 'Paste a token']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.y + box!.height, `${name} is below the first screen`).toBeLessThanOrEqual(height);
    }
    // Pasting opens the inspector right under the actions, its field focused and on screen.
    await page.getByRole('button', { name: 'Paste a token' }).click();
    const input = page.getByRole('textbox', { name: 'Access token' });
    await expect(input).toBeFocused();
    await expect(input).toBeInViewport();
  });
}
