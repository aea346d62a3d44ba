/**
 * Bearer credentials as opaque handles. Whoever holds an access token (the session, or the pasted
 * token view) registers it here once and passes the handle on; features ask the door for an
 * authenticated call with the handle and never see the token next to a URL. The token is kept in a
 * WeakMap inside http/, so a handle printed, stringified or put in a query key shows no secret.
 *
 * Internal to http/: features import `src/http/index.ts`, which re-exports only the public part.
 */

/**
 * An opaque handle for one access token and the Discovery URL of the settings it goes with. Two
 * kinds, which features cannot tell apart: a token held in this tab (`bearerCredential`), or the
 * Web app's session, whose token stays on the server (`bffCredential`: no token inside).
 */
export interface BearerCredential {
  readonly kind: 'bearer-credential';
  /** The settings' Discovery URL: the one host, with the hubs Discovery names, the token goes to. */
  readonly discoveryUrl: string;
}

/** What a handle stands for. `digest` (SHA-256 hex) is the one-way key of its hub allow-list. */
export type Held =
  | { via: 'bearer'; token: string; digest: Promise<string> }
  /** The BFF attaches the token on the server; the page sends its calls to `/bff/evo/…` with the cookie. */
  | { via: 'bff'; digest: Promise<string> };

const held = new WeakMap<BearerCredential, Held>();
/** One handle per token and Discovery URL for the page's life (until forgotten), so React renders share it. */
const handles = new Map<string, BearerCredential>();

/** SHA-256 of a text as lowercase hex (Web Crypto: in browsers and in Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Registers an access token (once per token and Discovery URL) and returns its handle. */
export function bearerCredential(accessToken: string, discoveryUrl: string): BearerCredential {
  const key = `${discoveryUrl}\n${accessToken}`;
  let handle = handles.get(key);
  if (!handle) {
    handle = Object.freeze({
      kind: 'bearer-credential' as const,
      discoveryUrl,
      toJSON: () => '[bearer credential]',
    });
    held.set(handle, { via: 'bearer', token: accessToken, digest: sha256Hex(accessToken) });
    handles.set(key, handle);
  }
  return handle;
}

/**
 * The handle for a Web app (BFF) session: no token inside. `session` names that session stably
 * (for example its subject and start time); its hubs are keyed by a digest of it, as a token's are.
 */
export function bffCredential(discoveryUrl: string, session: string): BearerCredential {
  const key = `bff\n${discoveryUrl}\n${session}`;
  let handle = handles.get(key);
  if (!handle) {
    handle = Object.freeze({
      kind: 'bearer-credential' as const,
      discoveryUrl,
      toJSON: () => '[bearer credential]',
    });
    held.set(handle, { via: 'bff', digest: sha256Hex(key) });
    handles.set(key, handle);
  }
  return handle;
}

/** Forgets every registered token (the session ended): their handles no longer authenticate. */
export function forgetCredentials(): void {
  for (const handle of handles.values()) held.delete(handle);
  handles.clear();
}

/** What is behind a handle, for http/ alone (door.ts sets the header, hostPolicy.ts keys the hubs). */
export function heldToken(credential: BearerCredential): Held | undefined {
  return held.get(credential);
}
