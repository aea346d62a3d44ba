/**
 * The wire, as it happened: every HTTP exchange this tab makes (the provider's metadata, keys,
 * token, refresh and revocation requests through oidc-client-ts; Discovery, Workspaces, probes and
 * console calls through the app's own Evo client; redirects to the provider), recorded at the door
 * (door.ts) every request goes through, not by patching a global. Entries are kept as sent and
 * masked whenever they are shown or carried (`maskedExchange`). Entries live in this page's memory; the few made just
 * before leaving for the provider (metadata, revocation) ride across that redirect in this tab's
 * sessionStorage with every secret dropped (not with memory-only token storage). Nothing is kept
 * beyond the tab, and nothing is logged.
 */

import { sessionInMemoryOnly } from '../config/sessionCarry.ts';

export interface ExchangeEntry {
  id: number;
  /** When the request was sent (ms since the epoch). */
  at: number;
  /** Who made it: the sign-in library, the app's Evo client, the console, or a redirect. */
  source: 'oidc' | 'evo' | 'console' | 'signature' | 'redirect';
  method: string;
  url: string;
  requestHeaders: [string, string][];
  requestBody?: string;
  status?: number;
  durationMs?: number;
  responseHeaders?: [string, string][];
  responseBody?: string;
  /** Why no response came (network, timeout, a policy block). */
  failure?: string;
  /** Carried across a redirect: its secrets were dropped, not masked. */
  carried?: boolean;
}

/** Names whose values are secrets: masked on screen until revealed, replaced in curl, never carried. */
export const SECRET_NAMES = [
  'authorization',
  'access_token',
  'refresh_token',
  // A revocation request's token (RFC 7009), and an end-session request's ID token hint.
  'token',
  'id_token_hint',
  'code',
  'code_verifier',
  'id_token',
  'client_secret',
  // Headers that carry a session: a cookie sent, a cookie set, a proxy's credentials.
  'cookie',
  'set-cookie',
  'proxy-authorization',
];

const isSecretName = (name: string) => SECRET_NAMES.includes(name.toLowerCase());

const entries: ExchangeEntry[] = [];
const listeners = new Set<() => void>();
let nextId = 1;
let snapshot: readonly ExchangeEntry[] = [];

function changed(): void {
  snapshot = [...entries];
  for (const listener of listeners) listener();
}

