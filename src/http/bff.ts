/**
 * The Web app (BFF) mode's address mapping: an Evo address `https://host/path?q` is asked for, on
 * this page's own origin and base path, as `/bff/evo/https/host/path?q`. The BFF (server/) applies
 * the host rule again and attaches the bearer there.
 *
 * Internal to http/ and bff/ (through `src/http/index.ts`).
 */

/** The header the BFF requires on every call but the sign-in navigations (CSRF). */
export const BFF_CSRF_HEADER = 'X-Evo-BFF';

/** This page's base URL: its origin and the base path it is served under. */
function pageBase(): string {
  return new URL(import.meta.env.BASE_URL || '/', globalThis.location.origin).href;
}

/** Where the BFF answers `path` (`session`, `login`, `evo/…`), from this page's origin and base path. */
export function bffUrl(path: string, base: string = pageBase()): string {
  return new URL(`bff/${path}`, base).href;
}

/** The same-origin BFF address for an absolute Evo URL (throws on something that is not an address). */
export function bffEvoUrl(url: string, base: string = pageBase()): string {
  const target = new URL(url);
  return bffUrl(`evo/${target.protocol.replace(/:$/, '')}/${target.host}${target.pathname}${target.search}`, base);
}
