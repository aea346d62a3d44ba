import { authResponseInUrl } from '../auth/idleSession.ts';
import { onSessionEvent } from '../auth/sessionEvents.ts';
import { browserStorage } from '../config/browserStorage.ts';
import { appEnv } from '../config/env.ts';
import { startDiscoveryEarly } from '../evo/earlyDiscovery.ts';
import { bearerCredential } from '../http/index.ts';
import { loadSettings } from '../settings/settingsStorage.ts';
import { tokenFingerprint } from '../token/fingerprint.ts';
import { lazyModule } from '../ui/lazyModule.ts';

/**
 * The live session (react-oidc-context over oidc-client-ts) loads on demand: at once when the page
 * has a session to run, otherwise when the person signs in, so a first visit paints without it.
 */
export const liveSession = lazyModule(() => import('../auth/liveSession.tsx'));

/**
 * Whether this page load came with the provider's answer in the address bar: read before the early
 * callback tidies the address bar, so the page knows to show how that answer went.
 */
export const pageHadAuthResponse = authResponseInUrl();

/** The signed-in page's code (jose, zod, React Query, the inspector, Discovery). */
export const signedInView = lazyModule(() => import('./SignedInView.tsx').then((module) => module.SignedInView));

/**
 * Starts downloading the signed-in page's code and styles (listed in index.html by the build, see
 * vite.config.ts) without evaluating them, so that once the token is in hand only evaluation is
 * left. Styles apply at once: they only style the signed-in page's own elements.
 */
function preloadSignedInAssets(): void {
  const list = document.querySelector<HTMLMetaElement>('meta[name="evo-lab:signed-in-assets"]')?.content ?? '';
  for (const href of list.split(' ').filter(Boolean)) {
    const link = document.createElement('link');
    link.rel = href.endsWith('.css') ? 'stylesheet' : 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}

/**
 * On a page with the provider's answer in the address bar, before React has even loaded: fetches
 * the session code, exchanges the code the moment it is here (with the saved settings, which a
 * share link in the address bar does not change), asks Discovery the moment the token is in hand,
 * and only then fetches the signed-in page's code, so its evaluation overlaps Discovery's answer
 * instead of delaying the token's processing. Settles once Discovery is asked (or the callback is
 * refused or failed).
 */
export function startCallbackEarly(): Promise<void> | undefined {
  if (!pageHadAuthResponse || !appEnv.ok) return undefined;
  const { settings } = loadSettings(browserStorage('local'), appEnv.env);
  return new Promise<void>((resolve) => {
    const stop = onSessionEvent('signedIn', ({ user }) => {
      stop();
      performance.mark('evo-lab:token-in-hand');
      startDiscoveryEarly(
        bearerCredential(user.access_token, settings.discoveryUrl),
        tokenFingerprint(user.access_token),
      );
      signedInView.load().catch(() => undefined);
      resolve();
    });
    // Refused, stray or failed: settled too (the page explains it).
    liveSession
      .load()
      .then((module) => {
        performance.mark('evo-lab:session-code-evaluated');
        const exchanged = module.startCallback(settings);
        // The exchange is under way (its request goes to the provider, not this site): meanwhile
        // the signed-in page's code downloads, all of it at once rather than import by import.
        preloadSignedInAssets();
        return exchanged;
      })
      .catch(() => undefined)
      .finally(resolve);
  });
}
