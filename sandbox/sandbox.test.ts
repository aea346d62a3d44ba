import { exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverySchema as discoveryResponseSchema } from '../src/evo/evoSchemas.ts';
import { readSandboxConfig } from './config.ts';
import { createSigningKey } from './ims/provider.ts';
import { EVO_AUDIENCE } from './ims/tokenShape.ts';
import { startSandbox, type Sandbox } from './main.ts';
import { mintAccessToken } from './testTokens.ts';
import { SANDBOX_USERS } from './users.ts';

const config = readSandboxConfig({ SANDBOX_IMS_PORT: '3201', SANDBOX_EVO_PORT: '3202' });
const ada = SANDBOX_USERS[0]!;
const newcomer = SANDBOX_USERS[2]!;
let sandbox: Sandbox;
let twinKey: JWK;

beforeAll(async () => {
  twinKey = await createSigningKey();
  sandbox = await startSandbox(config, twinKey);
});
afterAll(async () => {
  await sandbox.close();
});

async function mint(claims: JWTPayload, options: { key?: JWK; expiresIn?: string | number } = {}): Promise<string> {
  return mintAccessToken(
    options.key ?? twinKey,
    sandbox.ims.issuer,
    { scope: ['evo.discovery', 'evo.workspace'], ...claims, sub: claims.sub ?? ada.sub },
    options.expiresIn,
  );
}