export function subscribeExchanges(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function exchanges(): readonly ExchangeEntry[] {
  return snapshot;
}

/** Keeps at most this many exchanges, oldest first out. */
const LIMIT = 200;

function add(entry: Omit<ExchangeEntry, 'id'>): ExchangeEntry {
  const full = { ...entry, id: nextId++ };
  entries.push(full);
  if (entries.length > LIMIT) entries.shift();
  changed();
  return full;
}

/** Replaces the entry with its patched copy (views redraw the entries that changed, by identity). */
function update(id: number, patch: Partial<ExchangeEntry>): void {
  const index = entries.findIndex((entry) => entry.id === id);
  if (index < 0) return; // dropped past the limit, or cleared
  entries[index] = { ...entries[index]!, ...patch };
  changed();
}

function headerList(headers: HeadersInit | undefined): [string, string][] {
  if (!headers) return [];
  return [...new Headers(headers).entries()];
}

function bodyText(body: BodyInit | null | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return '(a body this log does not show)';
}

/**
 * Sends `fetch(input, init)` through `send` and records the exchange: request, status, time,
 * headers and body (read from a clone, so the caller's response stays unread).
 */
export async function recordedFetch(
  source: ExchangeEntry['source'],
  input: string | URL,
  init: RequestInit,
  send: (input: string | URL, init: RequestInit) => Promise<Response>,
  /** What to say about an answer that is not what it seems (a redirect not followed). */
  explain: (response: Response) => string | undefined = () => undefined,
): Promise<Response> {
  const started = performance.now();
  const { id } = add({
    at: Date.now(),
    source,
    method: (init.method ?? 'GET').toUpperCase(),
    url: String(input),
    requestHeaders: headerList(init.headers),
    requestBody: bodyText(init.body),
  });
  try {
    const response = await send(input, init);
    const durationMs = Math.round(performance.now() - started);
    const failure = explain(response);
    update(id, {
      status: response.status,
      durationMs,
      responseHeaders: [...response.headers.entries()],
      ...(failure ? { failure } : {}),
    });
    response
      .clone()
      .text()
      .then((text) => update(id, { responseBody: text }))
      .catch(() => undefined);
    return response;
  } catch (error) {
    update(id, {
      durationMs: Math.round(performance.now() - started),
      failure: error instanceof Error ? `${error.name}: ${error.message}` : 'no answer',
    });
    throw error;
  }
}

/** A request that was never sent (refused by this page's policy, or by the host rule). */
export function recordRefused(source: ExchangeEntry['source'], method: string, url: string, reason: string): void {
  add({ at: Date.now(), source, method, url, requestHeaders: [], failure: reason });
}

/** A redirect of the whole page to the provider (authorization or end-session request). */
export function recordRedirect(url: string): void {
  add({ at: Date.now(), source: 'redirect', method: 'GET', url, requestHeaders: [], failure: undefined });
  carryAcrossRedirect();
}

/** Forgets every exchange (the person asked, or the session ended with another person). */
export function clearExchanges(): void {
  entries.length = 0;
  changed();
}

/** Whether a text is a form body (`a=1&b=2`, a bare name allowed): every part a name, most with a value. */
function isFormBody(text: string): boolean {
  const parts = text.split('&');
  return parts.some((part) => part.includes('=')) && parts.every((part) => /^[^=&\s]+(=[^&\s]*)?$/.test(part));
}

/**
 * Replaces every secret in a JSON body (objects and arrays at any depth; a secret's value of any
 * type, written as JSON), a form body, or a query string. Other text is left as it is.
 */
export function withoutSecrets(
  text: string | undefined,
  replace: (name: string, value: string) => string,
): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      let replaced = false;
      const walk = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(walk);
        if (value && typeof value === 'object') {
          return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => {
              if (!isSecretName(key) || inner === null || inner === undefined) return [key, walk(inner)];
              replaced = true;
              return [key, replace(key, typeof inner === 'string' ? inner : JSON.stringify(inner))];
            }),
          );
        }
        return value;
      };
      const result = walk(json);
      return replaced ? JSON.stringify(result) : text;
    } catch {
      // Not JSON after all: treated as text below.
    }
  }
  if (isFormBody(trimmed)) {
    let replaced = false;
    const parts = trimmed.split('&').map((part) => {
      const at = part.indexOf('=');
      if (at < 0) return part;
      const name = part.slice(0, at);
      let decodedName: string;
      let value: string;
      try {
        decodedName = decodeURIComponent(name.replace(/\+/g, ' '));
        value = decodeURIComponent(part.slice(at + 1).replace(/\+/g, ' '));
      } catch {
        decodedName = name;
        value = part.slice(at + 1);
      }
      if (!isSecretName(decodedName)) return `${decodedName}=${value}`;
      replaced = true;
      return `${decodedName}=${replace(decodedName, value)}`;
    });
    return replaced ? parts.join('&') : text;
  }
  return text;
}

/** Headers with every secret one replaced (Authorization keeps its scheme word, e.g. `Bearer`). */
export function headersWithoutSecrets(
  headers: [string, string][],
  replace: (name: string, value: string) => string,
): [string, string][] {
  return headers.map(([name, value]): [string, string] => {
    // A header naming an address (Location, Link, Content-Location) has that address's secrets masked.
    if (!isSecretName(name)) return [name, urlsWithoutSecrets(value, replace)];
    const scheme = /^(bearer|basic|dpop) /i.exec(value)?.[0] ?? '';
    return [name, `${scheme}${replace(name, value.slice(scheme.length))}`];
  });
}

