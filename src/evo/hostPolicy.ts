import { EvoApiError } from './evoApiError.ts';

/** Hubs Discovery named, per token (by its one-way fingerprint), for this page's life. */
const hubsByToken = new Map<string, Set<string>>();

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Notes the hub URLs a Discovery answer named for this token: the only other hosts it may go to. */
export function allowHubs(fingerprint: string, hubUrls: readonly string[]): void {
  const hubs = hubsByToken.get(fingerprint) ?? new Set<string>();
  for (const url of hubUrls) hubs.add(base(url));
  hubsByToken.set(fingerprint, hubs);
}

/** Forgets every hub, when the session ends. */
export function forgetHubs(): void {
  hubsByToken.clear();
}

function under(url: URL, prefix: string): boolean {
  let root: URL;
  try {
    root = new URL(prefix);
  } catch {
    return false;
  }
  if (url.origin !== root.origin) return false;
  const path = root.pathname.replace(/\/+$/, '');
  return url.pathname === path || url.pathname.startsWith(`${path}/`);
}

/**
 * The bearer token for a call to `url`, when `url` lies under the Discovery URL of the settings
 * or under a hub that Discovery named for this very token; otherwise the call is refused here, in
 * code, whatever the Content-Security-Policy would allow.
 */
export function bearerFor(
  token: { accessToken: string; fingerprint: string; discoveryUrl: string },
  url: string,
): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new EvoApiError('refused-host', `"${url}" is not an address.`, { endpoint: url });
  }
  const allowed = [token.discoveryUrl, ...(hubsByToken.get(token.fingerprint) ?? [])];
  if (!allowed.some((prefix) => under(target, prefix))) {
    throw new EvoApiError('refused-host', `The token is not sent to ${target.origin}.`, {
      endpoint: `${target.origin}${target.pathname}`,
    });
  }
  return token.accessToken;
}
