/**
 * The native flow's RFC 8252 loopback listener on 127.0.0.1. It answers only its callback path
 * carrying the `state` this run issued; anything else (a favicon, a guess, an old tab's callback) is
 * refused and the flow keeps waiting. The browser is told "Signed in" only once the code exchange
 * has succeeded.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from './errors.ts';

const CALLBACK_PATH = '/callback';

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${text}</p></body></html>`;

/** The callback that came back, and how to answer the browser once the exchange is done. */
export interface Callback {
  url: URL;
  /** Answers the waiting browser tab ("Signed in" only when `signedIn`); resolves once it is sent. */
  finish(signedIn: boolean): Promise<void>;
}

export interface Loopback {
  redirectUri: string;
  /** The first callback on the callback path with this `state`. */
  callback(state: string, timeoutSeconds: number): Promise<Callback>;
  close(): void;
}

/** Listens on 127.0.0.1:`port` (0: any free port). */
export async function listenOnLoopback(port: number): Promise<Loopback> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on 127.0.0.1 is in use; choose another with --port, or leave it out for any free one.`
            : `Could not listen on 127.0.0.1: ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  // RFC 8252 section 7.3: the loopback IP literal, any port the registration allows.
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`;
  const refuse = (res: ServerResponse, status: number, text: string) =>
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);

  return {
    redirectUri,
    callback(state, timeoutSeconds) {
      return new Promise((resolve, reject) => {
        let taken = false;
        const timer = setTimeout(
          () => reject(new CliError(`No sign-in came back within ${timeoutSeconds} seconds; run the command again.`)),
          timeoutSeconds * 1000,
        );
        server.on('request', (req, res) => {
          const url = new URL(req.url ?? '/', redirectUri);
          if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
            refuse(res, 404, 'Not the sign-in callback.');
            return;
          }
          if (url.searchParams.get('state') !== state || taken) {
            refuse(
              res,
              400,
              taken
                ? 'This sign-in has already come back.'
                : 'This is not the sign-in the terminal started (its state does not match). The terminal is still waiting.',
            );
            return;
          }
          taken = true;
          clearTimeout(timer);
          resolve({
            url,
            finish(signedIn) {
              const sent = new Promise<void>((done) => {
                res.once('finish', done);
                res.once('close', done);
              });
              res
                .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
                .end(
                  signedIn
                    ? page('Signed in', 'The token is in your terminal. You can close this tab.')
                    : page('Sign-in did not complete', 'The terminal says why. You can close this tab.'),
                );
              return sent;
            },
          });
        });
      });
    },
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}
