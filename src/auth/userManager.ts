import { InMemoryWebStorage, UserManager, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';
import { storageOrMemory, storageWorks } from '../config/browserStorage.ts';
import { setSessionInMemoryOnly } from '../config/sessionCarry.ts';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { appBaseUrl, postLogoutRedirectUri, redirectUri } from './appUrls.ts';
import { connectionKey, userStorePrefix } from './connectionKey.ts';

export { connectionKey };
import { BlockedByPolicyError, blockedByPolicy } from '../config/contentSecurity.ts';
import { routeLibraryThroughDoor } from './libraryRequests.ts';
import { checkIssuer, checkMetadataIssuer, IssuerMismatchError, isRefused } from './issuerCheck.ts';
import { takeCarriedMetadata } from './metadataCarry.ts';
import { popupNavigator } from './popupNavigator.ts';
import { redirectNavigator } from './redirectNavigator.ts';

/**
 * The `oidc-client-ts` settings for a connection: a public client using Authorization Code with
 * PKCE (S256), no `openid` (Evo registrations have none, so there is no ID token or userinfo).
 *
 * Token storage, chosen deliberately: by default the signed-in user (access and refresh token)
 * lives in this tab's `sessionStorage`, under a key bound to the whole connection, which survives
 * a reload but not the tab, and is not shared with other tabs; with `tokenStorage: 'memory'` it is
 * never written anywhere. The pending sign-in state (with the PKCE code verifier) must survive
 * the redirect, so it is kept in `sessionStorage` instead of the library's default
 * `localStorage`: nothing secret outlives the tab. Where the browser refuses storage, both live in
 * memory and sign-in happens in a popup window.
 */
export function userManagerSettings(settings: ConnectionSettings, base: string = appBaseUrl()): UserManagerSettings {
  const session = storageOrMemory('session');
  const userStore = settings.tokenStorage === 'memory' ? new InMemoryWebStorage() : session;
  return {
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: redirectUri(base),
    popup_redirect_uri: redirectUri(base),
    post_logout_redirect_uri: postLogoutRedirectUri(base),
    response_type: 'code',
    scope: requestedScopes(settings.scopes).join(' '),
    loadUserInfo: false,
    // RFC 7009 §2.2: the client ignores the body of a revocation answer. oidc-client-ts checks
    // its content type; oidc-provider (the sandbox) answers 200 with text/plain.
    revokeTokenAdditionalContentTypes: ['text/plain'],
    // Renewal is the session's decision (with a refresh token only, one at a time): a
    // hidden-iframe renewal cannot work against a provider on another site.
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({
      store: userStore,
      prefix: userStorePrefix(settings),
    }),
    stateStore: new WebStorageStateStore({ store: session }),
    // With no ID token, oidc-client-ts names the client (client_id) at the end-session endpoint
    // instead of sending an id_token_hint, as IMS expects from Evo apps.
  };
}

/** Whether sign-in must happen in a popup: storage refused, so a redirect would lose the verifier. */
export function signInInPopup(): boolean {
  return !storageWorks();
}

/** The provider endpoints this page calls itself (the authorization and end-session ones are navigations). */
const CALLED_ENDPOINTS = {
  token_endpoint: 'its token endpoint',
  jwks_uri: 'its signing keys (jwks_uri)',
  revocation_endpoint: 'its revocation endpoint',
} as const;

/**
 * Checks every read of the provider's metadata before the library acts on it: the metadata must
 * be reachable under this page's Content-Security-Policy (refused before the request, never
 * retried), must name the authority as its issuer, and the endpoints the page calls must be
 * reachable too. Each refusal says which address and why. Reads at the same time share one
 * request (the library would make one each: a Sign in pressed while the idle page is fetching it).
 */
function guardMetadata(manager: UserManager, authority: string): void {
  const service = manager.metadataService;
  const read = service.getMetadata.bind(service);
  let inFlight: ReturnType<typeof read> | undefined;
  const readOnce = () => {
    inFlight ??= read().finally(() => (inFlight = undefined));
    return inFlight;
  };
  service.getMetadata = async () => {
    if (blockedByPolicy(authority)) throw new BlockedByPolicyError(new URL(authority).origin, 'the identity provider');
    const metadata = await readOnce();
    checkMetadataIssuer(authority, metadata);
    for (const [name, role] of Object.entries(CALLED_ENDPOINTS)) {
      const url = metadata[name as keyof typeof CALLED_ENDPOINTS];
      if (typeof url === 'string' && blockedByPolicy(url)) throw new BlockedByPolicyError(new URL(url).origin, role);
    }
    return metadata;
  };
}

const managers = new Map<string, UserManager>();

/**
 * The one `UserManager` for these settings. Created outside React so that StrictMode's double
 * render cannot make a second one with its own timers and pending requests.
 */
export function userManagerFor(settings: ConnectionSettings): UserManager {
  // The connection in use decides whether anything of the session is carried in sessionStorage.
  setSessionInMemoryOnly(settings.tokenStorage === 'memory');
  const key = connectionKey(settings);
  let manager = managers.get(key);
  if (!manager) {
    const base = userManagerSettings(settings);
    const created: UserManager = new UserManager(
      { ...base, metadata: takeCarriedMetadata(settings.authority) },
      redirectNavigator(settings.authority, base.stateStore!),
      popupNavigator(async (url) => {
        const check = checkIssuer(new URL(url).searchParams, await created.metadataService.getMetadata());
        if (isRefused(check)) throw new IssuerMismatchError(check);
      }),
    );
    guardMetadata(created, settings.authority);
    routeLibraryThroughDoor(created);
    manager = created;
    managers.set(key, manager);
  }
  return manager;
}
