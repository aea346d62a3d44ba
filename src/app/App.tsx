import { useEffect, useState } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { cleanCallbackUrl } from '../auth/appUrls.ts';
import { emitSessionEvent } from '../auth/sessionEvents.ts';
import { startSigninCallback } from '../auth/signinCallback.ts';
import { connectionKey, userManagerFor } from '../auth/userManager.ts';
import { browserStorage, storageWorks } from '../config/browserStorage.ts';
import { appEnv, type AppEnv } from '../config/env.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { readShareLink } from '../settings/shareLink.ts';
import { loadSettings, saveSettings } from '../settings/settingsStorage.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { Notice } from '../ui/Notice.tsx';
import { recordSessions } from '../walkthrough/recordSession.ts';
import { installStepModeGate } from '../walkthrough/stepMode.ts';
import { ConfigErrorScreen } from './ConfigErrorScreen.tsx';
import { Home } from './Home.tsx';
import { SharedSettingsProposal } from './SharedSettingsProposal.tsx';

// The shell wires the features to the session: they listen to its events; it knows none of them.
recordSessions();
installStepModeGate();

/** A return from the provider's end-session endpoint carries only our `state`. */
function isSignoutCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && !params.has('code') && !params.has('error');
}

const NO_STORAGE =
  'This browser keeps no site data for this page (storage is blocked), so your settings and your session last only until you close or reload it. Signing in opens the identity provider in a small window, so that the PKCE verifier can stay in this page’s memory.';

interface SettingsState {
  settings: ConnectionSettings;
  /** Settings a share link proposes, until the person applies or declines them. */
  proposal?: { settings: ConnectionSettings; complete: boolean };
  notice?: string;
}

/**
 * Reads a share link in the address bar into a proposal (nothing is applied or saved yet), and
 * removes it from the address bar. Called when the page opens and when the fragment changes.
 */
function readProposal(env: AppEnv, current: SettingsState): SettingsState {
  const shared = readShareLink(window.location.hash, env);
  if (shared.kind === 'none') return current;
  // The fragment has done its job; keep it out of bookmarks and history.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  if (shared.kind === 'unreadable') {
    return {
      ...current,
      proposal: undefined,
      notice:
        'The shared link’s settings could not be read (the link may be cut short). Your own settings are unchanged.',
    };
  }
  return { ...current, proposal: { settings: shared.settings, complete: shared.complete } };
}

function ConnectedApp({ env }: { env: AppEnv }) {
  const [state, setState] = useState<SettingsState>(() => {
    const loaded = loadSettings(browserStorage('local'), env);
    const initial = readProposal(env, {
      settings: loaded.settings,
      notice: storageWorks() ? loaded.notice : NO_STORAGE,
    });
    // A sign-in callback page swaps its code for tokens now, while React starts.
    startSigninCallback(userManagerFor(initial.settings));
    return initial;
  });
  const { settings, proposal, notice } = state;
  // Bumped to start the auth state afresh (e.g. after dismissing a sign-in error).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const onHashChange = () => setState((current) => readProposal(env, current));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [env]);

  const save = (next: ConnectionSettings) => {
    if (connectionKey(next) !== connectionKey(settings)) {
      // A session is bound to its connection: other settings are another session, never this
      // token sent to another host.
      void userManagerFor(settings).removeUser();
      emitSessionEvent('ended', { reason: 'connection-changed' });
    }
    const saved = saveSettings(browserStorage('local'), next);
    setState({
      settings: next,
      notice: saved
        ? undefined
        : storageWorks()
          ? 'This browser refused to save the settings; they will last only until you close the page.'
          : NO_STORAGE,
    });
  };

  const notices = (
    <>
      {proposal ? (
        <SharedSettingsProposal
          env={env}
          current={settings}
          proposed={proposal.settings}
          complete={proposal.complete}
          onApply={() => save(proposal.settings)}
          onDecline={() => setState((current) => ({ ...current, proposal: undefined }))}
        />
      ) : null}
      {notice ? (
        <Notice tone="warning" title="Settings">
          <p>{notice}</p>
        </Notice>
      ) : null}
    </>
  );

  return (
    <AuthProvider
      key={`${connectionKey(settings)}#${attempt}`}
      userManager={userManagerFor(settings)}
      skipSigninCallback
      matchSignoutCallback={isSignoutCallback}
      onSignoutCallback={() => cleanCallbackUrl()}
    >
      <Home
        env={env}
        settings={settings}
        onSaveSettings={save}
        settingsNotices={notices}
        onStartAgain={() => setAttempt((n) => n + 1)}
      />
    </AuthProvider>
  );
}

/** The app shell: the configuration check, then the auth provider, then the page. */
export function App() {
  return (
    <ErrorBoundary what="app">
      {appEnv.ok ? <ConnectedApp env={appEnv.env} /> : <ConfigErrorScreen problems={appEnv.problems} />}
    </ErrorBoundary>
  );
}
