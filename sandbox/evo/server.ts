import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DISCOVERY_PATH } from '../../src/config/catalogue.ts';
import { appOrigins, type SandboxConfig } from '../config.ts';
import { close, listen, readBody, urlHost } from '../http.ts';
import { evoApi, Problem, TextBody } from './api.ts';
import { AccessDenied, tokenVerifier } from './auth.ts';
import { FaultSwitch, parseFaultRequest, type EvoRoute, type Fault } from './faults.ts';

/** A running Evo twin. */
export interface EvoTwin {
  url: string;
  /** The test-only fault switch (reachable over HTTP only with SANDBOX_TEST_CONTROLS=1). */
  faults: FaultSwitch;
  close(): Promise<void>;
}

/** Which fault-switch route a path belongs to. */
function routeOf(path: string): EvoRoute | undefined {
  if (path === DISCOVERY_PATH) return 'discovery';
  if (/^\/hubs\/[a-z]+\/workspace\/orgs\//.test(path)) return 'workspaces';
  if (path.includes('/geoscience-object/orgs/')) return 'objects';
  if (path.includes('/file/v2/orgs/')) return 'files';
  if (path.includes('/blockmodel/orgs/')) return 'block-models';
  return undefined;
}

function fromAccessDenied(denied: AccessDenied): Problem {
  // A quoted-string (RFC 9110 section 5.6.4) cannot hold a bare double quote.
  const description = denied.detail.replace(/["\\]/g, "'");
  const params = [`realm="evo"`, `error="${denied.error}"`, `error_description="${description}"`];
  if (denied.scope) params.push(`scope="${denied.scope}"`);
  const challenge = denied.error === 'invalid_request' ? 'Bearer realm="evo"' : `Bearer ${params.join(', ')}`;
  return new Problem(denied.status, denied.status === 401 ? 'Not authenticated' : 'Insufficient scope', denied.detail, {
    'www-authenticate': challenge,
  });
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

  const api = evoApi({ baseUrl: url, verify });

  async function route(req: IncomingMessage, requestUrl: URL): Promise<unknown> {
    const path = requestUrl.pathname;
    if (path === '/health') return { status: 'ok' };
    if (req.method !== 'GET') {
      throw new Problem(405, 'Method not allowed', `${req.method ?? 'This method'} is not supported here.`);
    }
    // A hub URL with a trailing slash joined to a path gives `//`; servers treat it as one slash.
    return api(path.replace(/\/{2,}/g, '/'), requestUrl, req.headers.authorization);
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
        if (body instanceof TextBody) {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end(body.text);
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
        res.end(JSON.stringify(problem.body()));
      });
  });
  await listen(server, config.evoPort, config.host);
  return { url, faults, close: () => close(server) };
}
