/**
 * The `native` and `service` verbs: an Evo access token in a terminal, the two other ways the
 * Seequent and Bentley portal guides describe (see flows.ts). With no options both use the local
 * sandbox (`npm start` or `npm run sandbox`) and its clients.
 */
import { parseCommandLine, USAGE } from './arguments.ts';
import { readEnvValue } from './envFile.ts';
import { CliError, describe } from './errors.ts';
import { discoverInstances } from './evoDiscovery.ts';
import { obtainTokens } from './flows.ts';
import { deliverToken, instancesText, summary } from './output.ts';

/** Runs one token verb (`argv` starts with it); returns the exit code. */
export async function tokenVerb(argv: readonly string[]): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    let refreshToken: string | undefined;
    if (options.refresh) {
      refreshToken = readEnvValue(options.envFile!, 'EVO_REFRESH_TOKEN');
      if (!refreshToken) {
        throw new CliError(
          `${options.envFile} has no EVO_REFRESH_TOKEN line: sign in with offline_access in --scopes first.`,
        );
      }
    }
    const tokens = await obtainTokens(options, refreshToken);
    const expiresAt = tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000) : undefined;
    process.stderr.write(summary(options, tokens, expiresAt));
    deliverToken(options, tokens, expiresAt);
    if (options.discovery) {
      process.stderr.write(instancesText(await discoverInstances(options.discoveryUrl, tokens.access_token)));
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof CliError ? error.message : `Unexpected failure: ${describe(error)}`}\n`);
    return error instanceof CliError && error.message === USAGE ? 0 : 1;
  }
}
