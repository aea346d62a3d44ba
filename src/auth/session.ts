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

/** Where automatic renewal stands, when it is not simply on schedule. */
export type RenewalStatus =
  /** Offline: no request is sent; renewal happens when the network is back. */
  | { kind: 'waiting-network' }
  /** The last attempt failed (provider down, busy, timed out): the next one is due `at` (ms, this clock). */
  | { kind: 'retrying'; at: number; problem: AuthProblem }
  /** The provider refused the refresh token (or another tab spent it): no further request. */
  | { kind: 'refused'; problem: AuthProblem }
  /** A renewal failed, and none is planned. */
  | { kind: 'failed'; problem: AuthProblem };

export type Session =
  | {
      phase: 'signed-out';
      /** Why the last session ended here, when it ran out. */
      expired?: { hadRefreshToken: boolean };
      /** The provider refused to renew the session (invalid_grant): why. */
      ended?: AuthProblem;
      /** Another tab of this session signed out. */
      signedOutElsewhere?: boolean;
      /** A callback that belongs to no sign-in started in this tab. */
      stray?: 'code' | 'error';
      /** How revocation went at the sign-out that led here. */
      signedOut?: RevocationOutcome;
    }
  | { phase: 'signing-in'; step: 'redirecting' | 'exchanging' | 'signing-out' | 'checking' | 'handed-over' }
  /** The stored access token expired (page reopened, laptop woke) and the refresh token renews it. */
  | { phase: 'renewing-expired'; expiredAt: Date | undefined; renewal?: RenewalStatus }
  | {
      phase: 'signed-in' | 'renewing';
      token: SessionToken;
      renewal?: RenewalStatus;
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
