import type { StateStore } from 'oidc-client-ts';

/** What oidc-client-ts keeps in its state store for a sign-in it started and has not finished. */
export interface PendingSignin {
  codeVerifier: string | undefined;
  /** The authorization request, kept beside it for the walkthrough with memory-only storage. */
  authorize?: { authority: string; url: string };
}

/** The field of the pending sign-in that carries the authorization request (public values only). */
const AUTHORIZE_FIELD = 'evo_lab_authorize';

/**
 * Keeps the authorization request (its URL holds only public values: client, scopes, state, the
 * S256 challenge) inside the library's own pending sign-in, which crosses the redirect anyway and
 * is removed at the callback: with memory-only storage, the walkthrough needs no storage of its own.
 */
export async function keepAuthorizeWithPending(
  store: StateStore,
  state: string,
  authorize: { authority: string; url: string },
): Promise<void> {
  try {
    const raw = await store.get(state);
    if (!raw) return;
    const stored = JSON.parse(raw) as Record<string, unknown>;
    await store.set(state, JSON.stringify({ ...stored, [AUTHORIZE_FIELD]: authorize }));
  } catch {
    // Not readable: the walkthrough starts at the callback.
  }
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
    const stored = JSON.parse(raw) as { code_verifier?: unknown; [AUTHORIZE_FIELD]?: unknown } | null;
    if (typeof stored !== 'object' || stored === null) return undefined;
    const authorize = stored[AUTHORIZE_FIELD] as { authority?: unknown; url?: unknown } | undefined;
    return {
      codeVerifier: typeof stored.code_verifier === 'string' ? stored.code_verifier : undefined,
      ...(typeof authorize?.authority === 'string' && typeof authorize.url === 'string'
        ? { authorize: { authority: authorize.authority, url: authorize.url } }
        : {}),
    };
  } catch {
    return undefined;
  }
}
