import { useState } from 'react';
import { appBaseUrl, postLogoutRedirectUri, redirectUri } from '../auth/appUrls.ts';
import type { AppEnv } from '../config/env.ts';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { SettingsForm } from '../settings/SettingsForm.tsx';
import { shareLink } from '../settings/shareLink.ts';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { setStepMode, useStepMode } from '../walkthrough/stepMode.ts';

const setupGuide = lazyModule(() => import('../settings/SetupGuide.tsx').then((module) => module.SetupGuide));
const pastedTokenView = lazyModule(() => import('./PastedTokenView.tsx').then((module) => module.PastedTokenView));

/** The guide to registering an Evo app, loaded when a person asks for it. */
function SetupGuideSlot() {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <p className="guide-link">
        No client ID yet?{' '}
        <button type="button" className="button button-small" onClick={() => setOpen(true)}>
          How to register an Evo app
        </button>
      </p>
    );
  }
  return (
    <Loaded module={setupGuide} what="guide">
      {(SetupGuide) => <SetupGuide redirectUri={redirectUri()} postLogoutRedirectUri={postLogoutRedirectUri()} />}
    </Loaded>
  );
}

/** "Paste a token": loads the inspector only when a person asks for it. */
function PasteTokenSlot({ settings }: { settings: ConnectionSettings }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <section className="card" aria-labelledby="paste-heading">
        <h2 id="paste-heading">Already have a token?</h2>
        <p>
          Inspect an access token you got elsewhere (a service app&apos;s client-credentials token, a colleague&apos;s
          test token) and call Discovery with it, without signing in here.
        </p>
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Paste a token
        </button>
      </section>
    );
  }
  return (
    <Loaded module={pastedTokenView} what="token inspector">
      {(PastedTokenView) => <PastedTokenView discoveryUrl={settings.discoveryUrl} />}
    </Loaded>
  );
}

interface SignedOutViewProps {
  env: AppEnv;
  settings: ConnectionSettings;
  onSaveSettings: (settings: ConnectionSettings) => void;
  onSignIn: () => void;
}

/** The signed-out page: where to sign in and with what, then how to get a client ID or a token. */
export function SignedOutView({ env, settings, onSaveSettings, onSignIn }: SignedOutViewProps) {
  const stepMode = useStepMode();
  return (
    <>
      <section className="card intro" aria-labelledby="intro-heading">
        <h2 id="intro-heading">Sign in to Seequent Evo, step by step</h2>
        <p>
          Choose where to sign in and which scopes to ask for, then sign in. This page is a public client: it sends you
          to the identity provider with a PKCE challenge, gets an authorization code back, swaps it for an access token,
          and shows you what that token holds and which Evo instances it opens.
        </p>
      </section>
      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Connection</h2>
        <SettingsForm
          key={JSON.stringify(settings)}
          env={env}
          saved={settings}
          onSave={onSaveSettings}
          redirectUri={redirectUri()}
          shareLink={shareLink(settings, appBaseUrl())}
        >
          {({ dirty, errors }) => {
            const blocking = Object.values(errors);
            return (
              <div className="sign-in-row">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={dirty || blocking.length > 0}
                  onClick={onSignIn}
                >
                  Sign in
                </button>
                <label className="step-mode">
                  <input
                    type="checkbox"
                    checked={stepMode}
                    onChange={(event) => setStepMode(event.target.checked)}
                  />{' '}
                  Step mode: pause before leaving for the identity provider
                </label>
                <p className="muted" aria-live="polite">
                  {dirty
                    ? 'Save your changes to sign in with them.'
                    : blocking.length > 0
                      ? `Fix the saved settings to sign in: ${blocking[0]}`
                      : `Requests: ${requestedScopes(settings.scopes).join(' ')}`}
                </p>
              </div>
            );
          }}
        </SettingsForm>
      </section>
      <SetupGuideSlot />
      <PasteTokenSlot settings={settings} />
    </>
  );
}
