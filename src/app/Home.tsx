import { useEffect, useState } from 'react';
import { hasAuthParams, useAuth } from 'react-oidc-context';
import { appBaseUrl, cleanCallbackUrl, postLogoutRedirectUri, redirectUri } from '../auth/appUrls.ts';
import { describeAuthError } from '../auth/describeAuthError.ts';
import { dismissSigninCallback, useSigninCallback } from '../auth/earlySigninCallback.ts';
import { useAutomaticRenewal } from '../auth/useAutomaticRenewal.ts';
import { useSignIn } from '../auth/useSignIn.ts';
import type { AppEnv } from '../config/env.ts';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { SettingsForm } from '../settings/SettingsForm.tsx';
import { shareLink } from '../settings/shareLink.ts';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { Notice } from '../ui/Notice.tsx';
import { saveFlow } from '../walkthrough/flowRecord.ts';
import { setStepMode, stepModeOn, usePausedSignIn } from '../walkthrough/recordingNavigator.ts';
import { useRecordRenewals } from '../walkthrough/useRecordRenewals.ts';
import type { SignedInViewProps } from './SignedInView.tsx';

// Everything only a signed-in person needs (jose, zod, React Query, the inspector, Discovery)
// loads on demand. A page that is a sign-in callback starts loading it at once, in parallel with
// the token exchange, instead of after it.
const signedInView = lazyModule(() => import('./SignedInView.tsx').then((module) => module.SignedInView));
if (hasAuthParams()) signedInView.load().catch(() => undefined);

const setupGuide = lazyModule(() => import('../settings/SetupGuide.tsx').then((module) => module.SetupGuide));

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

const flowTimeline = lazyModule(() => import('../walkthrough/FlowTimeline.tsx').then((module) => module.FlowTimeline));

/** Step mode's stop before leaving: steps 1 and 2 of this very sign-in, and a way on. */
function PausedSignIn({ url, resume }: { url: string; resume: () => void }) {
  return (
    <>
      <Notice
        tone="info"
        title="Step mode: paused before leaving for the identity provider"
        actions={
          <button type="button" className="button button-primary" onClick={resume}>
            Continue to sign-in
          </button>
        }
      >
        <p>
          The library has built the request below and stored its PKCE verifier in this tab. Read steps 1 and 2, then
          continue to <code>{new URL(url).origin}</code>.
        </p>
      </Notice>
      <Loaded module={flowTimeline} what="walkthrough">
        {(FlowTimeline) => <FlowTimeline initiallyOpen />}
      </Loaded>
    </>
  );
}

const pastedTokenView = lazyModule(() => import('./PastedTokenView.tsx').then((module) => module.PastedTokenView));

/** "Paste a token": loads the inspector only when a person asks for it. */
function PasteTokenSlot({ discoveryUrl }: { discoveryUrl: string }) {
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
      {(PastedTokenView) => <PastedTokenView discoveryUrl={discoveryUrl} />}
    </Loaded>
  );
}

function SignedInSlot(props: SignedInViewProps) {
  return (
    <Loaded module={signedInView} what="token inspector" className="big-status">
      {(SignedInView) => <SignedInView {...props} />}
    </Loaded>
  );
}

interface HomeProps {
  env: AppEnv;
  settings: ConnectionSettings;
  onSaveSettings: (settings: ConnectionSettings) => void;
  storageNotice: string | undefined;
  /** Set when a share link replaced the person's settings, to put theirs back. */
  onUndoSharedSettings: (() => void) | undefined;
  onStartAgain: () => void;
}

function Header({ env, settings }: { env: AppEnv; settings: ConnectionSettings }) {
  return (
    <header className="app-header">
      <div>
        <h1>Evo Sign-in Lab</h1>
        <p className="tagline">
          OAuth 2.0 Authorization Code + PKCE with Bentley IMS, and what the token can do in Seequent Evo.
        </p>
      </div>
      <p className={`env-badge env-${settings.environment}`}>
        {env.presets[settings.environment].label}
        <span className="env-authority">{settings.authority}</span>
      </p>
    </header>
  );
}

/**
 * The page, by sign-in state: navigating, signed in (also while a renewal runs, so the page never
 * blanks), loading, error, signed out.
 */
