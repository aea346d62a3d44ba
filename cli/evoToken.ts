/**
 * `npm run token -- <native|service> [options]`: an Evo access token in a terminal, the two other
 * ways the Seequent and Bentley portal guides describe, built on openid-client (discovery, PKCE,
 * state and RFC 9207 `iss` checks, client credentials, refresh):
 *
 * - native: Authorization Code + PKCE with an RFC 8252 loopback redirect on 127.0.0.1;
 * - service: client credentials with a secret from EVO_CLIENT_SECRET or a hidden prompt (never an
 *   argument: other users of the machine can read a process's arguments).
 *
 * With no options both use the local sandbox (`npm start` or `npm run sandbox`) and its clients.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as client from 'openid-client';
import { ENVIRONMENT_IDS, isEnvironmentId } from '../src/config/environments.ts';
import { discoveryEndpoint } from '../src/evo/evoRequest.ts';
import { readEnvValue, setEnvValues } from './envFile.ts';

/** A failure said as a sentence; the CLI prints it and exits non-zero. */
export class CliError extends Error {}

const SANDBOX = {
  authority: process.env.VITE_SANDBOX_AUTHORITY ?? 'http://127.0.0.1:3001',
  discoveryUrl: process.env.VITE_SANDBOX_DISCOVERY_URL ?? 'http://127.0.0.1:3002',
  nativeClientId: 'evo-sandbox-native',
  serviceClientId: 'evo-sandbox-service',
};
const AUTHORITIES: Record<string, string> = { ims: 'https://ims.bentley.com', 'ims-qa': 'https://qa-ims.bentley.com' };
const EVO_DISCOVERY_URL = 'https://discover.api.seequent.com';
const DEFAULT_SCOPES = 'evo.discovery evo.workspace';

const USAGE = `Usage:
  npm run token -- native  [--environment sandbox|ims|ims-qa] [--authority URL] [--client-id ID]
                           [--scopes "a b"] [--port N] [--no-browser] [--env FILE] [--discovery [URL]]
                           [--refresh --env FILE]
  npm run token -- service [--environment sandbox|ims|ims-qa] [--authority URL] [--client-id ID]
                           [--scopes "a b"] [--env FILE] [--discovery [URL]]

native   signs a person in with the browser (Authorization Code + PKCE, loopback redirect).
service  gets a token for a service app (client credentials); the secret comes from
         EVO_CLIENT_SECRET or a hidden prompt, never from an argument.

--env FILE      write EVO_ACCESS_TOKEN (and its expiry, and a refresh token) to FILE, mode 0600,
                replacing only those lines. Without it the token goes to stdout when stdout is
                not a terminal (pipe it), never to a terminal.
--discovery [URL]  call Evo Discovery (at URL, or the environment's own) with the token and list
                the instances (on stderr).
--refresh       native only: swap the EVO_REFRESH_TOKEN in --env FILE for new tokens.
--port N        native only: the loopback port (default: any free one; a registration may list one).
--no-browser    native only: print the sign-in URL on stderr instead of opening a browser.
--timeout S     native only: how long to wait for the sign-in, in seconds (default 300).`;

export interface CliOptions {
  kind: 'native' | 'service';
  environment: string;
  authority: string;
  clientId: string;
  scopes: string[];
  discoveryUrl: string;
  port: number;
  browser: boolean;
  envFile: string | undefined;
  discovery: boolean;
  refresh: boolean;
  timeoutSeconds: number;
}

