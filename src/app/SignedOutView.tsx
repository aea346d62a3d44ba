import { useCallback, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { exchanges, subscribeExchanges } from '../http/index.ts';
import { appBaseUrl, postLogoutRedirectUri, redirectUri } from '../auth/appUrls.ts';
import type { AppEnv } from '../config/env.ts';
import { requestedScopes } from '../config/scopes.ts';
import { expectedConnection, type ConnectionSettings, type SettingsErrors } from '../settings/connectionSettings.ts';
import { SettingsForm } from '../settings/SettingsForm.tsx';
import { shareLink } from '../settings/shareLink.ts';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { useEscape } from '../ui/useEscape.ts';
import { setStepMode, useStepMode } from '../walkthrough/stepMode.ts';
import { rememberSignInPress } from './signInPress.ts';

const setupGuide = lazyModule(() => import('../settings/SetupGuide.tsx').then((module) => module.SetupGuide));
const pastedTokenView = lazyModule(() => import('./PastedTokenView.tsx').then((module) => module.PastedTokenView));

/** The guide to registering an Evo app, loaded when a person asks for it; Close or Escape folds it away. */
function SetupGuideSlot() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    // Back to where the person was: the button that opened the guide.
    requestAnimationFrame(() => opener.current?.focus());
  }, []);
  useEscape(close, open);
  if (!open) {
    return (
      <p className="guide-link">
        No client ID yet?{' '}
        <button ref={opener} type="button" className="button button-small" onClick={() => setOpen(true)}>
          How to register an Evo app
        </button>
      </p>
    );
  }
  return (
    <Loaded module={setupGuide} what="guide">
      {(SetupGuide) => (
        <SetupGuide redirectUri={redirectUri()} postLogoutRedirectUri={postLogoutRedirectUri()} onClose={close} />
      )}
    </Loaded>
  );
}

const exchangeLogPanel = lazyModule(() =>
  import('../console/ExchangeLogPanel.tsx').then((module) => module.ExchangeLogPanel),
);

/**
 * This tab's exchanges, when it made any: after a sign-out, the end-session redirect only (carried
 * across it with its secrets dropped; the session's own exchanges, the revocation requests among
 * them, were cleared when it ended). Loaded when opened.
 */
function TabExchanges() {
  const count = useSyncExternalStore(subscribeExchanges, () => exchanges().length);
  const [open, setOpen] = useState(false);
  if (count === 0) return null;
  return (
    <section className="card" aria-labelledby="tab-exchanges-heading">
      <div className="card-heading">
        <h2 id="tab-exchanges-heading">This tab&apos;s exchanges</h2>
        <button type="button" className="button button-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide them' : `Show ${count === 1 ? 'the exchange' : `all ${count}`}`}
        </button>
      </div>
      {open ? (
        <Loaded module={exchangeLogPanel} what="exchange log">
          {(ExchangeLogPanel) => <ExchangeLogPanel />}
        </Loaded>
      ) : null}
    </section>
  );
}

/** The pasted-token inspector, loaded when a person asks for it. */
function PastedToken({ settings, env }: { settings: ConnectionSettings; env: AppEnv }) {
  return (
    <Loaded module={pastedTokenView} what="token inspector">
      {(PastedTokenView) => (
        <PastedTokenView discoveryUrl={settings.discoveryUrl} expected={expectedConnection(settings, env)} />
      )}
    </Loaded>
  );
}

interface SignedOutViewProps {
  env: AppEnv;
  settings: ConnectionSettings;
  onSaveSettings: (settings: ConnectionSettings) => void;
  onSignIn: () => void;
  /** Why the last sign-in failed: shown right under the Sign in button, where the person is. */
  problem?: ReactNode;
}

/** The signed-out page: the two actions first (sign in, or paste a token), then where and with what. */
export function SignedOutView({ env, settings, onSaveSettings, onSignIn, problem }: SignedOutViewProps) {
  const stepMode = useStepMode();
  const [status, setStatus] = useState<{ dirty: boolean; errors: SettingsErrors }>({ dirty: false, errors: {} });
  const onStatus = useCallback((next: { dirty: boolean; errors: SettingsErrors }) => setStatus(next), []);
  const [pasting, setPasting] = useState(false);
  const blocking = Object.values(status.errors);
  return (
    <>
      <section className="card intro" aria-labelledby="intro-heading">
        <h2 id="intro-heading">Sign in to Seequent Evo, step by step</h2>
        <p>
          This page is a public client: it sends you to the identity provider with a PKCE challenge, gets an
          authorization code back, swaps it for an access token, and shows you what that token holds and which Evo
          instances it opens. The connection below says where and with which scopes.
        </p>
        <div className="sign-in-row">
          <button
            type="button"
            className="button button-primary"
            disabled={status.dirty || blocking.length > 0}
            onClick={(event) => {
              // With memory only, nothing but the library's pending sign-in is written: no press time either.
              if (settings.tokenStorage !== 'memory') rememberSignInPress(event);
              onSignIn();
            }}
          >
            Sign in
          </button>
          <label className="step-mode">
            <input type="checkbox" checked={stepMode} onChange={(event) => setStepMode(event.target.checked)} /> Step
            mode: pause before leaving for the identity provider
          </label>
          <p className="muted" aria-live="polite">
            {status.dirty
              ? 'Save your changes to sign in with them.'
              : blocking.length > 0
                ? `Fix the saved settings to sign in: ${blocking[0]}`
                : `Requests: ${requestedScopes(settings.scopes).join(' ')}`}
          </p>
        </div>
        {problem}
        <p className="paste-line">
          Already have a token (a service app&apos;s, a colleague&apos;s test token)?{' '}
          <button
            type="button"
            className="button button-small"
            aria-expanded={pasting}
            onClick={() => setPasting(true)}
          >
            Paste a token
          </button>
        </p>
      </section>
      {pasting ? <PastedToken settings={settings} env={env} /> : null}
      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Connection</h2>
        <SettingsForm
          key={JSON.stringify(settings)}
          env={env}
          saved={settings}
          onSave={onSaveSettings}
          onStatus={onStatus}
          redirectUri={redirectUri()}
          shareLink={shareLink(settings, appBaseUrl())}
        />
      </section>
      <SetupGuideSlot />
      <TabExchanges />
    </>
  );
}
