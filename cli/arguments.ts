/** The `native` and `service` verbs' command line: read once, every mistake a sentence. */
import { parseArgs } from 'node:util';
import { ENVIRONMENT_IDS, EVO_DISCOVERY_URL, environmentPresets, isEnvironmentId } from '../src/config/environments.ts';
import { CliError } from './errors.ts';
import { checkDiscoveryUrl } from './hosts.ts';

/** The local sandbox (`npm start` or `npm run sandbox`) and its two clients. */
export const SANDBOX = {
  authority: process.env.VITE_SANDBOX_AUTHORITY ?? 'http://127.0.0.1:3001',
  discoveryUrl: process.env.VITE_SANDBOX_DISCOVERY_URL ?? 'http://127.0.0.1:3002',
  nativeClientId: 'evo-sandbox-native',
  serviceClientId: 'evo-sandbox-service',
};
const PRESETS = environmentPresets({
  sandboxAuthority: SANDBOX.authority,
  sandboxDiscoveryUrl: SANDBOX.discoveryUrl,
  sandboxClientId: SANDBOX.nativeClientId,
  clientId: '',
  discoveryUrl: undefined,
});
const DEFAULT_SCOPES = 'evo.discovery evo.workspace';

export const USAGE = `Usage:
  npm run token -- native  [--environment sandbox|ims|ims-qa] [--authority URL] [--client-id ID]
                           [--scopes "a b"] [--port N] [--no-browser] [--env FILE] [--discovery [URL]]
                           [--refresh --env FILE]
  npm run token -- service [--environment sandbox|ims|ims-qa] [--authority URL] [--client-id ID]
                           [--scopes "a b"] [--env FILE] [--discovery [URL]]

native   signs a person in with the browser (Authorization Code + PKCE, loopback redirect).
service  gets a token for a service app (client credentials); the secret comes from
         EVO_CLIENT_SECRET or a hidden prompt, never from an argument.

--env FILE      write EVO_ACCESS_TOKEN (and its expiry, and a refresh token) to FILE, mode 0600,
                replacing only those lines (FILE may not be a symbolic link). Without it the token
                goes to stdout when stdout is not a terminal (pipe it), never to a terminal.
--discovery [URL]  call Evo Discovery (at URL, https or loopback http, or the environment's own)
                with the token and list the instances (on stderr). Redirects are not followed.
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
  const authority = values.authority ?? PRESETS[environment].authority;
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
  const discoveryUrl = checkDiscoveryUrl(
    values.discovery || (environment === 'sandbox' ? SANDBOX.discoveryUrl : EVO_DISCOVERY_URL),
  ).href.replace(/\/$/, '');
  const port = values.port === undefined ? 0 : Number(values.port);
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
    discoveryUrl,
    port,
    browser: !values['no-browser'],
    envFile: values.env,
    discovery: values.discovery !== undefined,
    refresh: Boolean(values.refresh),
    timeoutSeconds,
  };
}