/** Reads the command line; every mistake is a sentence that says what to do instead. */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  const secretFlag = argv.find((arg) => /^--(client-)?secret\b/.test(arg));
  if (secretFlag) {
    throw new CliError(
      `${secretFlag.split('=')[0]} is not an option: a secret on the command line can be read by other users of this machine (ps) and lands in shell history. Set EVO_CLIENT_SECRET, or leave it unset to be asked for it.`,
    );
  }
  // `--discovery URL` names the Discovery service; a bare `--discovery` means the environment's own.
  const args = argv.map((arg, index) =>
    arg === '--discovery' && (argv[index + 1] === undefined || argv[index + 1]!.startsWith('--'))
      ? '--discovery='
      : arg,
  );
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        environment: { type: 'string' },
        authority: { type: 'string' },
        'client-id': { type: 'string' },
        scopes: { type: 'string' },
        port: { type: 'string' },
        'no-browser': { type: 'boolean' },
        env: { type: 'string' },
        discovery: { type: 'string' },
        refresh: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new CliError(USAGE);
  const kind = positionals[0];
  if (kind !== 'native' && kind !== 'service') {
    throw new CliError(`Say which kind of app: native or service.\n\n${USAGE}`);
  }
  if (positionals.length > 1) throw new CliError(`Unexpected "${positionals[1]}".\n\n${USAGE}`);

  const environment = values.environment ?? 'sandbox';
  if (!isEnvironmentId(environment)) {
    throw new CliError(`--environment must be one of ${ENVIRONMENT_IDS.join(', ')}, not "${environment}".`);
  }
  const authority = values.authority ?? (environment === 'sandbox' ? SANDBOX.authority : AUTHORITIES[environment]);
  if (!authority) throw new CliError('With --environment custom, give the identity provider with --authority URL.');
  try {
    new URL(authority);
  } catch {
    throw new CliError(`--authority "${authority}" is not a URL.`);
  }
  const clientId =
    values['client-id'] ??
    (environment === 'sandbox' ? (kind === 'native' ? SANDBOX.nativeClientId : SANDBOX.serviceClientId) : undefined);
  if (!clientId) {
    throw new CliError(
      `Give your ${kind} app's client ID with --client-id (from its registration in the Bentley developer portal).`,
    );
  }
  const scopes = (values.scopes ?? DEFAULT_SCOPES).split(/[\s,]+/).filter(Boolean);
  if (scopes.includes('openid')) {
    throw new CliError('Leave out openid: Evo app registrations get no ID token, and IMS refuses it (invalid_scope).');
  }
  if (kind === 'service' && scopes.includes('offline_access')) {
    throw new CliError(
      'A service app gets no refresh token: it holds a secret and asks for a new access token whenever it needs one (client credentials). Leave offline_access out.',
    );
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.discovery) {
    try {
      new URL(values.discovery);
    } catch {
      throw new CliError(
        `--discovery "${values.discovery}" is not a URL (leave the URL out for the environment's own).`,
      );
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError('--port must be a port number (0-65535).');
  const timeoutSeconds = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!(timeoutSeconds > 0)) throw new CliError('--timeout must be a number of seconds.');
  if (values.refresh && kind !== 'native')
    throw new CliError('--refresh is for native apps; a service app just asks again.');
  if (values.refresh && !values.env) {
    throw new CliError('--refresh reads the refresh token from a file: give it with --env FILE.');
  }
  if (kind === 'service' && (values.port !== undefined || values['no-browser'])) {
    throw new CliError('--port and --no-browser are for native apps: a service app opens no browser.');
  }
  return {
    kind,
    environment,
    authority,
    clientId,
    scopes,
    discoveryUrl: values.discovery || (environment === 'sandbox' ? SANDBOX.discoveryUrl : EVO_DISCOVERY_URL),
    port,
    browser: !values['no-browser'],
    envFile: values.env,
    discovery: values.discovery !== undefined,
    refresh: Boolean(values.refresh),
    timeoutSeconds,
  };
}

