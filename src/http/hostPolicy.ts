/**
 * Where a bearer token may go: under the Discovery URL of the settings, or under a hub that a
 * Discovery answer named for that very token. Decided here, in code, whatever the page's
 * Content-Security-Policy would allow, and before anything is sent. Addresses that could make a
 * reader (or a server) see another host or path than the one checked are refused outright.
 *
 * Internal to http/: the door (door.ts) asks it; features reach it through `src/http/index.ts`.
 */

import { isLoopbackHost } from '../config/catalogue.ts';
import { heldToken, type BearerCredential, type Held } from './credential.ts';

/** An address checked against the allowed prefixes: the parsed URL, or why it is refused. */
export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string; endpoint: string };

/** The address as written, from its path on (the authority and scheme cut off), before its query. */
function rawPath(raw: string): string {
  return raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
}

function parse(prefix: string): URL | undefined {
  try {
    return new URL(prefix);
  } catch {
    return undefined;
  }
}

function under(url: URL, root: URL): boolean {
  if (url.origin !== root.origin) return false;
  const path = root.pathname.replace(/\/+$/, '');
  return url.pathname === path || url.pathname.startsWith(`${path}/`);
}

/**
 * Checks `raw` against `allowed` (address prefixes: origin and path). Refuses, each with its own
 * reason: a user name or password in the address (`host@evil`), backslashes, dot segments written
 * plainly or percent-encoded (`%2e%2e`), encoded slashes, a host with a trailing dot, an
 * international (punycode) host that only looks like an allowed one, another port or scheme, and
 * any host or path that is simply not allowed.
 */
export function checkTarget(raw: string, allowed: readonly string[]): TargetCheck {
  const refuse = (reason: string, endpoint = raw): TargetCheck => ({ ok: false, reason, endpoint });
  if (raw.includes('\\')) {
    return refuse(`The token is not sent to "${raw}": it has a backslash, which browsers read as "/".`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`"${raw}" is not an address.`);
  }
  const endpoint = `${url.origin}${url.pathname}`;
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw)) {
    return refuse(
      `The token is not sent to ${url.host}: the address carries a user name ("…@${url.host}"), a trick that makes another host look like the one named first.`,
      endpoint,
    );
  }
  if (url.hostname.endsWith('.')) {
    return refuse(`The token is not sent to "${url.hostname}": a host name with a trailing dot.`, endpoint);
  }
  const path = rawPath(raw);
  // A percent sign written encoded (%25): a server that decodes twice reads %252e as "." and
  // %252f as "/". Undone here as often as it is stacked, then judged like the rest.
  let decodedOnce = path;
  for (let previous = ''; previous !== decodedOnce; ) {
    previous = decodedOnce;
    decodedOnce = decodedOnce.replace(/%25/gi, '%');
  }
  if (decodedOnce !== path && (/(^|\/)(\.|%2e){1,2}(;|%3b|\/|$)/i.test(decodedOnce) || /%2f|%5c/i.test(decodedOnce))) {
    return refuse(
      `The token is not sent to ${endpoint}: the path is encoded twice (%252e, %252f), which a server that decodes twice reads as ".." or "/", outside the allowed path.`,
      endpoint,
    );
  }
  // `..;` (and `.;`): Java servers cut the `;…` path parameter off and read the segment as "..".
  if (/(^|\/)(\.|%2e){1,2}(;|%3b)/i.test(path)) {
    return refuse(
      `The token is not sent to ${endpoint}: the path has a "..;" segment, which Java servers read as "..", outside the allowed path.`,
      endpoint,
    );
  }
  if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path) || /%2f|%5c/i.test(path)) {
    return refuse(
      `The token is not sent to ${endpoint}: the path has "." or ".." segments or encoded slashes (%2e, %2f, %5c), which could lead outside the allowed path.`,
      endpoint,
    );
  }
  const roots = allowed.map(parse).filter((root): root is URL => root !== undefined);
  if (roots.some((root) => under(url, root))) return { ok: true, url };
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return refuse(
      `The token is not sent to ${url.host}: an international (punycode) host name that may only look like ${roots.map((root) => root.host).join(' or ')}.`,
      endpoint,
    );
  }
  const sameHost = roots.find((root) => root.hostname === url.hostname);
  if (sameHost && sameHost.port !== url.port) {
    return refuse(`The token is not sent to ${url.origin}: another port than ${sameHost.origin}.`, endpoint);
  }
  if (sameHost && sameHost.protocol !== url.protocol) {
    return refuse(`The token is not sent to ${url.origin}: another scheme than ${sameHost.origin}.`, endpoint);
  }
  return refuse(`The token is not sent to ${url.origin}${sameHost ? url.pathname : ''}.`, endpoint);
}

