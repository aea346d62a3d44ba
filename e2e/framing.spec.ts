/**
 * Nobody frames the lab. The built copy is served by real nginx with the header snippet the build
 * generated (dist/nginx-security-headers.conf), and a page on another loopback origin tries to frame
 * it; so does a copy served with no headers at all (a host such as GitHub Pages), where the app
 * itself refuses to start; and the dev server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { APP_URL } from '../playwright.config.ts';
import { NGINX_HEADERS_FILE } from '../scripts/csp.ts';
import { expect, test } from './support/fixtures.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
/** What scripts/serve-built.ts (a webServer of playwright.config.ts) built for /lab/. */
const BUILT = resolve('test-results/hosted-lab-dist');
const WITH_HEADERS = 'http://localhost:4185/lab/';
const WITHOUT_HEADERS = 'http://localhost:4186/lab/';
const ATTACKER = 'http://127.0.0.1:4187';

let nginx: ChildProcess | undefined;
let nginxLog = '';

test.beforeAll(async () => {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed at ${NGINX}: apt-get install nginx (see .ci/run).`);
  if (!existsSync(join(BUILT, NGINX_HEADERS_FILE)))
    throw new Error(`${BUILT}/${NGINX_HEADERS_FILE} is missing: the build should have generated it.`);
  const dir = mkdtempSync(join(tmpdir(), 'evo-lab-nginx-'));
  mkdirSync(join(dir, 'www'));
  symlinkSync(BUILT, join(dir, 'www', 'lab'));
  mkdirSync(join(dir, 'attacker'));
  // Another origin's page that frames the lab: each iframe says when its load event has fired.
  writeFileSync(
    join(dir, 'attacker', 'index.html'),
    `<!doctype html><title>Another site</title><h1>Another site</h1>${[WITH_HEADERS, WITHOUT_HEADERS, `${APP_URL}/`]
      .map(
        (src, index) =>
          `<iframe id="f${index}" name="f${index}" src="${src}" onload="this.dataset.loaded='yes'" width="600" height="300"></iframe>`,
      )
      .join('')}`,
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `  ${name}_temp_path ${dir}/${name};`)
    .join('\n');
  const lab = `location /lab/ { try_files $uri $uri/ /lab/index.html; }`;
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log ${dir}/access.log;
${temp}
  types { text/html html; text/javascript js; text/css css; image/svg+xml svg; application/json json; }
  server {
    listen 127.0.0.1:4185;
    root ${dir}/www;
    include ${join(BUILT, NGINX_HEADERS_FILE)};
    ${lab}
  }
  server {
    listen 127.0.0.1:4186;
    root ${dir}/www;
    ${lab}
  }
  server {
    listen 127.0.0.1:4187;
    root ${dir}/attacker;
  }
}
`,
  );
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  nginx.stderr!.on('data', (chunk: Buffer) => (nginxLog += chunk.toString()));
  const exited = new Promise<void>((done) => nginx!.once('exit', () => done()));
  for (let attempt = 0; ; attempt++) {
    const up = await Promise.race([
      fetch(ATTACKER).then(
        (response) => response.ok,
        () => false,
      ),
      exited.then(() => {
        throw new Error(`nginx stopped: ${nginxLog}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      }),
    ]);
    if (up) break;
    if (attempt > 50) throw new Error(`nginx did not start: ${nginxLog}`);
    await new Promise((done) => setTimeout(done, 100));
  }
});

test.afterAll(() => {
  nginx?.kill();
});

/** The attacker's page, once all three frames have fired their load event. */
async function framingPage(page: Page) {
  await page.goto(ATTACKER);
  for (const id of ['f0', 'f1', 'f2']) await expect(page.locator(`#${id}`)).toHaveAttribute('data-loaded', 'yes');
}

test('nginx serves the built copy with the generated headers, and another origin’s frame of it stays empty', async ({
  page,
}) => {
  const response = await fetch(WITH_HEADERS);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'$/);
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  // The header's policy is the page's own, plus frame-ancestors.
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(await response.text())?.[1];
  expect(response.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`);

  // The same copy in its own tab renders: the frame below is empty because of the framing, nothing else.
  await page.goto(WITH_HEADERS);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await framingPage(page);
  const frame = page.frame({ name: 'f0' })!;
  expect(frame.url()).not.toBe(WITH_HEADERS);
  await expect(page.frameLocator('#f0').locator('body')).not.toContainText(/Evo|Sign in/);
  expect(await frame.evaluate(() => document.querySelectorAll('#root, button').length).catch(() => 0)).toBe(0);
});

test('served with no headers at all, the app refuses to start in a frame and says why', async ({ page }) => {
  const response = await fetch(WITHOUT_HEADERS);
  expect(response.headers.get('content-security-policy')).toBeNull();
  await framingPage(page);
  const framed = page.frameLocator('#f1');
  await expect(framed.locator('body')).toHaveText(
    `Evo Sign-in Lab does not run inside a frame on another page. Open ${WITHOUT_HEADERS} in its own tab.`,
  );
  await expect(framed.getByRole('button')).toHaveCount(0);
  await expect(framed.locator('#root')).toHaveCount(0);
});

test('the dev server refuses to be framed', async ({ page }) => {
  const response = await fetch(`${APP_URL}/`);
  expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  await framingPage(page);
  const frame = page.frame({ name: 'f2' })!;
  expect(frame.url()).not.toBe(`${APP_URL}/`);
  await expect(page.frameLocator('#f2').locator('body')).not.toContainText(/Evo|Sign in/);
});