function discovery(token?: string) {
  return fetch(`${sandbox.evo.url}/evo/identity/v2/discovery?service=evo`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

describe('Evo twin', () => {
  it('answers Discovery for a token the IMS twin signed, in the shape the app expects', async () => {
    const response = await discovery(await mint({}));
    expect(response.status).toBe(200);
    const body = discoveryResponseSchema.parse(await response.json());
    expect(body.discovery.organizations.map((org) => org.display_name).sort()).toEqual([
      'Analytical Engines - Exploration',
      'Analytical Engines - Resource Modelling',
    ]);
    expect(body.discovery.hubs.map((hub) => hub.code).sort()).toEqual(['au', 'us']);
  });

  it('answers an empty Discovery for a user with no instances', async () => {
    const response = await discovery(await mint({ sub: newcomer.sub }));
    const body = discoveryResponseSchema.parse(await response.json());
    expect(body.discovery.organizations).toEqual([]);
    expect(body.discovery.service_access).toEqual([]);
  });

  it('accepts a space-separated scope string too (RFC 9068 form)', async () => {
    const response = await discovery(await mint({ scope: 'evo.discovery evo.workspace' }));
    expect(response.status).toBe(200);
  });

  const refusals: [string, () => Promise<string | undefined>, RegExp][] = [
    ['no token', () => Promise.resolve(undefined), /no bearer token/],
    [
      'a token signed by another key',
      async () => {
        const { privateKey } = await generateKeyPair('RS256', { extractable: true });
        return mint({}, { key: { ...(await exportJWK(privateKey)), kid: twinKey.kid } });
      },
      /signature is not valid/,
    ],
    ['an expired token', () => mint({}, { expiresIn: Math.floor(Date.now() / 1000) - 120 }), /expired/],
    [
      'a token for another audience',
      async () => {
        const key = await importJWK(twinKey, 'RS256');
        return new SignJWT({ scope: ['evo.discovery'] })
          .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: twinKey.kid })
          .setIssuer(sandbox.ims.issuer)
          .setAudience('https://other.example')
          .setSubject(ada.sub)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(key);
      },
      /"aud" claim/,
    ],
    [
      'a token from another issuer',
      async () => {
        const key = await importJWK(twinKey, 'RS256');
        return new SignJWT({ scope: ['evo.discovery'] })
          .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: twinKey.kid })
          .setIssuer('https://ims.bentley.com')
          .setAudience(EVO_AUDIENCE)
          .setSubject(ada.sub)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(key);
      },
      /"iss" claim/,
    ],
    [
      'a plain JWT that does not say it is an access token (typ JWT, RFC 9068)',
      async () => {
        const key = await importJWK(twinKey, 'RS256');
        return new SignJWT({ scope: ['evo.discovery'] })
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: twinKey.kid })
          .setIssuer(sandbox.ims.issuer)
          .setAudience(EVO_AUDIENCE)
          .setSubject(ada.sub)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(key);
      },
      /typ "JWT".*at\+jwt \(RFC 9068\)/,
    ],
    [
      'an unsigned (alg: none) token',
      () =>
        Promise.resolve(
          new UnsecuredJWT({ scope: ['evo.discovery'] })
            .setIssuer(sandbox.ims.issuer)
            .setAudience(EVO_AUDIENCE)
            .setSubject(ada.sub)
            .setIssuedAt()
            .setExpirationTime('1h')
            .encode(),
        ),
      /RS256|well-formed/,
    ],
  ];

  it.each(refusals)('refuses %s with 401, a bearer challenge and a problem body', async (_name, token, detail) => {
    const response = await discovery(await token());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="evo"/);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; detail: string };
    expect(problem.status).toBe(401);
    expect(problem.detail).toMatch(detail);
  });

  it('refuses a token without the endpoint scope with 403 insufficient_scope naming the scope', async () => {
    const response = await discovery(await mint({ scope: ['evo.workspace'] }));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(response.headers.get('www-authenticate')).toContain('scope="evo.discovery"');
  });

  it('pages through an instance’s workspaces with limit, offset and links', async () => {
    const token = await mint({});
    const base = `${sandbox.evo.url}/hubs/au/workspace/orgs/d0ea331e-814e-4e24-a1b8-cd563c5b1d31/workspaces`;
    const first = (await (
      await fetch(`${base}?limit=10`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      links: { total: number; count: number; next: string | null; previous: string | null };
      results: { name: string }[];
    };
    expect(first.links).toMatchObject({ total: 27, count: 10, previous: null });
    const last = (await (
      await fetch(`${base}?limit=10&offset=20`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as typeof first;
    expect(last.links).toMatchObject({ count: 7, next: null });
    const names = [...first.results, ...last.results].map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
  });

  const ORG = 'd0ea331e-814e-4e24-a1b8-cd563c5b1d31';
  async function firstWorkspace(token: string): Promise<string> {
    const response = await fetch(`${sandbox.evo.url}/hubs/au/workspace/orgs/${ORG}/workspaces?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as { results: { id: string }[] }).results[0]!.id;
  }

  it('lets each per-workspace API in only with its own scope', async () => {
    const narrow = await mint({});
    const wide = await mint({ scope: ['evo.discovery', 'evo.workspace', 'evo.object', 'evo.file', 'evo.blocksync'] });
    const ws = await firstWorkspace(narrow);
    const paths = [
      `/hubs/au/geoscience-object/orgs/${ORG}/workspaces/${ws}/objects`,
      `/hubs/au/file/v2/orgs/${ORG}/workspaces/${ws}/files`,
      `/hubs/au/blockmodel/orgs/${ORG}/workspaces/${ws}/block-models`,
    ];
    for (const path of paths) {
      const refused = await fetch(`${sandbox.evo.url}${path}`, { headers: { Authorization: `Bearer ${narrow}` } });
      expect(refused.status, path).toBe(403);
      const allowed = await fetch(`${sandbox.evo.url}${path}`, { headers: { Authorization: `Bearer ${wide}` } });
      expect(allowed.status, path).toBe(200);
    }
    const missing = await fetch(`${sandbox.evo.url}/hubs/au/file/v2/orgs/${ORG}/workspaces/nope/files`, {
      headers: { Authorization: `Bearer ${wide}` },
    });
    expect(missing.status).toBe(404);
  });

  it('fails the next calls as the fault switch says, then recovers', async () => {
    const token = await mint({});
    sandbox.evo.faults.arm('discovery', { kind: 'status', status: 503 }, 2);
    expect((await discovery(token)).status).toBe(503);
    expect((await discovery(token)).status).toBe(503);
    expect((await discovery(token)).status).toBe(200);
    sandbox.evo.faults.arm('discovery', { kind: 'status', status: 429, retryAfter: 7 }, 1);
    expect((await discovery(token)).headers.get('retry-after')).toBe('7');
    sandbox.evo.faults.arm('discovery', { kind: 'malformed' }, 1);
    const malformed = (await (await discovery(token)).json()) as Record<string, unknown>;
    expect(malformed).not.toHaveProperty('discovery');
  });

  it('keeps the fault switch off over HTTP unless started for tests', async () => {
    const response = await fetch(`${sandbox.evo.url}/__sandbox/faults`, { method: 'POST', body: '{"kind":"drop"}' });
    expect(response.status).toBe(405);
    expect((await discovery(await mint({}))).status).toBe(200);
  });

  it('answers CORS only for the app origin', async () => {
    const allowed = await fetch(`${sandbox.evo.url}/health`, { headers: { Origin: 'http://localhost:3000' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const other = await fetch(`${sandbox.evo.url}/health`, { headers: { Origin: 'http://evil.localhost:3000' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('IMS twin', () => {
  it('publishes IMS-shaped metadata: /connect paths, S256 only, jwks under the metadata path', async () => {
    const metadata = (await (await fetch(`${sandbox.ims.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      issuer: sandbox.ims.issuer,
      authorization_endpoint: `${sandbox.ims.issuer}/connect/authorize`,
      token_endpoint: `${sandbox.ims.issuer}/connect/token`,
      end_session_endpoint: `${sandbox.ims.issuer}/connect/endsession`,
      revocation_endpoint: `${sandbox.ims.issuer}/connect/revocation`,
      jwks_uri: `${sandbox.ims.issuer}/.well-known/openid-configuration/jwks`,
      code_challenge_methods_supported: ['S256'],
    });
    const jwks = (await (await fetch(String(metadata.jwks_uri))).json()) as { keys: JWK[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([twinKey.kid]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  async function authorize(params: Record<string, string>) {
    const url = new URL(`${sandbox.ims.issuer}/connect/authorize`);
    const defaults = {
      client_id: 'evo-sandbox-spa',
      redirect_uri: 'http://localhost:3000/signin-callback',
      response_type: 'code',
      scope: 'evo.discovery evo.workspace',
      state: 'test-state',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries({ ...defaults, ...params }))
      if (value !== '') url.searchParams.set(name, value);
    const response = await fetch(url, { redirect: 'manual' });
    return { status: response.status, location: new URL(response.headers.get('location') ?? '', sandbox.ims.issuer) };
  }

  it('refuses openid for an Evo registration with invalid_scope, like IMS', async () => {
    const { location } = await authorize({ scope: 'openid evo.discovery evo.workspace' });
    expect(location.origin + location.pathname).toBe('http://localhost:3000/signin-callback');
    expect(location.searchParams.get('error')).toBe('invalid_scope');
  });

  it('refuses a scope the registration lacks with invalid_scope', async () => {
    const { location } = await authorize({
      client_id: 'evo-sandbox-limited',
      scope: 'evo.discovery evo.workspace evo.object',
    });
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('test-state');
  });

  it('requires PKCE', async () => {
    const { location } = await authorize({ code_challenge: '', code_challenge_method: '' });
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('sends a valid request to its own login page', async () => {
    const { status, location } = await authorize({});
    expect(status).toBe(303);
    expect(location.pathname).toMatch(/^\/interaction\//);
  });
});

describe('sandbox data', () => {
  it('gives every workspace a real name, for every instance', async () => {
    const { instancesFor, workspacesOf } = await import('./evo/data.ts');
    for (const user of SANDBOX_USERS) {
      for (const instance of instancesFor(user.sub)) {
        for (const workspace of workspacesOf(instance)) {
          expect(workspace.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( [a-z]+)? \d\d(\d\d)?$/);
          expect(Date.parse(workspace.updated_at)).toBeGreaterThanOrEqual(Date.parse(workspace.created_at));
        }
      }
    }
  });
});

describe('IMS twin login page', () => {
  it('answers Cancel with access_denied, even though the form also has a Sign in button', async () => {
    const { loginPage } = await import('./ims/pages.ts');
    const html = loginPage({ action: '/interaction/x', clientName: 'App' });
    // A form posts only the button that was pressed: Cancel must be the only "action" then.
    expect(html.match(/name="action"/g)).toHaveLength(2);
    expect(html).toContain('name="action" value="cancel"');
    expect(html).not.toContain('type="hidden" name="action"');
  });
});

describe('IMS twin token endpoint', () => {
  /** Follows the provider's redirects by hand, carrying its cookies, up to the app's callback. */
  async function codeFor(challenge: string): Promise<string> {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: {
          ...(init.headers as Record<string, string>),
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, value] = pair!.split('=');
        jar.set(name!, value ?? '');
      }
      return new URL(response.headers.get('location') ?? '', sandbox.ims.issuer).toString();
    };
    const authorize = new URL(`${sandbox.ims.issuer}/connect/authorize`);
    for (const [name, value] of Object.entries({
      client_id: 'evo-sandbox-spa',
      redirect_uri: 'http://localhost:3000/signin-callback',
      response_type: 'code',
      scope: 'evo.discovery evo.workspace',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(name, value);
    }
    let next = await send(authorize.toString());
    next = await send(next, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'ada@example.com', password: 'sandbox', action: 'login' }).toString(),
    });
    for (let hop = 0; hop < 10 && !next.startsWith('http://localhost:3000/'); hop++) next = await send(next);
    const code = new URL(next).searchParams.get('code');
    if (!code) throw new Error(`no code in ${next}`);
    return code;
  }

  const token = (code: string, verifier: string) =>
    fetch(`${sandbox.ims.issuer}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'evo-sandbox-spa',
        code,
        code_verifier: verifier,
        redirect_uri: 'http://localhost:3000/signin-callback',
      }).toString(),
    });

  it('refuses a wrong code_verifier with invalid_grant, and issues an IMS-shaped token for the right one', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-extra-entropy';
    const { createHash } = await import('node:crypto');
    const code = await codeFor(createHash('sha256').update(verifier).digest('base64url'));

    const wrong = await token(code, 'a-completely-different-verifier-of-enough-length-000');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');

    const right = await token(code, verifier);
    expect(right.status).toBe(200);
    const body = (await right.json()) as { access_token: string; token_type: string; scope: string };
    expect(body.token_type).toBe('Bearer');
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      scope: ['evo.discovery', 'evo.workspace'],
      email: 'ada@example.com',
      client_id: 'evo-sandbox-spa',
    });
    expect(Array.isArray(claims.aud)).toBe(true);

    // The code works once.
    const again = await token(code, verifier);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
