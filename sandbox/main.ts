/**
 * Starts the local sandbox: the IMS twin (identity provider) and the Evo twin (APIs), each on its
 * own loopback port. `npm run sandbox` runs this alone; `npm start` runs it beside the app.
 */
import type { JWK } from 'jose';
import { readSandboxConfig, type SandboxConfig } from './config.ts';
import { startEvo, type EvoTwin } from './evo/server.ts';
import { persistentSigningKey } from './ims/provider.ts';
import { startIms, type ImsTwin } from './ims/server.ts';

/** Where `npm run sandbox` keeps its signing key, beside the BFF's session store (git-ignored). */
export const SIGNING_KEY_FILE = '.lab-data/sandbox-signing-key.json';

export interface Sandbox {
  ims: ImsTwin;
  evo: EvoTwin;
  close(): Promise<void>;
}

/** Starts both twins; the Evo twin trusts the IMS twin's issuer and keys. */
export async function startSandbox(config: SandboxConfig = readSandboxConfig(), signingKey?: JWK): Promise<Sandbox> {
  const ims = await startIms(config, signingKey);
  try {
    const evo = await startEvo(config, ims.issuer);
    return { ims, evo, close: async () => void (await Promise.all([ims.close(), evo.close()])) };
  } catch (error) {
    await ims.close();
    throw error;
  }
}

function describeStartError(error: unknown, config: SandboxConfig): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `a sandbox port is already in use (IMS ${config.imsPort}, Evo ${config.evoPort}). Stop the other copy, or set SANDBOX_IMS_PORT / SANDBOX_EVO_PORT.`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  // SANDBOX_* settings may live in .env beside the app's VITE_* ones.
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: defaults apply
  }
  let config: SandboxConfig;
  try {
    config = readSandboxConfig();
  } catch (error) {
    console.error(`[sandbox] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(config, await persistentSigningKey(process.env.SANDBOX_KEY_FILE || SIGNING_KEY_FILE));
  } catch (error) {
    console.error(`[sandbox] could not start: ${describeStartError(error, config)}`);
    process.exit(1);
  }
  console.log(`[sandbox] IMS twin  ${sandbox.ims.issuer}  (sign in as ada@example.com / sandbox)`);
  console.log(`[sandbox] Evo twin  ${sandbox.evo.url}`);
  console.log(`[sandbox] serving the app at ${config.appBaseUrls.join(', ')}`);
  if (config.testControls) console.log('[sandbox] test controls ON: POST/DELETE /__sandbox/faults on the Evo twin');
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main();
}
