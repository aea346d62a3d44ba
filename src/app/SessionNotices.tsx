import type { AuthProblem } from '../auth/describeAuthError.ts';
import type { RevocationOutcome } from '../auth/signOut.ts';
import { Notice } from '../ui/Notice.tsx';

/** A sign-in problem: what happened, its OAuth code, and what to do. */
export function ProblemNotice({ problem, onDismiss }: { problem: AuthProblem; onDismiss: () => void }) {
  return (
    <Notice
      tone="error"
      title={problem.title}
      focus
      actions={
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss
        </button>
      }
    >
      <ProblemWords problem={problem} />
      <p>
        <strong>What to do:</strong> {problem.action}
      </p>
    </Notice>
  );
}

/** A response in the address bar that belongs to no sign-in started in this tab. */
export function StrayCallbackNotice({ onSignIn, onDismiss }: { onSignIn: () => void; onDismiss: () => void }) {
  return (
    <Notice
      tone="warning"
      title="This sign-in answer belongs to no sign-in started here"
      actions={
        <>
          <button type="button" className="button button-primary" onClick={onSignIn}>
            Start a sign-in
          </button>
          <button type="button" className="button" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      }
    >
      <p>
        The page was opened with an authorization response (a code or an error) that this tab did not ask for: it has no
        state, or a state this tab never issued. A link someone sent, a reloaded or bookmarked callback, or a forged one
        looks like this. It was not exchanged for tokens, and it has been removed from the address bar.
      </p>
    </Notice>
  );
}

/** "for at most 12 minutes": how long a copy of the access token stays usable, from its `exp`. */
export function accessTokenLeft(expiresAt: number | undefined, now = Date.now()): string {
  if (expiresAt === undefined) return 'until it expires';
  const minutes = Math.ceil((expiresAt * 1000 - now) / 60_000);
  if (minutes <= 0) return 'no longer: it has expired';
  return `for at most ${minutes} minute${minutes === 1 ? '' : 's'}, until it expires`;
}

/**
 * How sign-out went at the provider, on the page it sent the person back to. Only what is known:
 * a provider answers 200 to a revocation request for a token it does not know too (RFC 7009
 * §2.2), and Evo checks a JWT access token offline, so a copy of it works until its `exp`.
 */
export function SignedOutNotice({ outcome }: { outcome: RevocationOutcome }) {
  const accessLeft = accessTokenLeft(outcome.accessTokenExpiresAt);
  const offline = (
    <>
      Evo checks a JWT access token offline, without asking the provider, so a copy of the access token stays usable{' '}
      {accessLeft}.
    </>
  );
  if (outcome.status === 'unsupported') {
    return (
      <Notice tone="warning" title="Signed out">
        <p>
          The identity provider publishes no revocation endpoint, so the tokens could not be revoked: a copy of the
          refresh token keeps working until it expires. {offline}
        </p>
      </Notice>
    );
  }
  const { refreshToken, accessToken } = outcome;
  return (
    <Notice tone={refreshToken.status === 'failed' ? 'warning' : 'info'} title="Signed out">
      {refreshToken.status === 'accepted' ? (
        <p>
          The provider accepted the revocation request for the refresh token (RFC 7009). It answers the same for a token
          it does not know, so this page cannot prove more than that.
        </p>
      ) : refreshToken.status === 'failed' ? (
        <p>
          Revoking the refresh token at the identity provider failed ({refreshToken.reason}); the sign-out went ahead. A
          copy of the refresh token may keep working until it expires.
        </p>
      ) : null}
      {accessToken.status === 'accepted' ? (
        <p>The provider accepted the revocation request for the access token too. {offline}</p>
      ) : accessToken.status === 'failed' ? (
        <p>
          The provider did not revoke the access token ({accessToken.reason}). {offline}
        </p>
      ) : null}
    </Notice>
  );
}

/** A problem's detail and its OAuth code, as every notice about one says them. */
export function ProblemWords({ problem }: { problem: AuthProblem }) {
  return (
    <p>
      {problem.detail}
      {problem.code ? (
        <>
          {' '}
          (<code>{problem.code}</code>)
        </>
      ) : null}
    </p>
  );
}

/** The session is over: the provider refused to renew it, or another tab signed out. */
export function SessionEndedNotice({ ended, elsewhere }: { ended?: AuthProblem; elsewhere?: boolean }) {
  if (elsewhere) {
    return (
      <Notice tone="info" title="Signed out in another tab">
        <p>
          This session was signed out in another tab of this browser, so its tokens were removed here too. Sign in to
          start a new session.
        </p>
      </Notice>
    );
  }
  if (!ended) return null;
  // The provider did renew, but with a token that expires at once: renewing on would be a loop.
  const expiresAtOnce = ended.code === 'expires_in';
  return (
    <Notice
      tone="warning"
      title={
        expiresAtOnce
          ? 'Your session has ended: the identity provider renewed it with a token that expires at once'
          : 'Your session has ended: the identity provider refused to renew it'
      }
    >
      <p>
        <strong>{ended.title}.</strong> {ended.detail}
        {ended.code ? (
          <>
            {' '}
            (<code>{ended.code}</code>)
          </>
        ) : null}
      </p>
      {expiresAtOnce ? (
        <p>No further request was sent. Sign in again to continue.</p>
      ) : (
        <p>
          A refresh token stops working when it is revoked (a sign-out elsewhere, an administrator), expires, or is used
          twice. No further request was sent. Sign in again to continue.
        </p>
      )}
    </Notice>
  );
}
