import { browserStorage } from '../config/browserStorage.ts';

/**
 * What became of one token at revocation. `accepted` is all the provider can say: RFC 7009 §2.2
 * has it answer 200 for a token it does not know too, so it is not proof the token is dead.
 */
export type TokenRevocation = { status: 'accepted' } | { status: 'absent' } | { status: 'failed'; reason: string };

/** What became of the tokens at the provider when the person signed out. */
export type RevocationOutcome =
  | { status: 'unsupported'; accessTokenExpiresAt?: number }
  | {
      status: 'attempted';
      refreshToken: TokenRevocation;
      accessToken: TokenRevocation;
      /**
       * The access token's `exp` (seconds since 1970), no token: Evo checks a JWT access token
       * offline, so a copy of it stays usable until then whatever the provider answered.
       */
      accessTokenExpiresAt?: number;
    };

const NOTE_KEY = 'evo-sign-in-lab:signed-out';

/** Keeps how revocation went (no token in it) for the page the provider returns to. */
export function keepSignOutNote(outcome: RevocationOutcome): void {
  try {
    browserStorage('session')?.setItem(NOTE_KEY, JSON.stringify(outcome));
  } catch {
    // Not kept: the page after sign-out just will not say how revocation went.
  }
}

/** Whether a sign-out note waits to be read. */
export function hasSignOutNote(): boolean {
  try {
    return browserStorage('session')?.getItem(NOTE_KEY) != null;
  } catch {
    return false;
  }
}

/** How revocation went at the last sign-out, read once on the page the provider returns to. */
export function takeSignOutNote(): RevocationOutcome | undefined {
  const storage = browserStorage('session');
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(NOTE_KEY);
    storage.removeItem(NOTE_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as RevocationOutcome | null;
    const expiresAt = typeof parsed?.accessTokenExpiresAt === 'number' ? parsed.accessTokenExpiresAt : undefined;
    if (parsed?.status === 'unsupported') return { status: 'unsupported', accessTokenExpiresAt: expiresAt };
    return parsed?.status === 'attempted' && parsed.refreshToken && parsed.accessToken
      ? {
          status: 'attempted',
          refreshToken: parsed.refreshToken,
          accessToken: parsed.accessToken,
          accessTokenExpiresAt: expiresAt,
        }
      : undefined;
  } catch {
    return undefined;
  }
}
