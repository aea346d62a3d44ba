/**
 * Starts the BFF: `npm start` runs it beside the sandbox and the app; `node --import tsx
 * server/main.ts` runs it alone. Settings come from the environment (and .env), see config.ts.
 */
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createBffApp, SECURITY_HEADERS } from './app.ts';
import { ConfigError, readBffConfig, type BffConfig } from './config.ts';
import { devKey, sealer } from './sealing.ts';
import { openStore, type KeyValueStore } from './store.ts';

export interface RunningBff {
  url: string;
  store: KeyValueStore;
  close(): Promise<void>;
}

/** Largest request head (request line and headers) the BFF reads; more gets a 431 in words. */
export const MAX_HEADER_BYTES = 16 * 1024;

export async function startBff(config: BffConfig): Promise<RunningBff & { keyNote?: string }> {
  let key = config.sessionKey;
  let keyNote: string | undefined;
  if (!key) {
    const dev = devKey(config.sessionKeyFile);
    key = dev.key;
    keyNote = `${dev.created ? 'made' : 'using'} a development session key in ${config.sessionKeyFile} (set BFF_SESSION_KEY in production)`;
  }
  const store = await openStore(config.sessionStore);
  const app = createBffApp({ config, store, sealer: sealer(key) });
  const listener = getRequestListener(app.fetch);
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => void listener(req, res));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({
      type: 'about:blank',
      title: tooLarge ? 'Request headers too large' : 'Malformed request',
      status: tooLarge ? 431 : 400,
      detail: tooLarge
        ? `The request's headers exceed ${MAX_HEADER_BYTES} bytes; the BFF reads no more. Clear this site's cookies if one grew too large.`
        : 'The request could not be parsed as HTTP.',
    });
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\n${Object.entries(
        SECURITY_HEADERS,
      )
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}connection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${config.port}`,
    store,
    keyNote,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env: defaults apply
  }
  // The sandbox's published web-client secret, only when nothing else is configured for the sandbox.
  if (!process.env.BFF_CLIENT_SECRET && !process.env.BFF_CLIENT_SECRET_FILE && !process.env.BFF_ISSUER) {
    const { SANDBOX_WEB_SECRET } = await import('../sandbox/ims/clients.ts');
    process.env.BFF_CLIENT_SECRET = SANDBOX_WEB_SECRET;
  }
  let config: BffConfig;
  try {
    config = readBffConfig();
  } catch (error) {
    console.error(`[bff] not started: ${error instanceof ConfigError ? error.message : String(error)}`);
    process.exit(1);
  }
  let bff: Awaited<ReturnType<typeof startBff>>;
  try {
    bff = await startBff(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      `[bff] could not start: ${code === 'EADDRINUSE' ? `port ${config.port} is in use (set BFF_PORT)` : error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  console.warn(`[bff] listening on ${bff.url}, reached by the browser at ${config.publicUrl}bff/`);
  console.warn(
    `[bff] client ${config.clientId} at ${config.issuer}; sessions in ${bff.store.kind === 'redis' ? 'Redis' : config.sessionStore}`,
  );
  if (bff.keyNote) console.warn(`[bff] ${bff.keyNote}`);
  const stop = () => void bff.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main();
}
