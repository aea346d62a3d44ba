/**
 * http/: the one door every request of this page goes through, below auth/ and every feature.
 * It imports nothing of ours but config/ (the page's Content-Security-Policy). Everything outside
 * http/ imports this file only (a lint zone says so).
 *
 * - Bearer calls. Whoever holds an access token (the app shell, for the session or a pasted token)
 *   registers it with `bearerCredential(token, discoveryUrl)` and hands the opaque handle on;
 *   features call `sendWithBearer(handle, url, …)`. The door attaches the token only under the
 *   Discovery URL or a hub Discovery named for it (`allowHubs`), refuses URL tricks (user@host,
 *   backslashes, %2e%2e, trailing dots, punycode look-alikes, other ports), never follows a
 *   redirect (`redirect: 'manual'`: the answer is `failure: 'redirected'` with an explanation), and
 *   never rejects. `forgetBearers()` when the session ends.
 * - Web app (BFF) mode. `bffCredential(discoveryUrl, session)` is a handle with no token inside:
 *   the same calls, under the same host check, go to `/bff/evo/{scheme}/{host}{path}` on this
 *   page's origin with the session cookie and `X-Evo-BFF: 1`, never an Authorization header; the
 *   server attaches the bearer (and refuses other hosts again).
 * - Other calls (the sign-in library's, key and metadata fetches): `doorFetch(source, url, init)`.
 * - Every exchange is recorded in the exchange log (`exchanges`, `subscribeExchanges`…), which
 *   masks secrets (bearer, tokens, code, verifier, Cookie, Set-Cookie, in URLs, headers, JSON and
 *   form bodies) when shown or carried across a page redirect.
 */

import { forgetCredentials } from './credential.ts';
import { bearerFor, forgetHubs } from './hostPolicy.ts';
import type { BearerCredential } from './credential.ts';

export { bearerCredential, bffCredential, type BearerCredential } from './credential.ts';
export { BFF_CSRF_HEADER, bffEvoUrl, bffUrl } from './bff.ts';
export { allowHubs, checkTarget, type RefusedHub, type TargetCheck } from './hostPolicy.ts';
export { doorFetch, redirectExplanation, sendWithBearer, TIMEOUT_MS, type Exchange } from './door.ts';
export {
  clearExchanges,
  exchanges,
  headersWithoutSecrets,
  maskedExchange,
  recordRedirect,
  SECRET_NAMES,
  subscribeExchanges,
  takeCarriedExchanges,
  urlWithoutSecrets,
  withoutSecrets,
  type ExchangeEntry,
  type FoundSecret,
} from './exchangeLog.ts';

/** Forgets every registered token and the hubs they were allowed (the session ended). */
export function forgetBearers(): void {
  forgetHubs();
  forgetCredentials();
}

/** Whether the door would send this credential's token to `url`, and why not (no request is made). */
export async function bearerAllowed(
  credential: BearerCredential,
  url: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const check = await bearerFor(credential, url);
  return check.ok ? { ok: true } : { ok: false, reason: check.reason };
}
