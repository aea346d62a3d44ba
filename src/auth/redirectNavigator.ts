import type { StateStore, UserManager } from 'oidc-client-ts';
import { recordRedirect } from '../http/index.ts';
import { emitSessionEvent, passRedirectGate } from './sessionEvents.ts';
import { keepAuthorizeWithPending, readPendingSignin } from './pendingSignin.ts';
import { sessionInMemoryOnly } from '../config/sessionCarry.ts';

type Navigator = NonNullable<ConstructorParameters<typeof UserManager>[1]>;

/**
 * The redirect navigator oidc-client-ts sends the browser away with. Before a sign-in leaves, it
 * publishes what the library built (the authorization URL and, from the library's own state
 * store, the PKCE verifier behind the challenge) and passes any redirect gate (step mode).
 */
export function redirectNavigator(authority: string, stateStore: StateStore): Navigator {
  return {
    prepare: () =>
      Promise.resolve({
        navigate: async ({ url }: { url: string }) => {
          const params = new URL(url).searchParams;
          // Sign-out navigations go through here too; only sign-ins are published.
          if (params.has('code_challenge')) {
            const pending = await readPendingSignin(stateStore, params.get('state'));
            emitSessionEvent('authorize', { authority, url, codeVerifier: pending?.codeVerifier });
            // Memory only: the walkthrough keeps no copy in storage; the request rides in the
            // library's pending sign-in instead (written anyway, removed at the callback).
            if (sessionInMemoryOnly())
              await keepAuthorizeWithPending(stateStore, params.get('state')!, { authority, url });
            await passRedirectGate(url);
          }
          recordRedirect(url);
          window.location.assign(url);
          return new Promise<never>(() => undefined);
        },
        close: () => undefined,
      }),
    callback: () => Promise.resolve(),
  };
}
