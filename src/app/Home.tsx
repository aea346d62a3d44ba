import type { ReactNode } from 'react';
import type { Session, SessionActions } from '../auth/session.ts';
import type { AppEnv } from '../config/env.ts';
import { expectedConnection, type ConnectionSettings } from '../settings/connectionSettings.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { useEscape } from '../ui/useEscape.ts';
import { Notice } from '../ui/Notice.tsx';
import { signedInView } from './liveSessionModule.ts';
import { usePausedSignIn } from '../walkthrough/stepMode.ts';
import { ProblemNotice, SessionEndedNotice, SignedOutNotice, StrayCallbackNotice } from './SessionNotices.tsx';
import { SignedOutView } from './SignedOutView.tsx';

/** Renewal's notice: signed-in pages only (a token that expired while the page was closed among them). */
const renewalNotice = lazyModule(() => import('./RenewalNotice.tsx').then((module) => module.RenewalNotice));

// Everything only a signed-in person needs (jose, zod, React Query, the inspector, Discovery)
// loads on demand; a sign-in callback page loads it during the token exchange (liveSessionModule.ts).
const flowTimeline = lazyModule(() => import('../walkthrough/FlowTimeline.tsx').then((module) => module.FlowTimeline));

function Status({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="big-status">
      {children}
    </p>
  );
}

/** Step mode's stop before leaving: steps 1 and 2 of this very sign-in, and a way on or back. */
function PausedSignIn({ url, resume, cancel }: { url: string; resume: () => void; cancel: () => void }) {
  // Escape is Cancel, as in any dialog.
  useEscape(cancel);
  return (
    <>
      <Notice
        tone="info"
        focus
        title="Step mode: paused before leaving for the identity provider"
        actions={
          <>
            <button type="button" className="button button-primary" onClick={resume}>
              Continue to sign-in
            </button>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </>
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

interface HomeProps {
  env: AppEnv;
  settings: ConnectionSettings;
  session: Session;
  actions: SessionActions;
  onSaveSettings: (settings: ConnectionSettings) => void;
  /** Notices about the settings (storage refused, a share link waiting for confirmation). */
  settingsNotices: ReactNode;
  onStartAgain: () => void;
}

const STEP_WORDS = {
  redirecting: 'Taking you to the identity provider…',
  'signing-out': 'Signing you out…',
  exchanging: 'Finishing sign-in: exchanging the authorization code for tokens…',
  checking: 'Checking your session…',
  'handed-over': 'Signed in: this window hands the answer back to the page that opened it and closes.',
};

/** The page: one session, rendered by its phase. */
export function Home({ env, settings, session, actions, onSaveSettings, settingsNotices, onStartAgain }: HomeProps) {
  const paused = usePausedSignIn();
  const dismiss = () => {
    actions.dismiss();
    onStartAgain();
  };

  let body: ReactNode;
  if (paused) {
    body = <PausedSignIn {...paused} />;
  } else if (session.phase === 'signing-in') {
    body = <Status>{STEP_WORDS[session.step]}</Status>;
  } else if (session.phase === 'renewing-expired') {
    body = (
      <>
        <Status>
          Your access token expired while this page was closed: renewing it with the refresh token…
        </Status>
        {session.renewal ? (
          <Loaded module={renewalNotice} what="renewal notice">
            {(RenewalNotice) => (
              <RenewalNotice
                status={session.renewal!}
                expiresAt={session.expiredAt ?? new Date(0)}
                onSignIn={() => void actions.signIn()}
              />
            )}
          </Loaded>
        ) : null}
      </>
    );
  } else if (session.phase === 'signed-in' || session.phase === 'renewing') {
    body = (
      <>
        {session.refusedCallback ? (
          <Notice
            tone="warning"
            title="A sign-in answer in the address bar was refused"
            actions={
              <button type="button" className="button" onClick={actions.dismiss}>
                Dismiss
              </button>
            }
          >
            <p>
              {session.refusedCallback.title}. {session.refusedCallback.detail}
            </p>
            <p>You are still signed in with your earlier session.</p>
          </Notice>
        ) : null}
        <Loaded module={signedInView} what="token inspector" className="big-status">
          {(SignedInView) => (
            <SignedInView
              session={session}
              actions={actions}
              settings={settings}
              expected={expectedConnection(settings, env)}
            />
          )}
        </Loaded>
      </>
    );
  } else {
    body = (
      <>
        {session.phase === 'signed-out' && session.stray ? (
          <StrayCallbackNotice onSignIn={() => void actions.signIn()} onDismiss={actions.dismiss} />
        ) : null}
        {session.phase === 'signed-out' && session.signedOut ? <SignedOutNotice outcome={session.signedOut} /> : null}
        {session.phase === 'signed-out' ? (
          <SessionEndedNotice ended={session.ended} elsewhere={session.signedOutElsewhere} />
        ) : null}
        {session.phase === 'signed-out' && session.expired && !session.ended && !session.signedOutElsewhere ? (
          <Notice tone="info" title="Your session has ended">
            <p>
              The access token expired
              {session.expired.hadRefreshToken ? '' : ' and there is no refresh token to renew it'}. Sign in again to
              continue.
            </p>
          </Notice>
        ) : null}
        <SignedOutView
          env={env}
          settings={settings}
          onSaveSettings={onSaveSettings}
          onSignIn={() => void actions.signIn()}
          problem={session.phase === 'failed' ? <ProblemNotice problem={session.problem} onDismiss={dismiss} /> : null}
        />
      </>
    );
  }

  return (
    <div className="page">
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
      <main>
        {settingsNotices}
        <ErrorBoundary what="page" key={session.phase === 'renewing' ? 'signed-in' : session.phase}>
          {body}
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        {settings.tokenStorage === 'memory'
          ? 'Tokens stay in this page’s memory only'
          : 'Tokens stay in this tab’s session storage'}{' '}
        and are never logged or put in a URL. Settings (never tokens) are saved in this browser.
      </footer>
    </div>
  );
}