/** Plain http is for loopback only, as the sandbox is; anything else must be https. */
function insecureAllowed(authority: string): boolean {
  const { protocol, hostname } = new URL(authority);
  return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

async function discover(options: CliOptions, secret?: string): Promise<client.Configuration> {
  const execute = insecureAllowed(options.authority) ? [client.allowInsecureRequests] : [];
  try {
    return await client.discovery(
      new URL(options.authority),
      options.clientId,
      secret,
      secret === undefined ? client.None() : client.ClientSecretPost(secret),
      { execute },
    );
  } catch (error) {
    throw new CliError(
      `Could not read the identity provider's metadata at ${options.authority}/.well-known/openid-configuration (${describe(error)}).${options.environment === 'sandbox' ? ' Is the sandbox running? Start it with npm start or npm run sandbox.' : ''}`,
    );
  }
}

/** An error from openid-client or the network, in words, with the provider's own error and description. */
export function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? ` (${String(cause.code)})` : '';
    return `${error.message}${code}`;
  }
  return String(error);
}

/** Opens a URL in the system browser; false when none could be started. */
function openBrowser(url: string): Promise<boolean> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${text}</p></body></html>`;

/** Waits for the one callback on a loopback listener; resolves with its full URL. */
function awaitCallback(server: Server, redirectUri: string, timeoutSeconds: number): Promise<URL> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new CliError(`No sign-in came back within ${timeoutSeconds} seconds; run the command again.`)),
      timeoutSeconds * 1000,
    );
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', redirectUri);
      if (url.pathname !== new URL(redirectUri).pathname) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not the sign-in callback.');
        return;
      }
      const failed = url.searchParams.has('error');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(
          failed
            ? PAGE('Sign-in did not complete', 'The terminal says why. You can close this tab.')
            : PAGE('Signed in', 'The token is in your terminal. You can close this tab.'),
        );
      clearTimeout(timer);
      resolve(url);
    });
  });
}

async function nativeSignIn(options: CliOptions, config: client.Configuration): Promise<client.TokenEndpointResponse> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === 'EADDRINUSE'
            ? `Port ${options.port} on 127.0.0.1 is in use; choose another with --port, or leave it out for any free one.`
            : `Could not listen on 127.0.0.1: ${error.message}`,
        ),
      ),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  try {
    const { port } = server.address() as AddressInfo;
    // RFC 8252 section 7.3: the loopback IP literal, any port the registration allows.
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: options.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = awaitCallback(server, redirectUri, options.timeoutSeconds);
    if (options.browser && (await openBrowser(url.href))) {
      process.stderr.write(`Opened your browser to sign in at ${new URL(options.authority).host}. Waiting…\n`);
    } else {
      process.stderr.write(`Open this address in a browser to sign in:\n${url.href}\n`);
    }
    const returned = await callback;
    try {
      // Checks state, the RFC 9207 iss, the code and verifier (PKCE S256).
      return await client.authorizationCodeGrant(config, returned, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
    } catch (error) {
      throw new CliError(`The sign-in was refused: ${describe(error)}.`);
    }
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

/** Asks for the secret without showing it, when there is a terminal to ask on. */
async function readSecret(): Promise<string> {
  const fromEnv = process.env.EVO_CLIENT_SECRET;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(
      'Set EVO_CLIENT_SECRET to the service app’s secret (there is no terminal to ask for it on). It is never taken as an argument.',
    );
  }
  const output = process.stderr;
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  // Echo nothing while the secret is typed.
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
    if (text.startsWith('Client secret')) output.write(text);
  };
  const secret = await new Promise<string>((resolve) => rl.question('Client secret (hidden): ', resolve));
  rl.close();
  output.write('\n');
  if (!secret) throw new CliError('No secret was typed.');
  return secret;
}

/** Claims of a JWT access token, for the summary; nothing when it is not one. */
function claimsOf(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function listInstances(options: CliOptions, token: string): Promise<void> {
  const endpoint = discoveryEndpoint(options.discoveryUrl);
  let response: Response;
  try {
    response = await fetch(endpoint, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch (error) {
    throw new CliError(`Evo Discovery at ${endpoint} did not answer (${describe(error)}).`);
  }
  const body = (await response.json().catch(() => undefined)) as
    | { discovery?: { organizations?: { id: string; display_name: string }[] | null }; title?: string; detail?: string }
    | undefined;
  if (!response.ok) {
    throw new CliError(
      `Evo Discovery answered ${response.status}${body?.title ? ` ${body.title}` : ''}${body?.detail ? `: ${body.detail}` : ''}.`,
    );
  }
  const organizations = body?.discovery?.organizations ?? [];
  process.stderr.write(
    organizations.length === 0
      ? 'Evo Discovery: no instances. An administrator must add this identity to an instance.\n'
      : `Evo Discovery: ${organizations.length === 1 ? 'one instance' : `${organizations.length} instances`}\n${organizations
          .map((org) => `  ${org.display_name}  (${org.id})`)
          .join('\n')}\n`,
  );
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    let tokens: client.TokenEndpointResponse;
    if (options.kind === 'service') {
      const secret = await readSecret();
      const config = await discover(options, secret);
      try {
        tokens = await client.clientCredentialsGrant(config, { scope: options.scopes.join(' ') });
      } catch (error) {
        throw new CliError(`The identity provider refused the service app: ${describe(error)}.`);
      }
    } else {
      const config = await discover(options);
      if (options.refresh) {
        const refreshToken = readEnvValue(options.envFile!, 'EVO_REFRESH_TOKEN');
        if (!refreshToken) {
          throw new CliError(
            `${options.envFile} has no EVO_REFRESH_TOKEN line: sign in with offline_access in --scopes first.`,
          );
        }
        try {
          tokens = await client.refreshTokenGrant(config, refreshToken);
        } catch (error) {
          throw new CliError(`The refresh token was refused: ${describe(error)}. Sign in again.`);
        }
      } else {
        tokens = await nativeSignIn(options, config);
      }
    }

    const token = tokens.access_token;
    const claims = claimsOf(token);
    const expiresAt = tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000) : undefined;
    const who = [claims.name, claims.email, claims.sub].find((value) => typeof value === 'string');
    const scope = Array.isArray(claims.scope)
      ? claims.scope.join(' ')
      : (tokens.scope ?? (typeof claims.scope === 'string' ? claims.scope : undefined));
    process.stderr.write(
      [
        `Access token for ${String(who ?? 'an unknown subject')}${claims.name ? '' : options.kind === 'service' ? ' (a service identity, no person)' : ''}`,
        `  client   ${options.clientId} at ${new URL(options.authority).host}`,
        `  scopes   ${scope ?? '(not stated)'}`,
        `  expires  ${expiresAt ? `${expiresAt.toISOString()} (in ${Math.round(tokens.expires_in! / 60)} min)` : 'not stated'}`,
        `  refresh  ${tokens.refresh_token ? 'a refresh token came back' : 'no refresh token'}`,
        '',
      ].join('\n'),
    );

    if (options.envFile) {
      setEnvValues(options.envFile, {
        EVO_ACCESS_TOKEN: token,
        ...(expiresAt ? { EVO_ACCESS_TOKEN_EXPIRES_AT: expiresAt.toISOString() } : {}),
        ...(tokens.refresh_token ? { EVO_REFRESH_TOKEN: tokens.refresh_token } : {}),
      });
      process.stderr.write(`Wrote EVO_ACCESS_TOKEN to ${options.envFile} (mode 0600).\n`);
    } else if (!process.stdout.isTTY) {
      process.stdout.write(`${token}\n`);
    } else {
      process.stderr.write(
        'The token is not printed to a terminal. Pipe it (npm run -s token -- … | your-tool) or write it to a file with --env FILE.\n',
      );
    }
    if (options.discovery) await listInstances(options, token);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof CliError ? error.message : `Unexpected failure: ${describe(error)}`}\n`);
    return error instanceof CliError && error.message === USAGE ? 0 : 1;
  }
}
