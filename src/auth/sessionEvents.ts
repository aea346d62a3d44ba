import type { User } from 'oidc-client-ts';

/** What the result of the RFC 9207 `iss` check of an authorization response was. */
export type IssuerCheck =
  | { outcome: 'matched'; iss: string }
  | { outcome: 'not-sent' }
  | { outcome: 'mismatch'; iss: string; expected: string }
  | { outcome: 'missing'; expected: string };

/**
 * The session's life, as events others subscribe to (the walkthrough, the exchange of query
 * caches). `auth/` publishes; it imports no one who listens.
 */
export interface SessionEventMap {
  /** The library has built an authorization request and is about to leave for the provider. */
  authorize: { authority: string; url: string; codeVerifier: string | undefined };
  /** An authorization response reached this tab for a sign-in it started, checked or refused. */
  callback: {
    params: URLSearchParams;
    codeVerifier: string | undefined;
    issuer: IssuerCheck;
    /** The request this answers, when it rode in the pending sign-in (memory-only storage). */
    authorize?: { authority: string; url: string };
  };
  /** The code was exchanged: a new session. */
  signedIn: { user: User; redirectUri: string; clientId: string; codeVerifier: string | undefined };
  /** A refresh-token renewal succeeded. */
  renewed: { at: number; oldExpiry?: number; newExpiry?: number; rotated: boolean; byAnotherTab?: boolean };
  /** The session is over in this tab (signed out, forgotten, or its connection changed). */
  ended: { reason: 'sign-out' | 'forget' | 'connection-changed' | 'user-changed' | 'renewal-refused' };
}

type Listener<K extends keyof SessionEventMap> = (event: SessionEventMap[K]) => void;

const listeners = new Map<keyof SessionEventMap, Set<(event: never) => void>>();

/** Subscribes to one kind of session event; returns the unsubscribe function. */
export function onSessionEvent<K extends keyof SessionEventMap>(kind: K, listener: Listener<K>): () => void {
  let set = listeners.get(kind);
  if (!set) listeners.set(kind, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Publishes an event. A listener that throws does not stop the others, or the session. */
export function emitSessionEvent<K extends keyof SessionEventMap>(kind: K, event: SessionEventMap[K]): void {
  for (const listener of listeners.get(kind) ?? []) {
    try {
      (listener as Listener<K>)(event);
    } catch (error) {
      console.error(`A ${kind} listener failed`, error instanceof Error ? error.name : 'error');
    }
  }
}

type Gate = (url: string) => Promise<void> | void;
let gate: Gate | undefined;

/**
 * Lets a feature hold the browser back before it leaves for the identity provider (the
 * walkthrough's step mode). One gate at a time; `undefined` removes it.
 */
export function setRedirectGate(next: Gate | undefined): void {
  gate = next;
}

export async function passRedirectGate(url: string): Promise<void> {
  await gate?.(url);
}
