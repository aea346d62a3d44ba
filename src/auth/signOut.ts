import type { UserManager } from 'oidc-client-ts';
import { redactSecrets } from '../ui/redact.ts';
import { isNetworkFailure } from './describeAuthError.ts';
import { emitSessionEvent } from './sessionEvents.ts';
import { announceSignOut } from './tabSignOut.ts';
import { keepSignOutNote, type RevocationOutcome, type TokenRevocation } from './signOutNote.ts';

export type { RevocationOutcome, TokenRevocation };

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (isNetworkFailure(message)) {
    return 'the revocation endpoint could not be reached';
  }
  return redactSecrets(message) || 'the provider refused the request';
}

async function revokeOne(manager: UserManager, type: 'refresh_token' | 'access_token'): Promise<TokenRevocation> {
  const user = await manager.getUser();
  if (typeof user?.[type] !== 'string') return { status: 'absent' };
  try {
    await manager.revokeTokens([type]);
    return { status: 'accepted' };
  } catch (error) {
    return { status: 'failed', reason: reasonOf(error) };
  }
}

/**
 * RFC 7009 from the browser, as a public client (oidc-client-ts sends `client_id`): the refresh
 * token first, as it is what keeps minting access tokens, then the access token, each on its own,
 * so that a provider unable to revoke a self-contained JWT access token still revokes the rest.
 */
export async function revokeTokens(manager: UserManager): Promise<RevocationOutcome> {
  const user = await manager.getUser().catch(() => null);
  const accessTokenExpiresAt = user ? expiryOf(user.access_token, user.expires_at) : undefined;
  try {
    const metadata = await manager.metadataService.getMetadata();
    if (typeof metadata.revocation_endpoint !== 'string') return { status: 'unsupported', accessTokenExpiresAt };
  } catch (error) {
    const failed: TokenRevocation = { status: 'failed', reason: reasonOf(error) };
    return { status: 'attempted', refreshToken: failed, accessToken: failed, accessTokenExpiresAt };
  }
  const refreshToken = await revokeOne(manager, 'refresh_token');
  const accessToken = await revokeOne(manager, 'access_token');
  return { status: 'attempted', refreshToken, accessToken, accessTokenExpiresAt };
}

/** A JWT access token's `exp` (else the token response's expiry), in seconds; never the token. */
export function expiryOf(accessToken: string, responseExpiresAt: number | undefined): number | undefined {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    if (typeof exp === 'number' && Number.isFinite(exp)) return exp;
  } catch {
    // Not a JWT: the token response's expiry is all there is.
  }
  return responseExpiresAt;
}

/**
 * Signs out at the provider: revokes the tokens, then leaves for the end-session endpoint. A
 * failed revocation does not stop the sign-out; what happened is kept (no token in it) for the
 * page the provider sends the person back to.
 */
export async function signOutEverywhere(manager: UserManager): Promise<void> {
  // Other tabs of this session learn it first: their refresh token is about to be revoked.
  await announceSignOut(manager).catch(() => undefined);
  keepSignOutNote(await revokeTokens(manager));
  emitSessionEvent('ended', { reason: 'sign-out' });
  await manager.signoutRedirect();
}

/** Forgets the tokens in this tab only; the refresh token stays valid at the provider. */
export async function forgetHere(manager: UserManager): Promise<void> {
  await manager.removeUser();
  emitSessionEvent('ended', { reason: 'forget' });
}
