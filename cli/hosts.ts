/**
 * Where the CLI may send things. Plain http is for loopback only (the sandbox); everything else is
 * https. The loopback list and the Discovery path are the catalogue's (src/config/catalogue.ts).
 */
import { discoveryEndpoint, isLoopbackHost } from '../src/config/catalogue.ts';
import { CliError } from './errors.ts';

export { discoveryEndpoint };

/** http on a loopback host: allowed without TLS. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/**
 * The `--discovery` URL, checked: https, or http on loopback; no user name or password in it, no
 * query or fragment. Every mistake says what to give instead.
 */
export function checkDiscoveryUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--discovery "${value}" is not a URL (leave the URL out for the environment's own).`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) {
    throw new CliError(
      `--discovery ${url.origin === 'null' ? `"${value}"` : url.origin} is neither https nor http on this machine (127.0.0.1, localhost, [::1]): the token is sent only over https, or to a local sandbox.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new CliError(
      `--discovery must be a plain address such as https://discover.api.seequent.com, without a user name, password, query or fragment.`,
    );
  }
  return url;
}

/** True when `url` lies at or under `prefix` (same origin, path below): the Discovery host policy. */
export function isUnder(url: URL, prefix: string): boolean {
  const root = new URL(prefix);
  if (url.origin !== root.origin) return false;
  const path = root.pathname.replace(/\/+$/, '');
  return url.pathname === path || url.pathname.startsWith(`${path}/`);
}
