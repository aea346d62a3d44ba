import { useEffect, useState, type ReactNode } from 'react';
import { connectionKey } from '../auth/connectionKey.ts';
import { liveSessionNeeded, sessionCodeNotLoaded, useIdleSession } from '../auth/idleSession.ts';
import type { Session, SessionActions } from '../auth/session.ts';
import { emitSessionEvent } from '../auth/sessionEvents.ts';
import { browserStorage, storageWorks } from '../config/browserStorage.ts';
import { appEnv, type AppEnv } from '../config/env.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { readShareLink } from '../settings/shareLink.ts';
import { loadSettings, saveSettings } from '../settings/settingsStorage.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { useLazyModule } from '../ui/lazyModule.ts';
import { Notice } from '../ui/Notice.tsx';
import { ConfigErrorScreen } from './ConfigErrorScreen.tsx';
import { Home } from './Home.tsx';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { liveSession, pageHadAuthResponse } from './liveSessionModule.ts';
import { SharedSettingsProposal } from './SharedSettingsProposal.tsx';

// Web app mode (the BFF in server/ holds the token): its page loads only when chosen.
const webAppHome = lazyModule(() => import('../bff/WebAppHome.tsx').then((module) => module.WebAppHome));

const NO_STORAGE =
  'This browser keeps no site data for this page (storage is blocked), so your settings and your session last only until you close or reload it. Signing in opens the identity provider in a small window, so that the PKCE verifier can stay in this page’s memory.';

interface SettingsState {
  settings: ConnectionSettings;
  /** Settings a share link proposes, until the person applies or declines them. */
  proposal?: { settings: ConnectionSettings; complete: boolean };
  notice?: string;
  /** Whether the page runs the live session (loaded at once) rather than the idle one. */
  live: boolean;
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
      live: pageHadAuthResponse || liveSessionNeeded(loaded.settings),
    });
    if (initial.live) void liveSession.load().catch(() => undefined);
    return initial;
  });
  const { settings, proposal, notice, live } = state;
  // Bumped to start the auth state afresh (e.g. after dismissing a sign-in error).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const onHashChange = () => setState((current) => readProposal(env, current));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [env]);

  const save = (next: ConnectionSettings) => {
    // Switching app type drops the tab's token too: the Web app holds none in the page.
    if (connectionKey(next) !== connectionKey(settings) || (next.appType ?? 'spa') !== (settings.appType ?? 'spa')) {
      // A session is bound to its connection: other settings are another session, never this
      // token sent to another host.
      liveSession.value?.forgetStoredUser(settings);
      emitSessionEvent('ended', { reason: 'connection-changed' });
    }
    const saved = saveSettings(browserStorage('local'), next);
    setState((current) => ({
      live: current.live,
      settings: next,
      notice: saved
        ? undefined
        : storageWorks()
          ? 'This browser refused to save the settings; they will last only until you close the page.'
          : NO_STORAGE,
    }));
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

  const page = ({ session, actions }: { session: Session; actions: SessionActions }) => (
    <Home
      env={env}
      settings={settings}
      session={session}
      actions={actions}
      onSaveSettings={save}
      settingsNotices={notices}
      onStartAgain={() => setAttempt((n) => n + 1)}
    />
  );
  if (settings.appType === 'web') {
    return (
      <Loaded module={webAppHome} what="Web app page" className="big-status">
        {(WebAppHome) => <WebAppHome env={env} settings={settings} onSaveSettings={save} settingsNotices={notices} />}
      </Loaded>
    );
  }
  return live ? (
    <LiveSessionLoader settings={settings} attempt={attempt}>
      {page}
    </LiveSessionLoader>
  ) : (
    <IdleSession settings={settings}>{page}</IdleSession>
  );
}

type PageWithSession = (value: { session: Session; actions: SessionActions }) => ReactNode;

/** The live session, once its code is here; until then the page says it is checking. */
function LiveSessionLoader({
  settings,
  attempt,
  children,
}: {
  settings: ConnectionSettings;
  attempt: number;
  children: PageWithSession;
}) {
  const { value: module, error } = useLazyModule(liveSession);
  if (module) {
    return (
      <module.LiveSession settings={settings} attempt={attempt}>
        {children}
      </module.LiveSession>
    );
  }
  const session: Session = error
    ? {
        phase: 'failed',
        problem: sessionCodeNotLoaded('runs your session', 'Reload the page; your settings are kept.'),
      }
    : { phase: 'signing-in', step: 'checking' };
  const wait = () => Promise.resolve();
  return children({
    session,
    actions: { signIn: wait, renew: wait, signOut: wait, forget: wait, dismiss: () => window.location.reload() },
  });
}

/** A signed-out first visit: the live session loads when the person signs in (and, idle, before). */
function IdleSession({ settings, children }: { settings: ConnectionSettings; children: PageWithSession }) {
  const value = useIdleSession(settings, () => liveSession.load());
  useEffect(() => {
    // Fetched once the page is idle, with the provider's metadata, so pressing Sign in waits for
    // neither.
    const preload = () =>
      void liveSession
        .load()
        .then((module) => module.prefetchMetadata(settings))
        .catch(() => undefined);
    if ('requestIdleCallback' in window) {
      const handle = window.requestIdleCallback(preload, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(preload, 1000);
    return () => clearTimeout(timer);
  }, [settings]);
  return children(value);
}

/** The app shell: the configuration check, then the auth provider, then the page. */
export function App() {
  return (
    <ErrorBoundary what="app">
      {appEnv.ok ? <ConnectedApp env={appEnv.env} /> : <ConfigErrorScreen problems={appEnv.problems} />}
    </ErrorBoundary>
  );
}
