import type { Server } from 'node:http';
import { build } from 'vite';
import { readSandboxConfig } from '../sandbox/config.ts';
import { startSandbox, type Sandbox } from '../sandbox/main.ts';
import { serveStatic } from './bench/staticServer.ts';

export interface HarnessPorts {
  ims: number;
  evo: number;
  app: number;
}

/** A built app served beside its own sandbox, on ports that leave `npm start`'s free. */
export interface Harness {
  appUrl: string;
  imsUrl: string;
  evoUrl: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/**
 * Builds the app into `outDir` pointing at a sandbox on `ports`, starts that sandbox (registered
 * for the app and any `extraAppUrls`) and serves the build. Used by the benchmark and the docs
 * screenshots.
 */
export async function startHarness(outDir: string, ports: HarnessPorts, extraAppUrls: string[] = []): Promise<Harness> {
  const appUrl = `http://localhost:${ports.app}/`;
  const imsUrl = `http://127.0.0.1:${ports.ims}`;
  const evoUrl = `http://127.0.0.1:${ports.evo}`;
  process.env.VITE_ENVIRONMENT = 'sandbox';
  process.env.VITE_SANDBOX_AUTHORITY = imsUrl;
  process.env.VITE_SANDBOX_DISCOVERY_URL = evoUrl;
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const sandbox = await startSandbox(
    readSandboxConfig({
      SANDBOX_IMS_PORT: String(ports.ims),
      SANDBOX_EVO_PORT: String(ports.evo),
      SANDBOX_APP_URLS: [appUrl, ...extraAppUrls].join(' '),
    }),
  );
  const server: Server = await serveStatic(outDir, ports.app);
  return {
    appUrl,
    imsUrl,
    evoUrl,
    sandbox,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}
