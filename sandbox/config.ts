/**
 * Where the sandbox listens and whom it serves. Every value can be overridden by an environment
 * variable so that tests and the benchmark can run a second copy on other ports.
 */
export interface SandboxConfig {
  /** Port of the IMS twin (oidc-provider). */
  imsPort: number;
  /** Port of the Evo twin (Discovery, Workspaces). */
  evoPort: number;
  /** Loopback host both twins bind to and use in their URLs. */
  host: string;
  /**
   * Where the app is served, each ending in `/` (`http://localhost:3000/`, or a sub-path such as
   * `http://localhost:4173/lab/`). Each gets `<base>signin-callback` and `<base>` registered with the
   * sandbox clients; their origins are the only ones the twins answer CORS requests from.
   */
  appBaseUrls: string[];
  /** Test-only controls (the Evo twin's fault switch); off unless SANDBOX_TEST_CONTROLS=1. */
  testControls: boolean;
}

import { isLoopbackHost } from '../src/config/catalogue.ts';

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number (1-65535); got "${raw}"`);
  }
  return value;
}

function baseUrls(raw: string | undefined): string[] {
  const list = (raw ?? 'http://localhost:3000/')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((value) => {
      const url = new URL(value);
      if (!isLoopbackHost(url.hostname)) {
        throw new Error(`SANDBOX_APP_URLS may only name loopback addresses; got "${value}"`);
      }
      const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
      return `${url.origin}${path}`;
    });
  return [...new Set(list)];
}

/** Reads the sandbox configuration from the environment, failing loudly on a bad value. */
export function readSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const host = env.SANDBOX_HOST ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`SANDBOX_HOST must be a loopback address; got "${host}"`);
  }
  return {
    imsPort: port(env, 'SANDBOX_IMS_PORT', 3001),
    evoPort: port(env, 'SANDBOX_EVO_PORT', 3002),
    host,
    appBaseUrls: baseUrls(env.SANDBOX_APP_URLS),
    testControls: env.SANDBOX_TEST_CONTROLS === '1',
  };
}

/** The distinct origins of the app's base URLs: the only origins allowed to call the twins. */
export function appOrigins(config: Pick<SandboxConfig, 'appBaseUrls'>): string[] {
  return [...new Set(config.appBaseUrls.map((base) => new URL(base).origin))];
}
