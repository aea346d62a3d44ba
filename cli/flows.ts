/**
 * The two flows, on openid-client (discovery, PKCE, state and RFC 9207 `iss` checks, client
 * credentials, refresh):
 * - native: Authorization Code + PKCE with an RFC 8252 loopback redirect on 127.0.0.1;
 * - service: client credentials with a secret from EVO_CLIENT_SECRET or a hidden prompt.
 */
import { spawn } from 'node:child_process';
import * as client from 'openid-client';
import type { CliOptions } from './arguments.ts';
import { CliError, describe } from './errors.ts';
import { isLoopbackHttp } from './hosts.ts';
import { listenOnLoopback } from './loopback.ts';
import { readSecret } from './prompt.ts';

/** The provider's metadata; plain http only for a loopback authority (the sandbox). */
async function discover(options: CliOptions, secret?: string): Promise<client.Configuration> {
  const execute = isLoopbackHttp(new URL(options.authority)) ? [client.allowInsecureRequests] : [];
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

/** A person signs in in the browser; the loopback listener takes the code back. */
async function nativeSignIn(options: CliOptions, config: client.Configuration): Promise<client.TokenEndpointResponse> {
  const loopback = await listenOnLoopback(options.port);
  try {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: loopback.redirectUri,
      scope: options.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const returned = loopback.callback(state, options.timeoutSeconds);
    if (options.browser && (await openBrowser(url.href))) {
      process.stderr.write(`Opened your browser to sign in at ${new URL(options.authority).host}. Waiting…\n`);
    } else {
      process.stderr.write(`Open this address in a browser to sign in:\n${url.href}\n`);
    }
    const callback = await returned;
    try {
      // Checks state, the RFC 9207 iss, the code and verifier (PKCE S256).
      const tokens = await client.authorizationCodeGrant(config, callback.url, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      await callback.finish(true);
      return tokens;
    } catch (error) {
      await callback.finish(false);
      throw new CliError(`The sign-in was refused: ${describe(error)}.`);
    }
  } finally {
    loopback.close();
  }
}

/** Tokens for the options: a service app's, a native sign-in's, or a refresh of `refreshToken`. */
export async function obtainTokens(options: CliOptions, refreshToken?: string): Promise<client.TokenEndpointResponse> {
  if (options.kind === 'service') {
    const config = await discover(options, await readSecret());
    try {
      return await client.clientCredentialsGrant(config, { scope: options.scopes.join(' ') });
    } catch (error) {
      throw new CliError(`The identity provider refused the service app: ${describe(error)}.`);
    }
  }
  const config = await discover(options);
  if (refreshToken === undefined) return nativeSignIn(options, config);
  try {
    return await client.refreshTokenGrant(config, refreshToken);
  } catch (error) {
    throw new CliError(`The refresh token was refused: ${describe(error)}. Sign in again.`);
  }
}
