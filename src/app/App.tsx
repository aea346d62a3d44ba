import { useState } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { cleanCallbackUrl } from '../auth/appUrls.ts';
import { connectionKey, userManagerFor } from '../auth/userManager.ts';
import { appEnv, type AppEnv } from '../config/env.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { loadSettings, saveSettings } from '../settings/settingsStorage.ts';
import { ConfigErrorScreen } from './ConfigErrorScreen.tsx';
import { Home } from './Home.tsx';

/** A return from the provider's end-session endpoint carries only our `state`. */
function isSignoutCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  return params.has('state') && !params.has('code') && !params.has('error');
}

function ConnectedApp({ env }: { env: AppEnv }) {
  const [loaded] = useState(() => loadSettings(window.localStorage, env));
  const [settings, setSettings] = useState(loaded.settings);
  const [storageNotice, setStorageNotice] = useState(loaded.notice);
  // Bumped to start the auth state afresh (e.g. after dismissing a sign-in error).
  const [attempt, setAttempt] = useState(0);

  const save = (next: ConnectionSettings) => {
    setSettings(next);
    setStorageNotice(
      saveSettings(window.localStorage, next)
        ? undefined
        : 'This browser refused to save the settings; they will last only until you close the page.',
    );
  };

  return (
    <AuthProvider
      key={`${connectionKey(settings)}#${attempt}`}
      userManager={userManagerFor(settings)}
      onSigninCallback={() => cleanCallbackUrl()}
      matchSignoutCallback={isSignoutCallback}
      onSignoutCallback={() => cleanCallbackUrl()}
    >
      <Home
        env={env}
        settings={settings}
        onSaveSettings={save}
        storageNotice={storageNotice}
        onStartAgain={() => setAttempt((n) => n + 1)}
      />
    </AuthProvider>
  );
}

/** The app shell: the configuration check, then the auth provider, then the page. */
export function App() {
  return appEnv.ok ? <ConnectedApp env={appEnv.env} /> : <ConfigErrorScreen problems={appEnv.problems} />;
}
