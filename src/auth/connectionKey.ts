import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { tokenFingerprint } from '../token/fingerprint.ts';

/**
 * A stable identity for a connection: authority, client ID, Discovery URL, scopes and token
 * storage. A session is bound to all of them: change any and it is a new session, so a token is
 * never sent to a Discovery host it was not obtained for.
 */
export function connectionKey(settings: ConnectionSettings): string {
  return JSON.stringify([
    settings.authority,
    settings.clientId,
    settings.discoveryUrl,
    requestedScopes(settings.scopes),
    settings.tokenStorage,
  ]);
}

/** The prefix of this connection's keys in the user store (`oidc.<fingerprint>.user:…`). */
export function userStorePrefix(settings: ConnectionSettings): string {
  return `oidc.${tokenFingerprint(connectionKey(settings)).slice(0, 12)}.`;
}
