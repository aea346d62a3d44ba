/** What the token verbs print: a summary on stderr, the token to a pipe or a 0600 file, never a terminal. */
import { decodeJwt, type JWTPayload } from 'jose';
import type { TokenEndpointResponse } from 'openid-client';
import { tokenScopes } from '../src/token/tokenScopes.ts';
import type { CliOptions } from './arguments.ts';
import { setEnvValues } from './envFile.ts';
import type { Instance } from './evoDiscovery.ts';

/** Claims of a JWT access token, for the summary; nothing when it is not one. */
function claimsOf(token: string): JWTPayload {
  try {
    return decodeJwt(token);
  } catch {
    return {};
  }
}

/** Who the token is for, its client, scopes, expiry and whether a refresh token came back. */
export function summary(options: CliOptions, tokens: TokenEndpointResponse, expiresAt: Date | undefined): string {
  const claims = claimsOf(tokens.access_token);
  const who = [claims.name, claims.email, claims.sub].find((value) => typeof value === 'string');
  const fromToken = tokenScopes(claims);
  const scope = fromToken.form !== 'none' ? fromToken.scopes.join(' ') : tokens.scope;
  return [
    `Access token for ${String(who ?? 'an unknown subject')}${claims.name ? '' : options.kind === 'service' ? ' (a service identity, no person)' : ''}`,
    `  client   ${options.clientId} at ${new URL(options.authority).host}`,
    `  scopes   ${scope ?? '(not stated)'}`,
    `  expires  ${expiresAt ? `${expiresAt.toISOString()} (in ${Math.round(tokens.expires_in! / 60)} min)` : 'not stated'}`,
    `  refresh  ${tokens.refresh_token ? 'a refresh token came back' : 'no refresh token'}`,
    '',
  ].join('\n');
}

/** The token to `--env FILE`, else to a pipe; to a terminal, only a sentence saying how to get it. */
export function deliverToken(options: CliOptions, tokens: TokenEndpointResponse, expiresAt: Date | undefined): void {
  if (options.envFile) {
    setEnvValues(options.envFile, {
      EVO_ACCESS_TOKEN: tokens.access_token,
      ...(expiresAt ? { EVO_ACCESS_TOKEN_EXPIRES_AT: expiresAt.toISOString() } : {}),
      ...(tokens.refresh_token ? { EVO_REFRESH_TOKEN: tokens.refresh_token } : {}),
    });
    process.stderr.write(`Wrote EVO_ACCESS_TOKEN to ${options.envFile} (mode 0600).\n`);
  } else if (!process.stdout.isTTY) {
    process.stdout.write(`${tokens.access_token}\n`);
  } else {
    process.stderr.write(
      'The token is not printed to a terminal. Pipe it (npm run -s token -- … | your-tool) or write it to a file with --env FILE.\n',
    );
  }
}

/** Discovery's answer in words. */
export function instancesText(organizations: readonly Instance[]): string {
  return organizations.length === 0
    ? 'Evo Discovery: no instances. An administrator must add this identity to an instance.\n'
    : `Evo Discovery: ${organizations.length === 1 ? 'one instance' : `${organizations.length} instances`}\n${organizations
        .map((org) => `  ${org.display_name}  (${org.id})`)
        .join('\n')}\n`;
}
