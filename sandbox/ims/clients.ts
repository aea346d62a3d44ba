import type { ClientMetadata } from 'oidc-provider';

/** Every Evo scope the sandbox knows, as IMS names them. */
export const EVO_SCOPES = [
  'evo.discovery',
  'evo.workspace',
  'evo.object',
  'evo.file',
  'evo.blocksync',
  'evo.audit',
] as const;

/** Client ID of the sandbox's full Evo SPA registration: the app's default. */
export const SANDBOX_CLIENT_ID = 'evo-sandbox-spa';
/** A registration with only the two scopes every Evo app has, and no `offline_access`. */
export const LIMITED_CLIENT_ID = 'evo-sandbox-limited';
/** Like the full registration, but its access tokens live 90 seconds: for watching expiry. */
export const SHORT_LIVED_CLIENT_ID = 'evo-sandbox-short-lived';

/** A native app's registration (the portal's "native" type): public, PKCE, loopback redirect, any port. */
export const NATIVE_CLIENT_ID = 'evo-sandbox-native';
/** Where the native client's loopback listener answers; RFC 8252 section 7.3 lets the port vary. */
export const NATIVE_REDIRECT_URI = 'http://127.0.0.1/callback';
/** A service app's registration (the portal's "service" type): client credentials with a secret. */
export const SERVICE_CLIENT_ID = 'evo-sandbox-service';
/**
 * The service client's secret. Sandbox only, and published on purpose: the sandbox runs on
 * loopback and holds no data. A real secret never goes in a file of this repository.
 */
export const SANDBOX_SERVICE_SECRET = 'sandbox-service-secret';
/** A web app's registration (the portal's "web app" type): the BFF in server/, a confidential client. */
export const WEB_CLIENT_ID = 'evo-sandbox-web';
/** The web client's secret: sandbox only and published on purpose, like the service secret. */
export const SANDBOX_WEB_SECRET = 'sandbox-web-secret';

/** Access token lifetime per client, in seconds; IMS gives about one hour. */
export const ACCESS_TOKEN_TTL: Record<string, number> = {
  [SHORT_LIVED_CLIENT_ID]: 90,
};
export const DEFAULT_ACCESS_TOKEN_TTL = 60 * 60;

interface ClientShape {
  id: string;
  name: string;
  scopes: readonly string[];
  refreshTokens: boolean;
}

const SHAPES: readonly ClientShape[] = [
  {
    id: SANDBOX_CLIENT_ID,
    name: 'Evo Sign-in Lab (sandbox)',
    scopes: [...EVO_SCOPES, 'offline_access'],
    refreshTokens: true,
  },
  {
    id: LIMITED_CLIENT_ID,
    name: 'Evo Sign-in Lab (limited registration)',
    scopes: ['evo.discovery', 'evo.workspace'],
    refreshTokens: false,
  },
  {
    id: SHORT_LIVED_CLIENT_ID,
    name: 'Evo Sign-in Lab (90-second tokens)',
    scopes: [...EVO_SCOPES, 'offline_access'],
    refreshTokens: true,
  },
];

/**
 * The sandbox's app registrations: public SPA clients (no secret, PKCE required), registered for
 * the callback and post-logout URIs of every place the app is served from. `scope` is the allow-list: a scope a
 * registration lacks, `openid` included, is refused with `invalid_scope`, as IMS refuses it.
 */
export function sandboxClients(appBaseUrls: readonly string[]): ClientMetadata[] {
  const native: ClientMetadata = {
    client_id: NATIVE_CLIENT_ID,
    client_name: 'Evo token CLI (native app, sandbox)',
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [NATIVE_REDIRECT_URI, NATIVE_REDIRECT_URI.replace('127.0.0.1', '[::1]')],
    scope: [...EVO_SCOPES, 'offline_access'].join(' '),
  };
  const service: ClientMetadata = {
    client_id: SERVICE_CLIENT_ID,
    client_name: 'Evo token CLI (service app, sandbox)',
    client_secret: SANDBOX_SERVICE_SECRET,
    token_endpoint_auth_method: 'client_secret_post',
    application_type: 'web',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    // No offline_access: a service signs in again with its secret instead of keeping a refresh token.
    scope: EVO_SCOPES.join(' '),
  };
  // The BFF is reached through the app's origin (its dev server proxies /bff), so the callback and
  // the cookie belong to the app's origin. No openid scope: no ID token, as for every Evo client.
  const web: ClientMetadata = {
    client_id: WEB_CLIENT_ID,
    client_name: 'Evo Sign-in Lab (web app, sandbox)',
    client_secret: SANDBOX_WEB_SECRET,
    token_endpoint_auth_method: 'client_secret_post',
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: appBaseUrls.map((base) => `${base}bff/callback`),
    post_logout_redirect_uris: [...appBaseUrls],
    scope: [...EVO_SCOPES, 'offline_access'].join(' '),
  };
  return [
    ...SHAPES.map((shape): ClientMetadata => ({
      client_id: shape.id,
      client_name: shape.name,
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      grant_types: shape.refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
      response_types: ['code'],
      redirect_uris: appBaseUrls.map((base) => `${base}signin-callback`),
      post_logout_redirect_uris: [...appBaseUrls],
      scope: shape.scopes.join(' '),
    })),
    native,
    service,
    web,
  ];
}
