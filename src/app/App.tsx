import { useEffect, useState } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { cleanCallbackUrl } from '../auth/appUrls.ts';
import { startSigninCallback } from '../auth/earlySigninCallback.ts';
import { connectionKey, userManagerFor } from '../auth/userManager.ts';
import { appEnv, type AppEnv } from '../config/env.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { readShareLink } from '../settings/shareLink.ts';
import { loadSettings, saveSettings } from '../settings/settingsStorage.ts';
import { ConfigErrorScreen } from './ConfigErrorScreen.tsx';
import { Home } from './Home.tsx';

/** A return from the provider's end-session endpoint carries only our `state`. */
function isSignoutCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && !params.has('code') && !params.has('error');
}

interface SettingsState {
  settings: ConnectionSettings;
  /** The person's own settings, when a share link has just replaced them. */
  previous?: ConnectionSettings;
  notice?: string;
}

/**
 * Applies the settings a share link in the address bar carries, over `current`. Called when the
 * page opens and when the fragment changes (a link pasted into a tab already showing the app).
 */
function applySharedLink(env: AppEnv, current: SettingsState): SettingsState {
  const shared = readShareLink(window.location.hash, env);
  if (shared.kind === 'none') return current;
  // The fragment has done its job; keep it out of bookmarks and history.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  if (shared.kind === 'unreadable') {
    return {
      ...current,
      notice:
        'The shared link’s settings could not be read (the link may be cut short). Your own settings are unchanged.',
    };
  }
  saveSettings(window.localStorage, shared.settings);
  return {
    settings: shared.settings,
    previous: current.previous ?? current.settings,
    notice: shared.complete
      ? 'Settings from a shared link were applied. Check them below before you sign in.'
      : 'Settings from a shared link were applied, but some were missing and have their defaults. Check them below.',
  };
}

function ConnectedApp({ env }: { env: AppEnv }) {
  const [state, setState] = useState<SettingsState>(() => {
    const initial = applySharedLink(env, loadSettings(window.localStorage, env));
    // A sign-in callback page swaps its code for tokens now, while React starts.
    startSigninCallback(userManagerFor(initial.settings));
    return initial;
  });
  const { settings, previous, notice } = state;
  // Bumped to start the auth state afresh (e.g. after dismissing a sign-in error).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const onHashChange = () => setState((current) => applySharedLink(env, current));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [env]);

  const save = (next: ConnectionSettings, savedNotice?: string) => {
    const saved = saveSettings(window.localStorage, next);
    setState({
      settings: next,
      notice: saved
        ? savedNotice
        : 'This browser refused to save the settings; they will last only until you close the page.',
    });
  };

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
        storageNotice={notice}
        onUndoSharedSettings={previous ? () => save(previous, 'Your own settings are back.') : undefined}
        onStartAgain={() => setAttempt((n) => n + 1)}
      />
    </AuthProvider>
  );
}

/** The app shell: the configuration check, then the auth provider, then the page. */
export function App() {
  return appEnv.ok ? <ConnectedApp env={appEnv.env} /> : <ConfigErrorScreen problems={appEnv.problems} />;
}
