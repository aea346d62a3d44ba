import { InMemoryWebStorage, UserManager, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { appBaseUrl, postLogoutRedirectUri, redirectUri } from './appUrls.ts';
import { recordingNavigator } from '../walkthrough/recordingNavigator.ts';
import { takeCarriedMetadata } from './metadataCarry.ts';
import { requestedScopes } from '../config/scopes.ts';

/**
 * The `oidc-client-ts` settings for a connection: a public client using Authorization Code with
 * PKCE (S256), no `openid` (Evo registrations have none, so there is no ID token or userinfo).
 *
 * Token storage, chosen deliberately: by default the signed-in user (access and refresh token)
 * lives in this tab's `sessionStorage`, which survives a reload but not the tab, and is not
 * shared with other tabs; with `tokenStorage: 'memory'` it is never written anywhere. The pending
 * sign-in state (with the PKCE code verifier) must survive the redirect, so it is always kept in
 * `sessionStorage`, instead of the library's default `localStorage`: nothing secret outlives the tab.
 */
export function userManagerSettings(settings: ConnectionSettings, base: string = appBaseUrl()): UserManagerSettings {
  const store = window.sessionStorage;
  const userStore = settings.tokenStorage === 'memory' ? new InMemoryWebStorage() : store;
  return {
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: redirectUri(base),
    post_logout_redirect_uri: postLogoutRedirectUri(base),
    response_type: 'code',
    scope: requestedScopes(settings.scopes).join(' '),
    loadUserInfo: false,
    // Renewal is the app's decision (with a refresh token only): a hidden-iframe renewal cannot
    // work against a provider on another site, whose cookies the browser withholds.
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: userStore }),
    stateStore: new WebStorageStateStore({ store }),
    // With no ID token, oidc-client-ts names the client (client_id) at the end-session endpoint
    // instead of sending an id_token_hint, as IMS expects from Evo apps.
  };
}

/** A stable identity for a connection: the same settings share one `UserManager`. */
export function connectionKey(settings: ConnectionSettings): string {
  return JSON.stringify([
    settings.authority,
    settings.clientId,
    requestedScopes(settings.scopes),
    settings.tokenStorage,
  ]);
}

const managers = new Map<string, UserManager>();

/**
 * The one `UserManager` for these settings. Created outside React so that StrictMode's double
 * render cannot make a second one with its own timers and pending requests.
 */
export function userManagerFor(settings: ConnectionSettings): UserManager {
  const key = connectionKey(settings);
  let manager = managers.get(key);
  if (!manager) {
    manager = new UserManager(
      { ...userManagerSettings(settings), metadata: takeCarriedMetadata(settings.authority) },
      recordingNavigator(settings.authority),
    );
    managers.set(key, manager);
  }
  return manager;
}
