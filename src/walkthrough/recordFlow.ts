import type { User, UserManager } from 'oidc-client-ts';
import { loadFlow, pendingVerifier, saveFlow, updateFlow } from './flowRecord.ts';

/**
 * Notes what came back to the callback (before the library removes its state), returning the
 * PKCE verifier the token request will carry.
 */
export function recordCallback(params: URLSearchParams): string | undefined {
  const state = params.get('state') ?? '';
  const verifier = pendingVerifier(state);
  const record = loadFlow();
  if (!record) return verifier;
  saveFlow({
    ...record,
    codeVerifier: record.codeVerifier ?? verifier,
    callback: {
      code: params.get('code') ?? undefined,
      error: params.get('error') ?? undefined,
      state,
      iss: params.get('iss') ?? undefined,
    },
  });
  return verifier;
}

/** Notes the token request the library made and what its response held. */
export function recordToken(user: User, manager: UserManager, verifier: string | undefined): void {
  updateFlow((record) => ({
    ...record,
    token: {
      params: [
        ['grant_type', 'authorization_code'],
        ['code', record.callback?.code ?? ''],
        ['redirect_uri', manager.settings.redirect_uri],
        ['code_verifier', verifier ?? record.codeVerifier ?? ''],
        ['client_id', manager.settings.client_id],
      ],
      tokenType: user.token_type,
      expiresIn: user.expires_in,
      scope: user.scope ?? '',
      refreshToken: Boolean(user.refresh_token),
    },
  }));
}
