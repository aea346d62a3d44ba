/**
 * The entry point. It wires the features to the session (they listen to its events; it knows none
 * of them), starts a sign-in callback's code exchange before React has loaded, then loads the app.
 * React, the page and its styles are one chunk the page preloads at once (scripts/check-budget.ts
 * counts it as first-paint code).
 */
import { recordPolicyViolations } from './config/contentSecurity.ts';
import { clearExchanges, forgetBearers, takeCarriedExchanges } from './http/index.ts';
import { startCallbackEarly } from './app/liveSessionModule.ts';
import { markSignInPress } from './app/signInPress.ts';
import { trickOn } from './config/speedTricks.ts';
import { forgetEarlyDiscovery } from './evo/earlyDiscovery.ts';
import { onSessionEvent } from './auth/sessionEvents.ts';
import { recordSessions } from './walkthrough/recordSession.ts';
import { installStepModeGate } from './walkthrough/stepMode.ts';

// Inside another page's frame the lab does not start (that page could overlay it and take clicks
// or a token): hosts send frame-ancestors 'none' (README "Security"), and this covers those that
// cannot set headers.
if (window.top !== window.self) {
  document.body.textContent = `Evo Sign-in Lab does not run inside a frame on another page. Open ${location.origin}${location.pathname} in its own tab.`;
  throw new Error('Evo Sign-in Lab refuses to run inside a frame.');
}

// The callback path's steps as User Timing marks: they show in a browser's performance panel, and
// `npm run bench` prints where a callback page's time goes from them.
markSignInPress();
performance.mark('evo-lab:entry-evaluated');
recordPolicyViolations();
takeCarriedExchanges();
recordSessions();
installStepModeGate();
onSessionEvent('ended', forgetEarlyDiscovery);
onSessionEvent('ended', forgetBearers);
// Forget, sign-out or another connection: the log's entries go too, so no "Reveal" can show the
// old tokens, code or verifier (the revocation requests of a sign-out among them).
onSessionEvent('ended', clearExchanges);
// The app's code is already downloading (a modulepreload link in index.html, see vite.config.ts);
// on a callback page it is evaluated once Discovery is asked, so its long first task does not hold
// up the token's processing. Never later than 150 ms, though: the page must say what happens.
const discoveryAsked = trickOn('early-exchange') ? startCallbackEarly() : undefined;
const loadApp = () =>
  void import('./main.tsx').then(({ renderApp }) => {
    performance.mark('evo-lab:app-code-evaluated');
    renderApp();
  });
if (discoveryAsked)
  void Promise.race([discoveryAsked, new Promise((resolve) => setTimeout(resolve, 150))]).then(loadApp);
else loadApp();
