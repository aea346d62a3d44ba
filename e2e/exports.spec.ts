import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8, unzipSync } from 'fflate';
import { runTokenCli } from '../cli/testSupport.ts';
import { ENDPOINT_TEMPLATES } from '../src/config/endpoints.ts';
import { expect, probeFirstWorkspace, signIn, storedAccessToken, test } from './support/fixtures.ts';

/**
 * The exports run in the real tools (newman, Bruno's CLI, httpyac) against the sandbox, with a
 * service app's token from the CLI in EVO_ACCESS_TOKEN: the token has evo.discovery and
 * evo.workspace only, so the content APIs must answer 403 and everything else 200.
 */
const EXPECTED = Object.fromEntries(
  ENDPOINT_TEMPLATES.map((template) => [
    template.label,
    template.scope && !['evo.discovery', 'evo.workspace'].includes(template.scope) ? 403 : 200,
  ]),
);

/** Runs a tool from node_modules/.bin; resolves with its exit code and output. */
function tool(name: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = spawn(join(process.cwd(), 'node_modules', '.bin', name), args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
}

async function filesUnder(dir: string): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return Promise.all(
    names.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(dir, path), text: await readFile(path, 'utf8') };
    }),
  );
}

/** No exported file holds the token, an authorization code or a client secret. */
function expectNoSecrets(files: { name: string; text: string }[], token: string) {
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    expect(file.text.length, file.name).toBeGreaterThan(0);
    expect(file.text.includes(token), `${file.name} holds the token`).toBe(false);
    expect(file.text, file.name).not.toMatch(/code=|client_secret|clientSecret|code_verifier/i);
  }
}

test.describe('exports', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the Postman, Bruno and .http exports run in newman, bru and httpyac: 200, and 403 where the token lacks the scope', async () => {
    const service = await runTokenCli(['service', '--authority', 'http://127.0.0.1:3001'], {
      EVO_CLIENT_SECRET: 'sandbox-service-secret',
    });
    expect(service.code, service.stderr).toBe(0);
    const token = service.stdout.trim();
    const dir = await mkdtemp(join(tmpdir(), 'evo-exports-'));
    try {
      for (const format of ['postman', 'bruno', 'http']) {
        const written = await runTokenCli(['export', '--format', format, '--out', dir], { EVO_ACCESS_TOKEN: token });
        expect(written.code, written.stderr).toBe(0);
        expect(written.stderr).not.toContain('Left empty');
      }
      expectNoSecrets(await filesUnder(dir), token);

      const newman = await tool('newman', [
        'run',
        join(dir, 'evo-sandbox.postman_collection.json'),
        '--environment',
        join(dir, 'evo-sandbox.postman_environment.json'),
        '--env-var',
        `EVO_ACCESS_TOKEN=${token}`,
        '--reporters',
        'json',
        '--reporter-json-export',
        join(dir, 'newman.json'),
      ]);
      expect(newman.code, newman.output).toBe(0);
      const newmanRun = JSON.parse(await readFile(join(dir, 'newman.json'), 'utf8')) as {
        run: { executions: { item: { name: string }; response?: { code: number } }[] };
      };
      expect(
        Object.fromEntries(newmanRun.run.executions.map((run) => [run.item.name, run.response?.code])),
        'newman',
      ).toEqual(EXPECTED);

      const bru = await tool(
        'bru',
        ['run', '--env', 'sandbox', '--env-var', `EVO_ACCESS_TOKEN=${token}`, '--reporter-json', join(dir, 'bru.json')],
        { cwd: join(dir, 'evo-sandbox') },
      );
      expect(bru.code, bru.output).toBe(0);
      const bruRun = JSON.parse(await readFile(join(dir, 'bru.json'), 'utf8')) as {
        results: { test: { filename: string }; response?: { status: number } }[];
      }[];
      expect(
        Object.fromEntries(
          bruRun[0]!.results.map((result) => {
            const [folder, name] = result.test.filename.replace(/\.bru$/, '').split('/') as [string, string];
            return [folder === name ? name : `${folder}: ${name}`, result.response?.status];
          }),
        ),
        'bru',
      ).toEqual(EXPECTED);

      const httpyac = await tool('httpyac', ['send', 'evo-sandbox.http', '--all', '--json'], {
        cwd: dir,
        env: { EVO_ACCESS_TOKEN: token },
      });
      expect(httpyac.code, httpyac.output.replaceAll(token, '<token>')).toBe(0);
      const httpyacRun = JSON.parse(httpyac.output.slice(httpyac.output.indexOf('{'))) as {
        requests: { name: string; response?: { statusCode: number } }[];
      };
      expect(
        Object.fromEntries(httpyacRun.requests.map((request) => [request.name, request.response?.statusCode])),
        'httpyac',
      ).toEqual(EXPECTED);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the export verb refuses a format it does not know, and says which it knows', async () => {
    const result = await runTokenCli(['export', '--format', 'insomnia']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Say which format with --format postman|bruno|http, not "insomnia".');
  });

  test('the Export view downloads the four files, named after the connection, with this session’s ids and no token', async ({
    page,
  }) => {
    await signIn(page, 'ada@example.com');
    const token = await storedAccessToken(page);
    await probeFirstWorkspace(page, 'Analytical Engines - Exploration');
    await page.getByRole('button', { name: 'Open the API console' }).click();
    await page.getByRole('group', { name: 'Console views' }).getByRole('button', { name: 'Export' }).click();

    async function downloadFrom(button: string, name: string): Promise<Buffer> {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: button, exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(name);
      return readFile(await download.path());
    }
    const files: { name: string; text: string }[] = [];
    for (const [button, name] of [
      ['Postman collection', 'evo-sandbox.postman_collection.json'],
      ['Postman environment', 'evo-sandbox.postman_environment.json'],
      ['.http file', 'evo-sandbox.http'],
    ] as const) {
      files.push({ name, text: (await downloadFrom(button, name)).toString('utf8') });
    }
    const zip = unzipSync(await downloadFrom('Bruno collection (.zip)', 'evo-sandbox.bruno.zip'));
    files.push(...Object.entries(zip).map(([name, content]) => ({ name, text: strFromU8(content) })));
    expectNoSecrets(files, token);
    const axe = await new AxeBuilder({ page }).include('.export-panel').analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining([
        'evo-sandbox/bruno.json',
        'evo-sandbox/collection.bru',
        'evo-sandbox/environments/sandbox.bru',
      ]),
    );

    // The probed workspace and its instance fill the variables of every export.
    const values = page.locator('.export-values');
    const workspaceId = (
      await values
        .getByText(/^[0-9a-f-]{36}$/)
        .last()
        .innerText()
    ).trim();
    const collection = JSON.parse(files[0]!.text) as { variable: { key: string; value: string }[] };
    expect(Object.fromEntries(collection.variable.map(({ key, value }) => [key, value]))).toMatchObject({
      hub_url: 'http://127.0.0.1:3002/hubs/au',
      workspace_id: workspaceId,
    });
    expect(files.find((file) => file.name === 'evo-sandbox/environments/sandbox.bru')!.text).toContain(
      `workspace_id: ${workspaceId}`,
    );
    expect(files.find((file) => file.name === 'evo-sandbox.http')!.text).toContain(`@workspace_id = ${workspaceId}`);
  });
});
