import { onSessionEvent } from '../auth/sessionEvents.ts';
import { keepFlowInMemoryOnly, loadFlow, saveFlow, updateFlow } from './flowRecord.ts';

let installed = false;

/** Whether any value in this tab's sessionStorage contains `secret` (where the library keeps the user). */
function sessionStorageHolds(secret: string): boolean {
  try {
    for (let index = 0; index < sessionStorage.length; index++) {
      const key = sessionStorage.key(index);
      if (key !== null && sessionStorage.getItem(key)?.includes(secret)) return true;
    }
  } catch {
    // Storage refused: nothing is stored anyway.
  }
  return false;
}

/**
 * Records each sign-in step by step from the session's own events: the authorization request the
 * library built (with its verifier), the callback and its checks, the token exchange, each
 * renewal. The record goes when the session ends. Installed once, by the app shell.
 */
export function recordSessions(): void {
  if (installed) return;
  installed = true;
  onSessionEvent('authorize', ({ authority, url, codeVerifier }) => {
    saveFlow({ authority, authorizationUrl: url, codeVerifier, renewals: [] });
  });
  onSessionEvent('callback', ({ params, codeVerifier, issuer, authorize }) => {
    // With memory-only storage the record did not cross the redirect: the request rode in the
    // library's pending sign-in.
    const record =
      loadFlow() ??
      (authorize ? { authority: authorize.authority, authorizationUrl: authorize.url, renewals: [] } : undefined);
    if (!record) return;
    saveFlow({
      ...record,
      codeVerifier: record.codeVerifier ?? codeVerifier,
      callback: {
        code: params.get('code') ?? undefined,
        error: params.get('error') ?? undefined,
        state: params.get('state') ?? '',
        iss: params.get('iss') ?? undefined,
        issuer,
      },
    });
  });
  onSessionEvent('signedIn', ({ user, redirectUri, clientId, codeVerifier }) => {
    updateFlow((record) => ({
      ...record,
      token: {
        params: [
          ['grant_type', 'authorization_code'],
          ['code', record.callback?.code ?? ''],
          ['redirect_uri', redirectUri],
          ['code_verifier', codeVerifier ?? record.codeVerifier ?? ''],
          ['client_id', clientId],
        ],
        tokenType: user.token_type,
        expiresIn: user.expires_in,
        scope: user.scope ?? '',
        refreshToken: Boolean(user.refresh_token),
      },
    }));
    // Memory-only storage: the library did not put the token in sessionStorage, so nor does this.
    if (!sessionStorageHolds(user.access_token)) keepFlowInMemoryOnly();
  });
  onSessionEvent('renewed', ({ at, oldExpiry, newExpiry, rotated, byAnotherTab }) => {
    const renewal = { at, oldExpiry, newExpiry, rotated, ...(byAnotherTab ? { byAnotherTab } : {}) };
    updateFlow((record) => ({ ...record, renewals: [...record.renewals, renewal] }));
  });
  onSessionEvent('ended', () => saveFlow(undefined));
}
