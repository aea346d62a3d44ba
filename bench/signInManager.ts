// The sign-in both comparison pages make (bench/baseline and bench/react-reference), one copy, so
// they do exactly the same protocol work: oidc-client-ts, Authorization Code + PKCE, with the
// sandbox addresses the benchmark builds them with.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

export const discoveryUrl = import.meta.env.VITE_SANDBOX_DISCOVERY_URL as string;

export const manager = new UserManager({
  authority: import.meta.env.VITE_SANDBOX_AUTHORITY as string,
  client_id: 'evo-sandbox-spa',
  redirect_uri: `${location.origin}/signin-callback`,
  response_type: 'code',
  scope: 'evo.discovery evo.workspace',
  automaticSilentRenew: false,
  stateStore: new WebStorageStateStore({ store: sessionStorage }),
});
