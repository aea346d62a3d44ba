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
  return SHAPES.map((shape) => ({
    client_id: shape.id,
    client_name: shape.name,
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    grant_types: shape.refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    response_types: ['code'],
    redirect_uris: appBaseUrls.map((base) => `${base}signin-callback`),
    post_logout_redirect_uris: [...appBaseUrls],
    scope: shape.scopes.join(' '),
  }));
}
