import type { User, UserManager } from 'oidc-client-ts';
import { decodeAccessToken } from '../token/decodeAccessToken.ts';
import { digest } from './renewal.ts';

/*
 * Sign-out in one tab ends the session in the others of this browser at once. A duplicated tab
 * holds a copy of the session (Chrome copies sessionStorage); after a sign-out its refresh token
 * is revoked and the provider's session is gone, so it must not go on showing a dead token. The
 * message names the session by a one-way digest (authority, client, subject), never a token.
 */

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('evo-sign-in-lab:session') : undefined;

function sessionName(manager: UserManager, user: Pick<User, 'access_token'>): Promise<string> {
  // No ID token: the person is named by the access token's subject.
  const decoded = decodeAccessToken(user.access_token);
  const sub = decoded.kind === 'jwt' && typeof decoded.claims.sub === 'string' ? decoded.claims.sub : user.access_token;
  return digest(`${manager.settings.authority}|${manager.settings.client_id}|${sub}`);
}

/** Tells the other tabs this session was signed out here. */
export async function announceSignOut(manager: UserManager): Promise<void> {
  const user = await manager.getUser();
  if (user && channel) channel.postMessage({ signedOut: await sessionName(manager, user) });
}

/** Calls `onSignedOut` when another tab signs this session out; returns the unsubscribe. */
export function onSignOutElsewhere(manager: UserManager, user: User, onSignedOut: () => void): () => void {
  if (!channel) return () => undefined;
  const mine = sessionName(manager, user);
  const listener = (event: MessageEvent) => {
    const data = event.data as { signedOut?: unknown } | null;
    if (typeof data?.signedOut !== 'string') return;
    const theirs = data.signedOut;
    void mine.then((name) => {
      if (name === theirs) onSignedOut();
    });
  };
  channel.addEventListener('message', listener);
  return () => channel.removeEventListener('message', listener);
}
