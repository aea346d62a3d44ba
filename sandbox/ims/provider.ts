import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { appOrigins, type SandboxConfig } from '../config.ts';
import { findUserBySub } from '../users.ts';
import { ACCESS_TOKEN_TTL, DEFAULT_ACCESS_TOKEN_TTL, EVO_SCOPES, sandboxClients } from './clients.ts';
import { memoryAdapter } from './memoryAdapter.ts';
import { errorPage, logoutPage, signedOutPage } from './pages.ts';
import { EVO_AUDIENCE, EVO_RESOURCE, identityClaims, jwtCustomizer } from './tokenShape.ts';

/** IdentityServer's endpoint paths, which IMS uses. */
export const IMS_ROUTES = {
  authorization: '/connect/authorize',
  token: '/connect/token',
  end_session: '/connect/endsession',
  revocation: '/connect/revocation',
  userinfo: '/connect/userinfo',
  introspection: '/connect/introspect',
  jwks: '/.well-known/openid-configuration/jwks',
} as const;

/** A fresh RS256 signing key whose `kid` is its JWK thumbprint, so verifiers notice a restart. */
export async function createSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/**
 * The signing key kept in `file` (git-ignored, mode 0600), made there on first use: as a real
 * provider keeps its keys, a token issued before a restart still verifies after it.
 */
export async function persistentSigningKey(file: string): Promise<JWK> {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    if (saved.kty === 'RSA' && typeof saved.d === 'string' && typeof saved.kid === 'string') return saved;
  } catch {
    // none yet, or unreadable: make one
  }
  const key = await createSigningKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/**
 * Builds the IMS twin: oidc-provider configured the way Bentley IMS behaves for Evo apps.
 * Interactions (login) are served by the caller under `/interaction/:uid`. A fresh signing key is
 * made unless one is given (tests pass theirs, to mint tokens the twin would have issued).
 */
export async function createImsProvider(issuer: string, config: SandboxConfig, signingKey?: JWK): Promise<Provider> {
  const allowedOrigins = new Set(appOrigins(config));
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: sandboxClients(config.appBaseUrls),
    jwks: { keys: [signingKey ?? (await createSigningKey())] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: IMS_ROUTES,
    // Evo scopes are listed so that a client's `scope` allow-list applies to them.
    scopes: ['openid', 'offline_access', ...EVO_SCOPES],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin) => allowedOrigins.has(origin),
    findAccount: (_ctx, sub) => {
      const user = findUserBySub(sub);
      if (!user) return undefined;
      return { accountId: user.sub, claims: () => ({ sub: user.sub }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      // Service apps: client credentials with a secret, tokens for Evo, no refresh token.
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => EVO_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          // IMS answers any RFC 8707 `resource` parameter with invalid_target.
          if (resourceIndicator !== EVO_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: EVO_SCOPES.join(' '),
            audience: EVO_AUDIENCE,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    formats: { customizers: { jwt: jwtCustomizer(issuer) } },
    extraTokenClaims: (_ctx, token) => identityClaims(token),
    ttl: {
      AccessToken: (_ctx, _token, client) => ACCESS_TOKEN_TTL[client.clientId] ?? DEFAULT_ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      ClientCredentials: DEFAULT_ACCESS_TOKEN_TTL,
      Grant: 14 * 24 * 60 * 60,
      Interaction: 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
      Session: 14 * 24 * 60 * 60,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error), out.error_description ? String(out.error_description) : undefined);
    },
  };

  const provider = new Provider(issuer, configuration);

  // IMS (IdentityServer) issues a refresh token for offline_access without prompt=consent.
  // oidc-provider follows OIDC Core 11 and drops offline_access unless consent is prompted, so the
  // twin asks for the consent step itself; the login handler grants it without a page.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    if (ctx.path === IMS_ROUTES.authorization && ctx.method === 'GET') {
      const scope = typeof ctx.query.scope === 'string' ? ctx.query.scope.split(' ') : [];
      if (scope.includes('offline_access') && ctx.query.prompt === undefined) {
        ctx.query = { ...ctx.query, prompt: 'consent' };
      }
    }
    await next();
  });

  return provider;
}