export function Home({ env, settings, onSaveSettings, storageNotice, onUndoSharedSettings, onStartAgain }: HomeProps) {
  const auth = useAuth();
  useAutomaticRenewal();
  const paused = usePausedSignIn();
  useRecordRenewals();
  const [stepMode, setStepModeState] = useState(stepModeOn);

  useEffect(() => {
    // Signing out (either way) removes the user: the walkthrough of that session goes with it.
    const forget = () => saveFlow(undefined);
    auth.events.addUserUnloaded(forget);
    return () => auth.events.removeUserUnloaded(forget);
  }, [auth.events]);
  const callback = useSigninCallback();
  const signIn = useSignIn(settings);

  useEffect(() => {
    // A failed callback (?error=...&state=...) leaves its parameters behind: remove them too.
    if (auth.error) cleanCallbackUrl();
  }, [auth.error]);

  let body;
  if (paused) {
    body = <PausedSignIn url={paused.url} resume={paused.resume} />;
  } else if (auth.activeNavigator === 'signinRedirect') {
    body = (
      <p role="status" className="big-status">
        Taking you to the identity provider…
      </p>
    );
  } else if (auth.activeNavigator === 'signoutRedirect') {
    body = (
      <p role="status" className="big-status">
        Signing you out…
      </p>
    );
  } else if (callback.status === 'pending') {
    body = (
      <p role="status" className="big-status">
        Finishing sign-in: exchanging the authorization code for tokens…
      </p>
    );
  } else if (auth.isAuthenticated && auth.user) {
    const refused = callback.status === 'failed' ? describeAuthError(callback.error, settings.authority) : undefined;
    body = (
      <>
        {refused ? (
          <Notice
            tone="warning"
            title="A sign-in answer in the address bar was refused"
            actions={
              <button type="button" className="button" onClick={dismissSigninCallback}>
                Dismiss
              </button>
            }
          >
            <p>
              {refused.title}. {refused.detail}
            </p>
            <p>You are still signed in with your earlier session.</p>
          </Notice>
        ) : null}
        <SignedInSlot user={auth.user} settings={settings} />
      </>
    );
  } else if (auth.isLoading) {
    body = (
      <p role="status" className="big-status">
        Checking your session…
      </p>
    );
  } else {
    const failure = callback.status === 'failed' ? callback.error : auth.error;
    const problem = failure ? describeAuthError(failure, settings.authority) : undefined;
    const expiredUser = auth.user?.expired ? auth.user : undefined;
    body = (
      <>
        {problem ? (
          <Notice
            tone="error"
            title={problem.title}
            actions={
              <button
                type="button"
                className="button"
                onClick={() => {
                  dismissSigninCallback();
                  onStartAgain();
                }}
              >
                Dismiss
              </button>
            }
          >
            <p>
              {problem.detail}
              {problem.code ? (
                <>
                  {' '}
                  (<code>{problem.code}</code>)
                </>
              ) : null}
            </p>
            <p>
              <strong>What to do:</strong> {problem.action}
            </p>
          </Notice>
        ) : null}
        {expiredUser ? (
          <Notice tone="info" title="Your session has ended">
            <p>
              The access token expired{expiredUser.refresh_token ? '' : ' and there is no refresh token to renew it'}.
              Sign in again to continue.
            </p>
          </Notice>
        ) : null}
        {storageNotice ? (
          <Notice
            tone={onUndoSharedSettings ? 'info' : 'warning'}
            title="Settings"
            actions={
              onUndoSharedSettings ? (
                <button type="button" className="button" onClick={onUndoSharedSettings}>
                  Use my own settings instead
                </button>
              ) : undefined
            }
          >
            <p>{storageNotice}</p>
          </Notice>
        ) : null}
        <section className="card intro" aria-labelledby="intro-heading">
          <h2 id="intro-heading">Sign in to Seequent Evo, step by step</h2>
          <p>
            Choose where to sign in and which scopes to ask for, then sign in. This page is a public client: it sends
            you to the identity provider with a PKCE challenge, gets an authorization code back, swaps it for an access
            token, and shows you what that token holds and which Evo instances it opens.
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
                    onClick={() => void signIn()}
                  >
                    Sign in
                  </button>
                  <label className="step-mode">
                    <input
                      type="checkbox"
                      checked={stepMode}
                      onChange={(event) => {
                        setStepMode(event.target.checked);
                        setStepModeState(event.target.checked);
                      }}
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
        <PasteTokenSlot discoveryUrl={settings.discoveryUrl} />
      </>
    );
  }

  return (
    <div className="page">
      <Header env={env} settings={settings} />
      <main>{body}</main>
      <footer className="app-footer">
        {settings.tokenStorage === 'memory'
          ? 'Tokens stay in this page’s memory only'
          : 'Tokens stay in this tab’s session storage'}{' '}
        and are never logged or put in a URL. Settings (never tokens) are saved in this browser.
      </footer>
    </div>
  );
}
