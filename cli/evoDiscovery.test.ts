import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from './arguments.ts';
import { CliError } from './errors.ts';
import { discoverInstances } from './evoDiscovery.ts';

const TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ.sig';
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  // A Discovery URL whose server answers with redirects, on this server and off to /elsewhere.
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    if (req.url?.startsWith('/moved/')) res.writeHead(307, { location: '/elsewhere/evo/identity/v2/discovery' }).end();
    else if (req.url?.startsWith('/found/')) res.writeHead(302, { location: `${origin}/elsewhere/` }).end();
    else if (req.url?.startsWith('/ok/'))
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ discovery: { organizations: [{ id: 'o1', display_name: 'One' }] } }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

async function failure(run: Promise<unknown>): Promise<string> {
  const outcome = await run.then(
    () => 'resolved',
    (error: unknown) => (error instanceof CliError ? error.message : `not a CliError: ${String(error)}`),
  );
  return outcome;
}

describe('Evo Discovery from the CLI', () => {
  it('sends the bearer to the Discovery endpoint only; a 307 or 302 is reported and never followed', async () => {
    seen.length = 0;
    expect(await failure(discoverInstances(`${origin}/moved`, TOKEN))).toMatch(
      /answered with a redirect \(307\) to http:\/\/127\.0\.0\.1:\d+\/elsewhere\/evo\/identity\/v2\/discovery; the token is not sent there/,
    );
    expect(await failure(discoverInstances(`${origin}/found`, TOKEN))).toMatch(/redirect \(302\)/);
    expect(seen.map((request) => request.path)).toEqual([
      '/moved/evo/identity/v2/discovery?service=evo',
      '/found/evo/identity/v2/discovery?service=evo',
    ]);
    expect(seen.filter((request) => request.path.startsWith('/elsewhere'))).toEqual([]);

    expect(await discoverInstances(`${origin}/ok`, TOKEN)).toEqual([{ id: 'o1', display_name: 'One' }]);
    expect(seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('--discovery accepts https or loopback http only, and says why', () => {
    const said = (url: string) => {
      try {
        return parseCommandLine(['service', '--discovery', url]).discoveryUrl;
      } catch (error) {
        return error instanceof CliError ? error.message : String(error);
      }
    };
    expect(said('https://discover.example.com/')).toBe('https://discover.example.com');
    expect(said('http://127.0.0.1:3002')).toBe('http://127.0.0.1:3002');
    expect(said('http://localhost:3002')).toBe('http://localhost:3002');
    expect(said('http://[::1]:3002')).toBe('http://[::1]:3002');
    expect(said('http://discover.example.com')).toMatch(/neither https nor http on this machine/);
    expect(said('http://127.0.0.1.evil.example')).toMatch(/neither https nor http on this machine/);
    expect(said('ftp://127.0.0.1')).toMatch(/neither https nor http/);
    expect(said('https://user:pass@discover.example.com')).toMatch(/without a user name, password/);
    expect(said('https://discover.example.com/?to=elsewhere')).toMatch(/query or fragment/);
    expect(said('nonsense')).toMatch(/not a URL/);
  });
});
