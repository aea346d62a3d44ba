/**
 * `npm run docs:screenshots`: tells the docs' story (scripts/docs/story.ts) in the built app
 * against the sandbox, on the README's own ports (app 3000, IMS twin 3001, Evo twin 3002), and
 * writes the images the README and tutorial show, at 1100 px and at a 390 px phone. Only secret
 * values are masked, the same way in every image; a picture that would show a warning that is not
 * part of its story stops the run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { desktopStory, phoneStory, type Camera } from './docs/story.ts';
import { startHarness } from './harness.ts';

const OUT = resolve('docs/images');
const PORTS = { ims: 3001, evo: 3002, app: 3000 };

/** Secret values (a verifier, a code), masked or revealed: the only thing an image hides. */
const secrets = (page: Page | Locator) => [page.locator('.masked code')];

const camera: Camera = {
  async shot(page, name, options = {}) {
    await page.screenshot({
      path: join(OUT, `${name}.png`),
      fullPage: options.fullPage ?? false,
      mask: secrets(page),
      maskColor: '#c9d2dc',
      animations: 'disabled',
    });
    console.log(`  docs/images/${name}.png`);
  },
  async shotOf(part, name) {
    await part.screenshot({
      path: join(OUT, `${name}.png`),
      mask: secrets(part),
      maskColor: '#c9d2dc',
      animations: 'disabled',
    });
    console.log(`  docs/images/${name}.png`);
  },
};

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const harness = await startHarness(resolve('test-results/screenshots-dist'), PORTS).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw code === 'EADDRINUSE'
      ? new Error('Ports 3000-3002 are in use: stop `npm start` (the images use the README’s own addresses).')
      : error;
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    console.log('Writing screenshots:');
    const desktop = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
    await desktopStory(await desktop.newPage(), harness.appUrl, camera);
    await desktop.close();
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
    });
    await phoneStory(await phone.newPage(), harness.appUrl, camera);
    await phone.close();
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
