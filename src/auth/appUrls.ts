/** Where this copy of the app is served: origin plus Vite's base path, ending in `/`. */
export function appBaseUrl(location: Pick<Location, 'origin'> = window.location): string {
  return new URL(import.meta.env.BASE_URL, location.origin).href;
}

/** The redirect URI to register: this page's own origin and base path + `signin-callback`. */
export function redirectUri(base: string = appBaseUrl()): string {
  return new URL('signin-callback', base).href;
}

/** Where the identity provider sends the person after sign-out: the app's start page. */
export function postLogoutRedirectUri(base: string = appBaseUrl()): string {
  return base;
}

/** Parameters the identity provider adds to the callback (RFC 6749 §4.1.2, RFC 9207). */
const CALLBACK_PARAMS = ['code', 'state', 'iss', 'session_state', 'error', 'error_description', 'error_uri'];

/**
 * Removes the callback's `code`, `state`, `iss` and error parameters, and the callback path, from
 * the address bar, so they are not bookmarked, shared, reloaded or kept in history.
 */
export function cleanCallbackUrl(location: Location = window.location, history: History = window.history): void {
  const url = new URL(location.href);
  const base = appBaseUrl(location);
  const onCallbackPath = url.href.split(/[?#]/)[0] === redirectUri(base);
  const hadParams = CALLBACK_PARAMS.some((name) => url.searchParams.has(name));
  if (!onCallbackPath && !hadParams) return;
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  const target = onCallbackPath ? new URL(base) : url;
  target.search = onCallbackPath ? '' : url.search;
  target.hash = '';
  history.replaceState(null, '', target.href);
}
