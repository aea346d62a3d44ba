import { desktopStory, phoneStory, type Camera } from '../scripts/docs/story.ts';
import { APP_URL } from '../playwright.config.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The README's and tutorial's pictures, told against the app under test with a camera that takes
 * none: each picture's check still runs, so a warning that is not part of a picture's story (a
 * false "Not valid yet", an error the story does not expect) fails here, before it is drawn.
 */
function checkOnly(): Camera & { pictures: string[] } {
  const pictures: string[] = [];
  return {
    pictures,
    shot: (_page, name) => Promise.resolve(void pictures.push(name)),
    shotOf: (_part, name) => Promise.resolve(void pictures.push(name)),
  };
}

test('the docs pictures show no warning outside their story (desktop)', async ({ page }) => {
  test.setTimeout(60_000);
  const camera = checkOnly();
  await desktopStory(page, `${APP_URL}/`, camera);
  expect(camera.pictures).toEqual([
    'signed-out',
    'scope-picker',
    'step-mode',
    'sandbox-login',
    'walkthrough',
    'renewal',
    'token-inspector',
    'workspaces',
    'scope-probe',
    'console-log',
    'console-request',
    'console-token',
    'console-report',
    'invalid-scope',
  ]);
});

test('the docs pictures show no warning outside their story (phone)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const camera = checkOnly();
  await phoneStory(page, `${APP_URL}/`, camera);
  expect(camera.pictures).toEqual(['phone-signed-out', 'phone-signed-in', 'phone-workspaces']);
});