/** A URL with its secret query parameters replaced. */
export function urlWithoutSecrets(url: string, replace: (name: string, value: string) => string): string {
  try {
    const parsed = new URL(url);
    let changedAny = false;
    for (const [name, value] of [...parsed.searchParams]) {
      if (isSecretName(name)) {
        parsed.searchParams.set(name, replace(name, value));
        changedAny = true;
      }
    }
    return changedAny ? decodeURIComponent(parsed.toString().replace(/\+/g, ' ')) : url;
  } catch {
    return url;
  }
}

const CARRY_KEY = 'evo-lab.exchanges';

/** Keeps this page's exchanges, every secret dropped, for the page the redirect comes back to. */
function carryAcrossRedirect(): void {
  // With memory-only token storage nothing is carried: the log starts afresh after the redirect.
  if (sessionInMemoryOnly()) return;
  const dropped = () => '[secret, not kept across the redirect]';
  const carried = entries.slice(-20).map((entry) => {
    const shown = maskedExchange(entry, dropped);
    return {
      ...entry,
      carried: true,
      url: shown.url,
      requestHeaders: shown.requestHeaders,
      requestBody: shown.requestBody,
      responseHeaders: shown.responseHeaders,
      responseBody: shown.responseBody,
      failure: entry.failure === undefined ? undefined : urlsWithoutSecrets(entry.failure, dropped),
    };
  });
  try {
    sessionStorage.setItem(CARRY_KEY, JSON.stringify(carried));
  } catch {
    // Storage refused: the next page starts an empty log.
  }
}

/** Every URL inside a text (an explanation naming an address) with its secret parameters replaced. */
function urlsWithoutSecrets(text: string, replace: (name: string, value: string) => string): string {
  return text.replace(/https?:\/\/[^\s;]+/g, (url) => urlWithoutSecrets(url, replace));
}

/** Takes the exchanges carried across a redirect into this page's log, once. */
export function takeCarriedExchanges(): void {
  try {
    const text = sessionStorage.getItem(CARRY_KEY);
    sessionStorage.removeItem(CARRY_KEY);
    if (!text) return;
    const carried = JSON.parse(text) as unknown;
    if (!Array.isArray(carried)) return;
    for (const item of carried as ExchangeEntry[]) {
      if (typeof item?.url !== 'string' || typeof item.method !== 'string') continue;
      entries.push({ ...item, id: nextId++, carried: true });
    }
    changed();
  } catch {
    // Nothing carried, or not readable: start empty.
  }
}

/** A secret in an exchange: where it was, its name, and its value (shown only on request). */
export interface FoundSecret {
  where: string;
  name: string;
  value: string;
}

/**
 * The exchange as it is shown: every secret replaced by a placeholder naming it, and the list of
 * the secrets themselves, each to be revealed on its own.
 */
export function maskedExchange(
  entry: ExchangeEntry,
  /** Replaces each secret; by default with a placeholder naming it. */
  replacement?: (name: string, value: string) => string,
): {
  url: string;
  requestHeaders: [string, string][];
  requestBody?: string;
  responseHeaders?: [string, string][];
  responseBody?: string;
  secrets: FoundSecret[];
} {
  const secrets: FoundSecret[] = [];
  const keep = entry.carried && !replacement;
  const mask = (where: string) => (name: string, value: string) => {
    if (keep) return value;
    if (!replacement) secrets.push({ where, name, value });
    if (replacement) return replacement(name, value);
    return name.toLowerCase() === 'authorization' ? '•••• access token ••••' : `•••• ${name} ••••`;
  };
  const requestHeaders = headersWithoutSecrets(entry.requestHeaders, mask('request header'));
  return {
    url: urlWithoutSecrets(entry.url, mask('URL')),
    requestHeaders,
    requestBody: withoutSecrets(entry.requestBody, mask('request body')),
    responseHeaders: entry.responseHeaders && headersWithoutSecrets(entry.responseHeaders, mask('response header')),
    responseBody: withoutSecrets(entry.responseBody, mask('response body')),
    secrets,
  };
}
