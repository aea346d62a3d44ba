/**
 * What one sign-in actually sent and got, step by step, taken from the library's own flow (its
 * navigator, its state store, the user it stored). The whole record, with the verifier and the
 * code (spent once exchanged, shown masked unless asked), lives in this page's memory only; what
 * crosses the redirect in this tab's sessionStorage is a copy without them, and with memory-only
 * token storage not even that once the sign-in is done. Cleared when the session ends.
 */

import * as base64url from 'jose/base64url';
import type { IssuerCheck } from '../auth/sessionEvents.ts';
import { browserStorage } from '../config/browserStorage.ts';
import { sessionInMemoryOnly } from '../config/sessionCarry.ts';

export interface FlowRecord {
  authority: string;
  /** The authorization request exactly as the browser was sent to it. */
  authorizationUrl: string;
  codeVerifier?: string;
  callback?: { code?: string; error?: string; state: string; iss?: string; issuer?: IssuerCheck };
  token?: {
    params: [string, string][];
    tokenType: string;
    expiresIn?: number;
    scope: string;
    refreshToken: boolean;
  };
  renewals: { at: number; oldExpiry?: number; newExpiry?: number; rotated: boolean; byAnotherTab?: boolean }[];
}

const KEY = 'evo-sign-in-lab:walkthrough';
const listeners = new Set<() => void>();
let cached: FlowRecord | undefined | null = null;

export function loadFlow(): FlowRecord | undefined {
  if (cached !== null) return cached;
  try {
    const raw = browserStorage('session')?.getItem(KEY);
    cached = raw ? (JSON.parse(raw) as FlowRecord) : undefined;
  } catch {
    cached = undefined;
  }
  return cached;
}

/** Whether the record may be kept in sessionStorage (not when the session itself is in memory only). */
let persist = true;

/** The record as it may be stored: no verifier, no code, in any of its places. */
export function withoutSecrets(record: FlowRecord): FlowRecord {
  const { codeVerifier: _verifier, ...rest } = record;
  void _verifier;
  return {
    ...rest,
    ...(record.callback ? { callback: { ...record.callback, code: undefined } } : {}),
    ...(record.token
      ? {
          token: {
            ...record.token,
            params: record.token.params.map(([name, value]): [string, string] =>
              name === 'code' || name === 'code_verifier' ? [name, ''] : [name, value],
            ),
          },
        }
      : {}),
  };
}

/**
 * Keeps the record in memory only from now on, and removes the stored copy: for a session kept in
 * memory only, nothing of it stays in storage.
 */
export function keepFlowInMemoryOnly(): void {
  persist = false;
  saveFlow(cached ?? undefined);
}

export function saveFlow(record: FlowRecord | undefined): void {
  cached = record;
  try {
    const storage = browserStorage('session');
    if (record && persist && !sessionInMemoryOnly()) storage?.setItem(KEY, JSON.stringify(withoutSecrets(record)));
    else storage?.removeItem(KEY);
  } catch {
    // Storage refused: the timeline lasts until the page goes.
  }
  for (const listener of listeners) listener();
}

export function updateFlow(change: (record: FlowRecord) => FlowRecord): void {
  const record = loadFlow();
  if (record) saveFlow(change(record));
}

export function subscribeFlow(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The S256 code challenge of a verifier (RFC 7636 §4.2), computed here to check the library's. */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url.encode(new Uint8Array(digest));
}
