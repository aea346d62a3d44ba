/**
 * The door: every request this page makes leaves through here.
 * - `sendWithBearer` sends a bearer call (Evo, the console): the host policy first (hostPolicy.ts),
 *   then this page's Content-Security-Policy, then `fetch` with no cookies, no referrer and
 *   `redirect: 'manual'`, so a 3xx is reported instead of followed and never carries the token.
 *   For a Web app (BFF) credential the same call goes to `/bff/evo/…` on this origin instead
 *   (bff.ts), with the session cookie and the CSRF header and no Authorization: the server adds it.
 * - `doorFetch` sends a call without a bearer (the sign-in library's, key fetches); one that
 *   carries a body (a code, a verifier, a refresh token) is not followed across a redirect either.
 * Both record the exchange in the exchange log (exchangeLog.ts), which masks it when shown.
 */

import { blockedByPolicy } from '../config/contentSecurity.ts';
import type { BearerCredential } from './credential.ts';
import { recordedFetch, recordRefused, type ExchangeEntry } from './exchangeLog.ts';
import { BFF_CSRF_HEADER, bffEvoUrl } from './bff.ts';
import { bearerFor } from './hostPolicy.ts';

/** How long one bearer call may take before it is reported as a timeout. */
export const TIMEOUT_MS = 15_000;

/** What came back: a response of any status except a redirect, or why none did. */
export type Exchange =
  | { response: Response }
  | { failure: 'network' | 'timeout' | 'aborted'; error: unknown }
  | {
      /** blocked by this page's CSP; refused by the host policy; answered with a redirect, not followed. */
      failure: 'blocked-by-policy' | 'refused-host' | 'redirected';
      error: string;
      endpoint: string;
    };

/** Whether a response is a redirect the page did not follow (opaque in browsers, a plain 3xx in Node). */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

/**
 * What to tell the person about a redirect. A browser hides the `Location` of a redirect it did not
 * follow (an "opaqueredirect" response), so then the address asked is named instead.
 */
export function redirectExplanation(asked: string, response: Response): string {
  const location = response.headers.get('Location');
  let target: string | undefined;
  try {
    target = location ? new URL(location, asked).href : undefined;
  } catch {
    target = location ?? undefined;
  }
  return target
    ? `Evo answered with a redirect to ${target}; the token is not sent there.`
    : `Evo answered ${asked} with a redirect (the browser does not let this page read where to); the token is not sent there, and the redirect is not followed.`;
}

/**
 * Sends one bearer call for `credential` to `url`; never rejects. Refused (not sent) when the host
 * policy or this page's Content-Security-Policy does not allow the address.
 */
export async function sendWithBearer(
  credential: BearerCredential,
  url: string,
  options: {
    signal?: AbortSignal;
    /** Who sends it (the exchange log says), and another method with a JSON body (the console). */
    source?: 'evo' | 'console';
    method?: string;
    body?: string;
  } = {},
): Promise<Exchange> {
  const { source = 'evo', method = 'GET', body, signal } = options;
  const allowed = await bearerFor(credential, url);
  if (!allowed.ok) {
    recordRefused(source, method, url, allowed.reason);
    return { failure: 'refused-host', error: allowed.reason, endpoint: allowed.endpoint };
  }
  const endpoint = `${allowed.url.origin}${allowed.url.pathname}`;
  // A Web app (BFF) session: the same call, to this page's own origin, with the cookie and the CSRF
  // header; the server attaches the bearer. A token held here: straight to Evo, no cookies.
  const { held } = allowed;
  const target = held.via === 'bff' ? bffEvoUrl(url) : url;
  const blocked = blockedByPolicy(target);
  if (blocked) {
    recordRefused(source, method, url, blocked);
    return { failure: 'blocked-by-policy', error: blocked, endpoint };
  }
  const headers: Record<string, string> = {
    ...(held.via === 'bff' ? { [BFF_CSRF_HEADER]: '1' } : { Authorization: `Bearer ${held.token}` }),
    Accept: 'application/json',
    ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
  };
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  try {
    const response = await recordedFetch(
      source,
      target,
      {
        method,
        headers,
        body,
        signal: combined,
        credentials: held.via === 'bff' ? 'same-origin' : 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'manual',
      },
      fetch,
      (answer) => (isRedirect(answer) ? redirectExplanation(url, answer) : undefined),
    );
    if (isRedirect(response)) {
      return { failure: 'redirected', error: redirectExplanation(url, response), endpoint };
    }
    return { response };
  } catch (error) {
    if (signal?.aborted) return { failure: 'aborted', error };
    return { failure: timeout.signal.aborted ? 'timeout' : 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A call without a bearer (the sign-in library's, key and metadata fetches), recorded. A call with
 * a body (a token or revocation request) is not followed across a redirect: the browser hands the
 * library an opaque answer, which it reports as a failed request.
 */
export function doorFetch(
  source: Exclude<ExchangeEntry['source'], 'redirect'>,
  input: string | URL,
  init: RequestInit = {},
  send: (input: string | URL, init: RequestInit) => Promise<Response> = (url, rest) => fetch(url, rest),
): Promise<Response> {
  const withBody = init.body !== undefined && init.body !== null;
  return recordedFetch(source, input, withBody ? { ...init, redirect: 'manual' } : init, send, (answer) =>
    withBody && isRedirect(answer)
      ? `Answered with a redirect, not followed: what this request carries is not sent there.`
      : undefined,
  );
}
