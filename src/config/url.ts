import { isLoopbackHost } from './catalogue.ts';

/**
 * Checks that `value` is a URL a browser app may talk to for sign-in or APIs: `https`, or `http`
 * on a loopback host (the sandbox). Returns the URL without a trailing slash, or a reason.
 */
export function checkServiceUrl(value: string): { ok: true; url: string } | { ok: false; reason: string } {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, reason: 'is empty' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `"${trimmed}" is not a URL` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return { ok: false, reason: 'must start with https:// (plain http is only allowed for localhost)' };
  }
  if (url.search || url.hash) return { ok: false, reason: 'must not have a query string or fragment' };
  if (url.username || url.password) return { ok: false, reason: 'must not contain a user name or password' };
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}
