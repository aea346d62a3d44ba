import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appOrigins, type SandboxConfig } from '../config.ts';
import { close, listen, readBody, urlHost } from '../http.ts';
import { findUserBySub } from '../users.ts';
import { AccessDenied, tokenVerifier } from './auth.ts';
import { HUBS, instancesFor, SERVICES, workspaceItems, workspacesOf, type Instance } from './data.ts';
import { FaultSwitch, parseFaultRequest, type EvoRoute, type Fault } from './faults.ts';

/** A running Evo twin. */
export interface EvoTwin {
  url: string;
  /** The test-only fault switch (reachable over HTTP only with SANDBOX_TEST_CONTROLS=1). */
  faults: FaultSwitch;
  close(): Promise<void>;
}

const PER_WORKSPACE: Record<
  string,
  { route: EvoRoute; scope: string; listKey: string; kind: 'objects' | 'files' | 'block-models' }
> = {
  'geoscience-object': { route: 'objects', scope: 'evo.object', listKey: 'objects', kind: 'objects' },
  file: { route: 'files', scope: 'evo.file', listKey: 'files', kind: 'files' },
  blockmodel: { route: 'block-models', scope: 'evo.blocksync', listKey: 'results', kind: 'block-models' },
};

/** Which fault-switch route a path belongs to. */
function routeOf(path: string): EvoRoute | undefined {
  if (path === '/evo/identity/v2/discovery') return 'discovery';
  if (/\/workspace\/orgs\/[\w-]+\/workspaces$/.test(path)) return 'workspaces';
  if (path.includes('/geoscience-object/')) return 'objects';
  if (path.includes('/file/v2/')) return 'files';
  if (path.includes('/blockmodel/')) return 'block-models';
  return undefined;
}

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const PROBLEM_TYPES: Record<number, string> = {
  400: 'https://seequent.com/error-codes/bad-request',
  401: 'https://seequent.com/error-codes/unauthorized',
  403: 'https://seequent.com/error-codes/forbidden',
  404: 'https://seequent.com/error-codes/not-found',
  405: 'https://seequent.com/error-codes/method-not-allowed',
  429: 'https://seequent.com/error-codes/too-many-requests',
  503: 'https://seequent.com/error-codes/service-unavailable',
  500: 'https://seequent.com/error-codes/internal-server-error',
};

function fromAccessDenied(denied: AccessDenied): Problem {
  const params = [`realm="evo"`, `error="${denied.error}"`, `error_description="${denied.detail}"`];
  if (denied.scope) params.push(`scope="${denied.scope}"`);
  const challenge = denied.error === 'invalid_request' ? 'Bearer realm="evo"' : `Bearer ${params.join(', ')}`;
  return new Problem(denied.status, denied.status === 401 ? 'Not authenticated' : 'Insufficient scope', denied.detail, {
    'www-authenticate': challenge,
  });
}