/** Hubs Discovery named, per token: keyed by the token's SHA-256 (one-way), for this page's life. */
const hubsByToken = new Map<string, Set<string>>();

/** A hub Discovery named that the token will not go to, and why. */
export interface RefusedHub {
  url: string;
  reason: string;
}

/**
 * Why the token never goes to a hub Discovery named, or undefined when it may: only an `https`
 * hub, or `http` on this machine (the sandbox). Anything else would send the bearer in clear
 * text, or to a scheme that is not a web API at all.
 */
export function hubRefusal(hubUrl: string): string | undefined {
  const url = parse(hubUrl);
  if (!url) return `Discovery named the hub "${hubUrl}", which is not an address: the token is not sent there.`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return url.protocol === 'http:'
    ? `Discovery named the hub ${url.origin} over plain http: the token is not sent there (only https hubs, or http on this machine).`
    : `Discovery named the hub "${hubUrl}" with the scheme "${url.protocol}": the token is not sent there (only https hubs, or http on this machine).`;
}

/**
 * Notes the hub URLs a Discovery answer named for this token: the only other hosts it may go to.
 * Hubs that are not https (or http on this machine) are left out, and returned with the reason.
 */
export function allowHubs(credential: BearerCredential, hubUrls: readonly string[]): RefusedHub[] {
  const refused: RefusedHub[] = [];
  const allowed: string[] = [];
  for (const url of hubUrls) {
    const reason = hubRefusal(url);
    if (reason === undefined) allowed.push(url.replace(/\/+$/, ''));
    else if (!refused.some((hub) => hub.url === url)) refused.push({ url, reason });
  }
  const token = heldToken(credential);
  if (!token) return refused;
  // Checks wait on the same digest, so they run after this (promise callbacks run in order).
  void token.digest.then((digest) => {
    const hubs = hubsByToken.get(digest) ?? new Set<string>();
    for (const url of allowed) hubs.add(url);
    hubsByToken.set(digest, hubs);
  });
  return refused;
}

/** Forgets every hub, when the session ends. */
export function forgetHubs(): void {
  hubsByToken.clear();
}

/** The hub-list keys in use (SHA-256 hex digests), for the unit tests. */
export function hubKeys(): string[] {
  return [...hubsByToken.keys()];
}

/**
 * Whether the token behind `credential` may go to `url`: under its Discovery URL, or under a hub
 * Discovery named for it. With what is behind the handle when it may (for door.ts alone). A BFF
 * session is checked the same way here, before the server checks again.
 */
export async function bearerFor(
  credential: BearerCredential,
  url: string,
): Promise<(TargetCheck & { ok: false }) | { ok: true; url: URL; held: Held }> {
  const token = heldToken(credential);
  if (!token) {
    return { ok: false, reason: 'The token was forgotten (the session ended): sign in again.', endpoint: url };
  }
  const digest = await token.digest;
  const check = checkTarget(url, [credential.discoveryUrl, ...(hubsByToken.get(digest) ?? [])]);
  return check.ok ? { ...check, held: token } : check;
}
