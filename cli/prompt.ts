/** The service app's secret: from EVO_CLIENT_SECRET, or typed at a hidden prompt, never an argument. */
import password from '@inquirer/password';
import { CliError } from './errors.ts';

/** Asks for the secret without echoing it (@inquirer/password, `mask: false`). */
export async function promptSecret(
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stderr,
  },
): Promise<string> {
  const secret = await password({ message: 'Client secret (hidden)', mask: false }, streams);
  if (!secret) throw new CliError('No secret was typed.');
  return secret;
}

/** The secret from EVO_CLIENT_SECRET, else asked for on the terminal. */
export async function readSecret(): Promise<string> {
  const fromEnv = process.env.EVO_CLIENT_SECRET;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(
      'Set EVO_CLIENT_SECRET to the service app’s secret (there is no terminal to ask for it on). It is never taken as an argument.',
    );
  }
  return promptSecret();
}
