/**
 * The page's one door to the Web app's backend-for-frontend (server/): the same origin, its
 * HttpOnly cookie (`credentials: 'same-origin'`), the CSRF header, and never a bearer. An Evo
 * address `https://host/path?q` is asked for as `/bff/evo/https/host/path?q`; the BFF applies the
 * same host rule as the page (Discovery URL and the hubs Discovery named) and attaches the token.
 * Evo calls themselves go through the door with a BFF credential (`bffCredential`, src/http/).
 */
import { BFF_CSRF_HEADER, bffUrl, doorFetch } from '../http/index.ts';

// The mapping lives in the door (src/http/bff.ts), which sends Evo calls of a BFF credential there.
export { BFF_CSRF_HEADER, bffEvoUrl, bffUrl } from '../http/index.ts';

/** Calls the BFF through the door as this page's own script: cookie, CSRF header, no Authorization, no redirect followed; recorded in the exchange log. */
export function bffFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.delete('authorization');
  headers.set(BFF_CSRF_HEADER, '1');
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  return doorFetch('evo', url, {
    ...init,
    headers: Object.fromEntries(headers),
    credentials: 'same-origin',
    referrerPolicy: 'no-referrer',
    redirect: 'manual',
  });
}

/** What `/bff/session` answers: who and what, decoded on the server; never a token. */
export type BffSession =
  | { signedIn: false; reason?: string }
  | {
      signedIn: true;
      decodedOn: 'server';
      clientId: string;
      who: { sub: string; name?: string; email?: string };
      claims: Record<string, unknown>;
      scopes: string[];
      accessTokenExpiresAt: string;
      refreshToken: string;
      session: { store: string; createdAt: string; idleExpiresAt: string; absoluteExpiresAt: string };
    };

/** An answer's problem+json `detail`, or its status in words. */
export async function problemText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { title?: unknown; detail?: unknown };
    if (typeof body.detail === 'string')
      return `${typeof body.title === 'string' ? `${body.title}: ` : ''}${body.detail}`;
  } catch {
    // not JSON
  }
  return `The BFF answered ${response.status}.`;
}

export async function readBffSession(): Promise<BffSession> {
  const response = await bffFetch(bffUrl('session'));
  if (!response.ok) throw new Error(await problemText(response));
  const body = (await response.json()) as BffSession;
  if (typeof body !== 'object' || body === null || typeof body.signedIn !== 'boolean') {
    throw new Error('The BFF answered /bff/session with something other than a session.');
  }
  return body;
}

/** Signs out at the BFF (it revokes the refresh token and deletes the session); the provider's end-session URL. */
export async function bffSignOut(): Promise<{ endSessionUrl?: string; revoked: unknown }> {
  const response = await bffFetch(bffUrl('logout'), { method: 'POST' });
  if (!response.ok) throw new Error(await problemText(response));
  const body = (await response.json()) as { endSessionUrl?: string; refreshTokenRevoked: unknown };
  return { endSessionUrl: body.endSessionUrl, revoked: body.refreshTokenRevoked };
}
