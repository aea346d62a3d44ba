/** The kinds of failure a person needs told apart. */
export type EvoErrorKind =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'http' // any other non-2xx
  | 'network' // no answer: offline, server down, or CORS blocked
  | 'timeout'
  | 'bad-response' // 2xx, but not the JSON shape the API promises
  | 'blocked-by-policy' // not sent: this page's Content-Security-Policy does not list the address
  | 'refused-host' // not sent: the address is not the Discovery host or a hub Discovery named
  | 'redirected'; // answered with a redirect, not followed: the token is not sent there

/** A bearer challenge from `WWW-Authenticate` (RFC 6750 §3). */
export interface BearerChallenge {
  error?: string;
  errorDescription?: string;
  scope?: string;
}

/**
 * A failed Evo API call: its kind, the HTTP status, and what the API said (RFC 7807 `title` and
 * `detail`, the bearer challenge). It never holds the token or the request's headers.
 */
export class EvoApiError extends Error {
  override readonly name = 'EvoApiError';
  constructor(
    readonly kind: EvoErrorKind,
    message: string,
    readonly details: {
      status?: number;
      title?: string;
      detail?: string;
      challenge?: BearerChallenge;
      retryAfterSeconds?: number;
      /** For bad-response: where in the body the problem is, like `discovery.hubs[0].url`. */
      field?: string;
      /** The address called, without its query string. */
      endpoint: string;
    },
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** Parses `Bearer realm="evo", error="invalid_token", ...` into its parameters. */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header || !/^\s*Bearer\b/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)) {
    params[match[1]!.toLowerCase()] = match[2]!.replace(/\\(.)/g, '$1');
  }
  return { error: params.error, errorDescription: params.error_description, scope: params.scope };
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

export function kindForStatus(status: number): EvoErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'http';
}

/** Whether a failed call is worth trying again by itself: only when the server or network failed. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof EvoApiError && (error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout')
  );
}

/** A failure in words: a headline, what it means, and what to do next. */
export interface EvoProblem {
  title: string;
  detail: string;
  action: string;
}

/** Explains an API failure to a person. `apiName` is what was being called, e.g. "Evo Discovery". */
export function describeEvoError(error: unknown, apiName: string): EvoProblem {
  if (!(error instanceof EvoApiError)) {
    return {
      title: `${apiName} failed`,
      detail: 'Something unexpected went wrong in the app while calling it.',
      action: 'Try again; if it keeps failing, reload the page.',
    };
  }
  const { details } = error;
  const said = details.detail ?? details.challenge?.errorDescription;
  const server = said ? ` The API said: "${said}"` : '';
  switch (error.kind) {
    case 'refused-host':
      return {
        title: `${apiName} was not called: the token does not go to that address`,
        detail: `${details.detail ?? error.message} ${details.endpoint} is not under the Discovery URL in the settings nor under a hub that Discovery named for this session. This page sends the bearer token there only, so that a link or a tampered answer cannot send it anywhere else.`,
        action: 'Call Discovery first, or check the Discovery URL in the connection settings.',
      };
    case 'redirected':
      return {
        title: `${apiName} answered with a redirect, which the page did not follow`,
        detail: `${details.detail ?? error.message} A redirect could lead the token anywhere, so this page never follows one with it.`,
        action:
          'Put the address Evo should be called at in the connection settings (the Discovery URL), so that no redirect is needed.',
      };
    case 'unauthorized':
      return {
        title: `${apiName} did not accept the token (401)`,
        detail: `The access token is missing, expired, signed by an issuer the API does not trust, or meant for another audience.${server}`,
        action: 'Sign in again (or renew the session) to get a fresh token.',
      };
    case 'forbidden': {
      const scope = details.challenge?.scope;
      return {
        title: `${apiName} refused the call (403)`,
        detail: scope
          ? `The token lacks the ${scope} scope this API needs.${server}`
          : `The token is valid, but it is not allowed to do this: a scope is missing or you have no access to this resource.${server}`,
        action: scope
          ? `Choose ${scope} in the scope picker (and make sure the app registration has it), then sign in again.`
          : 'Check the scopes granted to the token and your access in Evo.',
      };
    }
    case 'not-found':
      return {
        title: `${apiName} answered 404 Not Found`,
        detail: `Nothing exists at ${details.endpoint}.${server}`,
        action: 'Check the Discovery URL (or hub URL) in the settings.',
      };
    case 'rate-limited':
      return {
        title: `${apiName} asked the app to slow down (429)`,
        detail: `Too many calls were made in a short time.${server}`,
        action:
          details.retryAfterSeconds !== undefined
            ? `Try again in ${details.retryAfterSeconds} seconds.`
            : 'Wait a little and try again.',
      };
    case 'server':
      return {
        title: `${apiName} failed on its side (${details.status ?? '5xx'})`,
        detail: `The service had an error; the app tried again and it still failed.${server}`,
        action: 'Try again in a few minutes. If it persists, check the Seequent status page.',
      };
    case 'network':
      return {
        title: `${apiName} could not be reached`,
        detail: `The browser got no answer from ${details.endpoint}: you may be offline, the service may be down or the address wrong, or the browser blocked the call, because the service does not allow calls from this page's origin (CORS) or because this page's Content-Security-Policy does not list that address.`,
        action:
          'Check your connection and the URL in the settings; the browser console names a CORS or Content-Security-Policy block if that is the cause.',
      };
    case 'blocked-by-policy':
      return {
        title: `${apiName} is blocked by this page's Content-Security-Policy`,
        detail: `${details.detail ?? error.message} The call was not made, and will not be retried.`,
        action: 'Change the Discovery URL in the connection settings, or allow the address as the detail says.',
      };
    case 'timeout':
      return {
        title: `${apiName} took too long to answer`,
        detail: `No answer came from ${details.endpoint} in time.`,
        action: 'Try again.',
      };
    case 'bad-response':
      return {
        title: `${apiName} answered with something unexpected`,
        detail: `The answer did not have the shape the API promises${details.field ? `: ${details.field}` : ''}. ${error.message}`,
        action: 'Check that the Discovery URL points at Evo Discovery. If it does, the API may have changed.',
      };
    case 'http':
      return {
        title: `${apiName} answered ${details.status ?? 'an error'}`,
        detail: `${details.title ?? 'The call was not accepted.'}${server}`,
        action: 'Check the settings and try again.',
      };
  }
}
