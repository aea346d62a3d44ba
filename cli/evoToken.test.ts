import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSandboxConfig } from '../sandbox/config.ts';
import { startSandbox, type Sandbox } from '../sandbox/main.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.ts';
import { setEnvValues } from './envFile.ts';
import { printedSignInUrl, runTokenCli, signInOnTwin } from './testSupport.ts';
import { parseCommandLine } from './arguments.ts';
import { CliError } from './errors.ts';

const SECRET = 'sandbox-service-secret';
const config = readSandboxConfig({ SANDBOX_IMS_PORT: '3261', SANDBOX_EVO_PORT: '3262' });
let sandbox: Sandbox;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'evo-token-'));

beforeAll(async () => {
  sandbox = await startSandbox(config);
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** The CLI against this test's sandbox. */
function run(args: string[], env: Record<string, string> = {}, onStderr?: (text: string) => void) {
  return { done: runTokenCli([...args, '--authority', sandbox.ims.issuer], env, onStderr) };
}

function claims(token: string): Record<string, unknown> {
  return decodeJwt(token);
}

describe('command line', () => {
  it('refuses a secret as an argument, offline_access for a service, openid, and --refresh without a file', () => {
    const said = (argv: string[]) => {
      try {
        parseCommandLine(argv);
      } catch (error) {
        if (error instanceof CliError) return error.message;
      }
      return 'accepted';
    };
    expect(said(['service', '--client-secret', 'x'])).toMatch(/can be read by other users/);
    expect(said(['service', '--secret=x'])).toMatch(/EVO_CLIENT_SECRET/);
    expect(said(['service', '--scopes', 'evo.discovery offline_access'])).toMatch(/no refresh token/);
    expect(said(['native', '--scopes', 'openid evo.discovery'])).toMatch(/no ID token/);
    expect(said(['native', '--refresh'])).toMatch(/--env FILE/);
    expect(said(['desktop'])).toMatch(/native or service/);
    expect(said(['native', '--environment', 'ims'])).toMatch(/--client-id/);
    expect(parseCommandLine(['native'])).toMatchObject({ clientId: 'evo-sandbox-native', port: 0, browser: true });
    expect(parseCommandLine(['service', '--discovery'])).toMatchObject({
      discovery: true,
      discoveryUrl: 'http://127.0.0.1:3002',
    });
    expect(parseCommandLine(['service', '--discovery', 'https://d.example', '--env', 'f'])).toMatchObject({
      discovery: true,
      discoveryUrl: 'https://d.example',
      envFile: 'f',
    });
    expect(said(['service', '--discovery', 'nonsense'])).toMatch(/not a URL/);
  });

  it('writes the env file with mode 0600, replacing only its own lines', () => {
    const file = join(dir, 'keep.env');
    writeFileSync(file, '# mine\nOTHER=1\nexport EVO_ACCESS_TOKEN=old\nLAST="x y"\n', { mode: 0o644 });
    setEnvValues(file, {
      EVO_ACCESS_TOKEN: 'new.token.value',
      EVO_ACCESS_TOKEN_EXPIRES_AT: '2030-01-01T00:00:00.000Z',
    });
    expect(readFileSync(file, 'utf8')).toBe(
      '# mine\nOTHER=1\nEVO_ACCESS_TOKEN=new.token.value\nLAST="x y"\nEVO_ACCESS_TOKEN_EXPIRES_AT=2030-01-01T00:00:00.000Z\n',
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('service app (client credentials) against the sandbox', () => {
  it('prints the token to a pipe, never the secret; Discovery lists one instance; a workspace it was not added to is 403', async () => {
    const { done } = run(['service', '--discovery', sandbox.evo.url], { EVO_CLIENT_SECRET: SECRET });
    const { code, stdout, stderr } = await done;
    expect(code, stderr).toBe(0);
    expect(stdout + stderr).not.toContain(SECRET);
    const token = stdout.trim();
    expect(claims(token)).toMatchObject({
      client_id: 'evo-sandbox-service',
      email: expect.stringContaining('evo-sandbox-service') as unknown,
    });
    expect(claims(token)).not.toHaveProperty('name');
    expect(stderr).toMatch(/service identity, no person/);
    expect(stderr).toMatch(/Evo Discovery: one instance\n {2}Analytical Engines - Exploration/);

    const call = (path: string) =>
      fetch(`${sandbox.evo.url}/hubs/au/workspace/orgs/d0ea331e-814e-4e24-a1b8-cd563c5b1d31${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    const listed = (await (await call('/workspaces?limit=100')).json()) as {
      results: { id: string }[];
      links: { total: number };
    };
    expect(listed.links.total).toBeGreaterThan(0);
    expect(listed.links.total).toBeLessThan(27);
    const { workspacesOf, instancesFor } = await import('../sandbox/evo/data.ts');
    const [exploration] = instancesFor('5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e01');
    const notAdded = workspacesOf(exploration!).find((w) => !listed.results.some((r) => r.id === w.id))!;
    const refused = await call(`/workspaces/${notAdded.id}`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/has not been added to workspace/);
  });

  it('says why when the secret is wrong, with the provider’s error', async () => {
    const { code, stdout, stderr } = await run(['service'], { EVO_CLIENT_SECRET: 'wrong-secret' }).done;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/refused the service app: invalid_client/);
    expect(stderr).not.toContain('wrong-secret');
  });
});

describe('native app (loopback PKCE) against the sandbox, signed in through the twin’s login page', () => {
  it('signs in in a browser, writes the token and a refresh token to a 0600 file, then refreshes', async () => {
    const file = join(dir, 'native.env');
    writeFileSync(file, 'KEEP=me\n');
    let opened: Promise<unknown> | undefined;
    const page = await browser.newPage();
    const { done } = run(
      [
        'native',
        '--no-browser',
        '--scopes',
        'evo.discovery evo.workspace offline_access',
        '--env',
        file,
        '--discovery',
        sandbox.evo.url,
      ],
      {},
      (stderr) => {
        const url = printedSignInUrl(stderr, sandbox.ims.issuer);
        if (url && !opened) opened = signInOnTwin(page, url, 'grace@example.com');
      },
    );
    const { code, stdout, stderr } = await done;
    await opened;
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('');
    expect(new URL(page.url()).origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stderr).toMatch(/Evo Discovery: one instance\n {2}Compiler Geoscience/);
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(
      /^KEEP=me\nEVO_ACCESS_TOKEN=ey[\w.-]+\nEVO_ACCESS_TOKEN_EXPIRES_AT=\S+\nEVO_REFRESH_TOKEN=\S+\n$/,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = /EVO_ACCESS_TOKEN=(\S+)/.exec(written)![1]!;
    expect(claims(first)).toMatchObject({ email: 'grace@example.com', client_id: 'evo-sandbox-native' });

    const refreshed = await run(['native', '--refresh', '--env', file]).done;
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const second = /EVO_ACCESS_TOKEN=(\S+)/.exec(readFileSync(file, 'utf8'))![1]!;
    expect(second).not.toBe(first);
    expect(claims(second)).toMatchObject({ email: 'grace@example.com' });
  }, 60_000);

  it('says "Signed in" in the browser only once the code exchange succeeded: a refused code shows the failure', async () => {
    // The callback comes back with this run's state but a code the provider never issued.
    let answered: Promise<string> | undefined;
    const { done } = run(['native', '--no-browser'], {}, (stderr) => {
      const printed = printedSignInUrl(stderr, sandbox.ims.issuer);
      if (!printed || answered) return;
      const request = new URL(printed).searchParams;
      const callback = new URL(request.get('redirect_uri')!);
      callback.search = new URLSearchParams({
        code: 'not-a-code-the-provider-issued',
        state: request.get('state')!,
        iss: sandbox.ims.issuer,
      }).toString();
      answered = fetch(callback).then((response) => response.text());
    });
    const { code, stdout, stderr } = await done;
    const page = await answered;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/The sign-in was refused: invalid_grant/);
    expect(page).toContain('<h1>Sign-in did not complete</h1>');
    expect(page).not.toContain('Signed in');
  }, 60_000);
});
