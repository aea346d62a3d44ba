import type { DecodedAccessToken } from '../token/decodeAccessToken.ts';
import type { AuthProblem } from './describeAuthError.ts';
import type { RevocationOutcome } from './signOutNote.ts';

/*
 * The session as the page sees it, whoever runs it: the live session (react-oidc-context over
 * oidc-client-ts, loaded when there is a session to run) or the idle one of a signed-out first
 * visit, which loads the library only when the person signs in.
 */

/** The signed-in token, decoded once, with what the page needs to show and use it. */
export interface SessionToken {
  accessToken: string;
  decoded: DecodedAccessToken;
  /** Names this session in cache keys: connection, subject, issue time, a one-way fingerprint. */
  key: { session: string; subject: string; issuedAt: number; fingerprint: string };
  /** The scopes this sign-in asked for, as kept in its own state. */
  requested: string[];
  responseScopes: string[];
  responseExpiresAt: Date | undefined;
  hasRefreshToken: boolean;
}

export type Session =
  | {
      phase: 'signed-out';
      /** Why the last session ended here, when it ran out. */
      expired?: { hadRefreshToken: boolean };
      /** A callback that belongs to no sign-in started in this tab. */
      stray?: 'code' | 'error';
      /** How revocation went at the sign-out that led here. */
      signedOut?: RevocationOutcome;
    }
  | { phase: 'signing-in'; step: 'redirecting' | 'exchanging' | 'signing-out' | 'checking' | 'handed-over' }
  | {
      phase: 'signed-in' | 'renewing';
      token: SessionToken;
      renewalProblem?: AuthProblem;
      /** A second callback refused while this session went on. */
      refusedCallback?: AuthProblem;
    }
  | { phase: 'failed'; problem: AuthProblem };

export interface SessionActions {
  signIn: () => Promise<void>;
  /** Renews with the refresh token; concurrent calls share one request. */
  renew: () => Promise<void>;
  signOut: () => Promise<void>;
  forget: () => Promise<void>;
  /** Puts a failed or stray sign-in aside, back to the signed-out page. */
  dismiss: () => void;
}
