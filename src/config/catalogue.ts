/**
 * The catalogue: facts and small readers written once, for the app, the sandbox and the CLI. It
 * runs in Node as in the browser (no DOM, no window, nothing of ours imported), so sandbox/ and
 * cli/ import it directly.
 */

/** Host names that are this machine (as `URL.hostname` writes them, and `::1` as a bind address). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Whether a host name (from `URL.hostname`, or a bind address) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.includes(hostname.toLowerCase());
}

/** Bentley IMS, production: the authority (issuer) of Evo's access tokens. */
export const IMS_AUTHORITY = 'https://ims.bentley.com';
/** Bentley IMS, QA. */
export const IMS_QA_AUTHORITY = 'https://qa-ims.bentley.com';
/** Evo Discovery's base URL. */
export const EVO_DISCOVERY_URL = 'https://discover.api.seequent.com';

/** Evo Discovery's path under its base URL. */
export const DISCOVERY_PATH = '/evo/identity/v2/discovery';

/** The Discovery address for a base URL such as https://discover.api.seequent.com. */
export function discoveryEndpoint(discoveryUrl: string): string {
  return `${discoveryUrl.replace(/\/+$/, '')}${DISCOVERY_PATH}?service=evo`;
}

/** How a token carried its scopes. */
export type ScopeForm = 'array' | 'string' | 'scp-array' | 'scp-string' | 'none';

function scopeList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return undefined;
}

/**
 * The granted scopes of access token claims in any of the forms issuers use: a JSON array in
 * `scope` (IMS and IdentityServer), a space-separated string in `scope` (RFC 9068), or `scp`
 * (Microsoft Entra and others), as a string or an array. Each scope once, in the token's order.
 */
export function scopeClaim(claims: Record<string, unknown>): { scopes: string[]; form: ScopeForm } {
  const scope = scopeList(claims.scope);
  if (scope) return { scopes: [...new Set(scope)], form: Array.isArray(claims.scope) ? 'array' : 'string' };
  const scp = scopeList(claims.scp);
  if (scp) return { scopes: [...new Set(scp)], form: Array.isArray(claims.scp) ? 'scp-array' : 'scp-string' };
  return { scopes: [], form: 'none' };
}

/**
 * Whether a query string holds an authorization or end-session response: `code`, `error` or
 * `state` (RFC 6749 §4.1.2). Takes `location.search`, a URL's `search`, or its `searchParams`.
 */
export function hasAuthorizationResponse(search: string | URLSearchParams): boolean {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return params.has('code') || params.has('error') || params.has('state');
}

/**
 * A `Storage` in memory: for a browser that refuses storage, and for tests and Node. Keys and
 * values are strings, as in Web Storage.
 */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(String(key)) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(String(key));
  }
  setItem(key: string, value: string): void {
    this.#items.set(String(key), String(value));
  }
}
