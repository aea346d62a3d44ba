// The bare minimum the app is measured against: oidc-client-ts doing Authorization Code + PKCE,
// then one fetch to Discovery. No React, no UI. The benchmark builds it with the same sandbox
// addresses as the app and reports the app's timings as a ratio of these.
import { discoveryUrl, manager } from '../signInManager.ts';
import { markSignInPress, rememberSignInPress } from '../signInPress.ts';

markSignInPress();

const signInButton = document.getElementById('sign-in') as HTMLButtonElement;
signInButton.addEventListener('click', (event) => {
  rememberSignInPress(event);
  void manager.signinRedirect();
});

async function afterCallback(): Promise<void> {
  const user = await manager.signinCallback();
  if (!user) return;
  history.replaceState(null, '', '/');
  const token = document.getElementById('token')!;
  token.textContent = `token for ${user.scopes.join(' ')}`;
  token.hidden = false;
  const response = await fetch(`${discoveryUrl}/evo/identity/v2/discovery?service=evo`, {
    headers: { Authorization: `Bearer ${user.access_token}` },
  });
  const body = (await response.json()) as { discovery: { organizations: unknown[] } };
  const discovery = document.getElementById('discovery')!;
  discovery.textContent = `${body.discovery.organizations.length} instances`;
  discovery.hidden = false;
}

if (new URLSearchParams(location.search).has('code')) void afterCallback();
