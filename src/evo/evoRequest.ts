/**
 * The bare GET every Evo call makes, with no parsing and no error wording, so it can start before
 * the code that reads the answer has loaded (see earlyDiscovery.ts).
 */

import { recordedFetch, recordRefused } from '../console/exchangeLog.ts';
import { blockedByPolicy } from '../config/contentSecurity.ts';

/** How long one Evo call may take before it is reported as a timeout. */
export const TIMEOUT_MS = 15_000;

/** What came back: a response of any status, or why none did. */
export type EvoExchange =
  | { response: Response }
  | { failure: 'network' | 'timeout' | 'aborted'; error: unknown }
  | { failure: 'blocked-by-policy'; error: string };

/**
 * GETs `url` with the bearer token, no cookies and no referrer; never rejects. A call this page's
 * Content-Security-Policy would block is not made at all.
 */
export async function sendEvoRequest(
  url: string,
  accessToken: string,
  signal?: AbortSignal,
  /** For the console: who sends it, and another method with a JSON body. */
  options: { source?: 'evo' | 'console'; method?: string; body?: string } = {},
): Promise<EvoExchange> {
  const { source = 'evo', method = 'GET', body } = options;
  const blocked = blockedByPolicy(url);
  if (blocked) {
    recordRefused(source, method, url, blocked);
    return { failure: 'blocked-by-policy', error: blocked };
  }
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  try {
    const response = await recordedFetch(
      source,
      url,
      {
        method,
        headers: {
          Authorization: `Bearer ${accessToken}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body,
        signal: combined,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      },
      fetch,
    );
    return { response };
  } catch (error) {
    if (signal?.aborted) return { failure: 'aborted', error };
    return { failure: timeout.signal.aborted ? 'timeout' : 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

/** The Discovery address for a base URL such as https://discover.api.seequent.com. */
export function discoveryEndpoint(discoveryUrl: string): string {
  return `${discoveryUrl.replace(/\/+$/, '')}/evo/identity/v2/discovery?service=evo`;
}
