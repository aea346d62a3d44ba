// The baseline's work (bench/baseline/main.ts) drawn by React instead of by hand: oidc-client-ts,
// one Discovery fetch, two lines on screen. No app. The benchmark measures it beside the app and
// the baseline, so its figures split the app's extra time into what React costs on the machine and
// what the app itself adds.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { discoveryUrl, manager } from '../signInManager.ts';
import { markSignInPress, rememberSignInPress } from '../signInPress.ts';

markSignInPress();

function Page() {
  const [token, setToken] = useState<string>();
  const [instances, setInstances] = useState<number>();
  useEffect(() => {
    if (!new URLSearchParams(location.search).has('code')) return;
    void (async () => {
      const user = await manager.signinCallback();
      if (!user) return;
      history.replaceState(null, '', '/');
      setToken(`token for ${user.scopes.join(' ')}`);
      const response = await fetch(`${discoveryUrl}/evo/identity/v2/discovery?service=evo`, {
        headers: { Authorization: `Bearer ${user.access_token}` },
      });
      const body = (await response.json()) as { discovery: { organizations: unknown[] } };
      setInstances(body.discovery.organizations.length);
    })();
  }, []);
  return (
    <>
      <button
        type="button"
        onClick={(event) => {
          rememberSignInPress(event);
          void manager.signinRedirect();
        }}
      >
        Sign in
      </button>
      {token ? <p id="token">{token}</p> : null}
      {instances === undefined ? null : <p id="discovery">{instances} instances</p>}
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
