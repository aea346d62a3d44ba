import { WebStorageStateStore, type UserManager } from 'oidc-client-ts';
import { storageOrMemory } from '../config/browserStorage.ts';
import { readPendingSignin } from './pendingSignin.ts';
import { emitSessionEvent } from './sessionEvents.ts';

type Navigator = NonNullable<ConstructorParameters<typeof UserManager>[2]>;

const MESSAGE = 'evo-sign-in-lab:authorization-response';

/**
 * The navigator for a sign-in in a popup window, used only when this browser keeps no storage
 * (site data blocked): a full-page redirect would lose the PKCE verifier, which then lives only in
 * this page's memory. The popup's callback page hands the response back by `postMessage` to
 * this origin alone; `checkResponse` (the RFC 9207 check) runs before the library may use it.
 */
export function popupNavigator(checkResponse: (url: string) => Promise<void>): Navigator {
  return {
    prepare: () => {
      // Opened at once, inside the click that started the sign-in, so no popup blocker stops it.
      const popup = window.open('about:blank', 'evo-sign-in-lab-signin', 'popup,width=520,height=680');
      let cleanup = () => undefined as void;
      return Promise.resolve({
        navigate: async ({ url }: { url: string }) => {
          // The walkthrough records a popup sign-in as it records a redirect one: the request the
          // library built (with its verifier, from the same state store the library uses), then
          // the response and its RFC 9207 check.
          const pending = await readPendingSignin(
            new WebStorageStateStore({ store: storageOrMemory('session') }),
            new URL(url).searchParams.get('state'),
          );
          emitSessionEvent('authorize', { authority: new URL(url).origin, url, codeVerifier: pending?.codeVerifier });
          return new Promise<{ url: string }>((resolve, reject) => {
            if (!popup) {
              reject(new Error('The browser blocked the sign-in window. Allow pop-ups for this page and try again.'));
              return;
            }
            const onMessage = (event: MessageEvent) => {
              if (event.origin !== window.location.origin || event.source !== popup) return;
              const data = event.data as { type?: unknown; url?: unknown } | null;
              if (data?.type !== MESSAGE || typeof data.url !== 'string') return;
              const response = data.url;
              cleanup();
              popup.close();
              checkResponse(response).then(() => {
                resolve({ url: response });
              }, reject);
              lastResponse = { url: response, codeVerifier: pending?.codeVerifier };
            };
            const watch = window.setInterval(() => {
              if (!popup.closed) return;
              cleanup();
              reject(new Error('The sign-in window was closed before the sign-in finished.'));
            }, 500);
            cleanup = () => {
              window.removeEventListener('message', onMessage);
              window.clearInterval(watch);
            };
            window.addEventListener('message', onMessage);
            popup.location.assign(url);
          });
        },
        close: () => {
          cleanup();
          popup?.close();
        },
      });
    },
    callback: () => Promise.resolve(),
  };
}

let lastResponse: { url: string; codeVerifier: string | undefined } | undefined;

/** The last authorization response a popup handed back (for the walkthrough), once. */
export function takePopupResponse(): { params: URLSearchParams; codeVerifier: string | undefined } | undefined {
  const taken = lastResponse;
  lastResponse = undefined;
  return taken ? { params: new URL(taken.url).searchParams, codeVerifier: taken.codeVerifier } : undefined;
}

/**
 * On a callback page opened as the sign-in popup (only ever used when storage is refused), hands
 * the response to the page that opened it, delivered to this origin alone, and returns true;
 * without an opener returns false.
 */
export function handOverToOpener(): boolean {
  const opener = window.opener as Window | null;
  if (!opener || opener === window) return false;
  opener.postMessage({ type: MESSAGE, url: window.location.href }, window.location.origin);
  // The opener closes this window once it has the message: closing it here could let the opener
  // see a closed window before the message arrives, and take the sign-in for abandoned.
  return true;
}