function integerParam(search: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = search.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Problem(400, 'Bad request', `"${name}" must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** Starts the Evo twin on `config.evoPort`, trusting tokens from the IMS twin at `issuer`. */
export async function startEvo(config: SandboxConfig, issuer: string): Promise<EvoTwin> {
  const url = `http://${urlHost(config.host)}:${config.evoPort}`;
  const allowedOrigins = new Set(appOrigins(config));
  const verify = tokenVerifier(issuer);
  const faults = new FaultSwitch();

  /** Waits or fails as the armed fault says; the route runs after it unless it threw. */
  async function applyFault(fault: Fault | undefined): Promise<void> {
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.kind === 'status') {
      const title =
        fault.status === 429 ? 'Too many requests' : fault.status >= 500 ? 'Service unavailable' : 'Injected failure';
      throw new Problem(
        fault.status,
        title,
        `The sandbox was told to fail this call with ${fault.status}.`,
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    }
  }

  /** `POST /__sandbox/faults` arms a fault; `DELETE` clears them all. Test-only. */
  async function faultControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method === 'DELETE') {
        faults.clear();
      } else if (req.method === 'POST') {
        const { route, fault, count } = parseFaultRequest(JSON.parse(await readBody(req)) as unknown);
        faults.arm(route, fault, count);
      } else {
        throw new Error('use POST or DELETE');
      }
      res.writeHead(204).end();
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : 'bad request');
    }
  }

  /** The instance `orgId` on `hubCode`, if the person is a member of it; a 403 otherwise. */
  function memberInstance(sub: string, hubCode: string, orgId: string): Instance {
    const instance = instancesFor(sub).find((item) => item.id === orgId && item.hub_code === hubCode);
    if (!instance)
      throw new Problem(403, 'Forbidden', `You are not a member of instance ${orgId} on hub "${hubCode}".`);
    return instance;
  }

  function workspacesFor(sub: string, instance: Instance) {
    const user = findUserBySub(sub);
    return workspacesOf(instance, {
      sub,
      name: user ? `${user.givenName} ${user.familyName}` : sub,
      email: user?.email ?? '',
    });
  }

  async function route(req: IncomingMessage, requestUrl: URL): Promise<unknown> {
    const path = requestUrl.pathname;
    if (path === '/health') return { status: 'ok' };
    if (req.method !== 'GET') {
      throw new Problem(405, 'Method not allowed', `${req.method ?? 'This method'} is not supported here.`);
    }

    if (path === '/evo/identity/v2/discovery') {
      const payload = await verify(req.headers.authorization, 'evo.discovery');
      if (requestUrl.searchParams.get('service') !== 'evo') {
        throw new Problem(400, 'Bad request', 'The "service" query parameter must be "evo".');
      }
      const instances = instancesFor(String(payload.sub));
      const hubCodes = new Set(instances.map((instance) => instance.hub_code));
      return {
        discovery: {
          organizations: instances.map(({ id, display_name }) => ({ id, display_name })),
          hubs: HUBS.filter((hub) => hubCodes.has(hub.code)).map((hub) => ({
            code: hub.code,
            display_name: hub.display_name,
            url: `${url}${hub.path}`,
          })),
          services: SERVICES,
          service_access: instances.map((instance) => ({
            org_id: instance.id,
            hub_code: instance.hub_code,
            services: instance.services,
          })),
        },
      };
    }

    const workspaces = /^\/hubs\/([a-z]+)\/workspace\/orgs\/([\w-]+)\/workspaces$/.exec(path);
    if (workspaces) {
      const [, hubCode, orgId] = workspaces as unknown as [string, string, string];
      const sub = String((await verify(req.headers.authorization, 'evo.workspace')).sub);
      const all = workspacesFor(sub, memberInstance(sub, hubCode, orgId));
      const limit = integerParam(requestUrl.searchParams, 'limit', 20, 1, 100);
      const offset = integerParam(requestUrl.searchParams, 'offset', 0, 0, 1_000_000);
      const page = all.slice(offset, offset + limit);
      const link = (at: number) => {
        const next = new URL(`${url}${path}`);
        next.searchParams.set('limit', String(limit));
        next.searchParams.set('offset', String(at));
        return next.toString();
      };
      const lastOffset = Math.max(0, Math.floor((all.length - 1) / limit) * limit);
      return {
        links: {
          count: page.length,
          total: all.length,
          first: link(0),
          last: link(lastOffset),
          next: offset + limit < all.length ? link(offset + limit) : null,
          previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
        },
        results: page,
      };
    }

    const perWorkspace =
      /^\/hubs\/([a-z]+)\/(geoscience-object|file|blockmodel)(?:\/v2)?\/orgs\/([\w-]+)\/workspaces\/([\w-]+)\/(objects|files|block-models)$/.exec(
        path,
      );
    const api = perWorkspace ? PER_WORKSPACE[perWorkspace[2]!] : undefined;
    if (perWorkspace && api && api.kind === perWorkspace[5]) {
      const [, hubCode, , orgId, workspaceId] = perWorkspace as unknown as [string, string, string, string, string];
      const sub = String((await verify(req.headers.authorization, api.scope)).sub);
      const workspace = workspacesFor(sub, memberInstance(sub, hubCode, orgId)).find((item) => item.id === workspaceId);
      if (!workspace) throw new Problem(404, 'Not found', `There is no workspace ${workspaceId} in this instance.`);
      const items = workspaceItems(workspace.id, api.kind);
      return { [api.listKey]: items, links: { count: items.length, total: items.length } };
    }

    throw new Problem(404, 'Not found', `There is no sandbox Evo API at ${path}.`);
  }

  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    if (origin && allowedOrigins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'WWW-Authenticate, Retry-After');
      return true;
    }
    return false;
  }

  const server: Server = createServer((req, res) => {
    const allowed = cors(req, res);
    if (req.method === 'OPTIONS') {
      if (allowed) {
        res.setHeader('access-control-allow-methods', 'GET, OPTIONS');
        res.setHeader('access-control-allow-headers', 'Authorization, Content-Type');
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(204).end();
      return;
    }
    const requestUrl = new URL(req.url ?? '/', url);
    if (requestUrl.pathname === '/__sandbox/faults' && config.testControls) {
      void faultControl(req, res);
      return;
    }
    const apiRoute = routeOf(requestUrl.pathname);
    const fault = apiRoute ? faults.take(apiRoute) : undefined;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    applyFault(fault)
      .then(() => route(req, requestUrl))
      .then((body) => {
        if (fault?.kind === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify({ unexpected: 'this is not the shape the API documents', items: 'none' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      })
      .catch((error: unknown) => {
        const problem =
          error instanceof Problem
            ? error
            : error instanceof AccessDenied
              ? fromAccessDenied(error)
              : new Problem(500, 'Internal server error', 'The sandbox Evo API failed unexpectedly.');
        if (!(error instanceof Problem) && !(error instanceof AccessDenied)) {
          console.error('[evo] unexpected error:', error instanceof Error ? error.message : error);
        }
        res.writeHead(problem.status, {
          'content-type': 'application/problem+json',
          'cache-control': 'no-store',
          ...problem.headers,
        });
        res.end(
          JSON.stringify({
            type: PROBLEM_TYPES[problem.status] ?? 'about:blank',
            title: problem.title,
            status: problem.status,
            detail: problem.detail,
          }),
        );
      });
  });
  await listen(server, config.evoPort, config.host);
  return { url, faults, close: () => close(server) };
}
