import type { StateStore } from 'oidc-client-ts';

/** What oidc-client-ts keeps in its state store for a sign-in it started and has not finished. */
export interface PendingSignin {
  codeVerifier: string | undefined;
}

/**
 * The pending sign-in this tab's library stored under `state`, or `undefined` when this tab never
 * issued that state (a stray or forged callback) or it was already used.
 */
export async function readPendingSignin(store: StateStore, state: string | null): Promise<PendingSignin | undefined> {
  if (!state) return undefined;
  let raw: string | null;
  try {
    raw = await store.get(state);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as { code_verifier?: unknown } | null;
    if (typeof stored !== 'object' || stored === null) return undefined;
    return { codeVerifier: typeof stored.code_verifier === 'string' ? stored.code_verifier : undefined };
  } catch {
    return undefined;
  }
}
