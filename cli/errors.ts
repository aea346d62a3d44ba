import * as client from 'openid-client';

/** A failure said as a sentence; the CLI prints it and exits non-zero. */
export class CliError extends Error {}

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
