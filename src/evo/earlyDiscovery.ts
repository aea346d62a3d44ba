import { sendWithBearer, type BearerCredential, type Exchange } from '../http/index.ts';
import { discoveryEndpoint } from '../config/catalogue.ts';

/**
 * Discovery calls started the moment a sign-in's code exchange returns a token, before the
 * signed-in page's code has downloaded or rendered; the Discovery query takes its answer instead
 * of asking again. Keyed by the token's one-way fingerprint and the Discovery URL, never the token.
 */
interface Early {
  exchange: Promise<Exchange>;
  /** The body of a 200 answer, once it has been read (from a clone; the response stays unread). */
  body?: unknown;
}

const early = new Map<string, Early>();

const keyOf = (fingerprint: string, discoveryUrl: string) => `${fingerprint} ${discoveryUrl}`;

/**
 * Starts the Discovery call for a fresh token (its handle at the door, and its fingerprint for the
 * key). The Discovery URL is the settings' own, the credential's.
 */
export function startDiscoveryEarly(credential: BearerCredential, fingerprint: string): void {
  const { discoveryUrl } = credential;
  const key = keyOf(fingerprint, discoveryUrl);
  if (early.has(key)) return;
  const exchange = sendWithBearer(credential, discoveryEndpoint(discoveryUrl));
  // Read a good answer as soon as it lands, so a render after it can show it at once.
  void exchange.then(async (answer) => {
    if (!('response' in answer) || answer.response.status !== 200) return;
    try {
      entry.body = await answer.response.clone().json();
    } catch {
      // Not JSON: the query reads the response itself and says so.
    }
  });
  const entry: Early = { exchange };
  early.set(key, entry);
}

/**
 * The body of the early answer for this token and URL, if it has already arrived as a 200, for the
 * query to start with when it reads well: `use()` then spends the early call. Otherwise the query
 * takes the early call as usual (and explains a body of the wrong shape itself).
 */
export function arrivedDiscovery(
  fingerprint: string,
  discoveryUrl: string,
): { body: unknown; use: () => void } | undefined {
  const key = keyOf(fingerprint, discoveryUrl);
  const entry = early.get(key);
  if (entry?.body === undefined) return undefined;
  return { body: entry.body, use: () => early.delete(key) };
}

/** The early call for this token and URL, once: a later refetch asks again. */
export function takeEarlyDiscovery(fingerprint: string, discoveryUrl: string): Promise<Exchange> | undefined {
  const key = keyOf(fingerprint, discoveryUrl);
  const started = early.get(key);
  early.delete(key);
  return started?.exchange;
}

/** Drops calls no one took (the session ended first). */
export function forgetEarlyDiscovery(): void {
  early.clear();
}
