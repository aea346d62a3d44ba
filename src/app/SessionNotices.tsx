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
      <p>
        {problem.detail}
        {problem.code ? (
          <>
            {' '}
            (<code>{problem.code}</code>)
          </>
        ) : null}
      </p>
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

/** How sign-out went at the provider, on the page it sent the person back to. */
export function SignedOutNotice({ outcome }: { outcome: RevocationOutcome }) {
  if (outcome.status === 'unsupported') {
    return (
      <Notice tone="warning" title="Signed out">
        <p>
          The identity provider publishes no revocation endpoint, so the tokens could not be revoked: a copy of the
          refresh token keeps working until it expires.
        </p>
      </Notice>
    );
  }
  const { refreshToken, accessToken } = outcome;
  return (
    <Notice tone={refreshToken.status === 'failed' ? 'warning' : 'info'} title="Signed out">
      {refreshToken.status === 'revoked' ? (
        <p>
          The refresh token was revoked at the identity provider first (RFC 7009): a copy of it no longer mints tokens.
        </p>
      ) : refreshToken.status === 'failed' ? (
        <p>
          Revoking the refresh token at the identity provider failed ({refreshToken.reason}); the sign-out went ahead. A
          copy of the refresh token may keep working until it expires.
        </p>
      ) : null}
      {accessToken.status === 'revoked' ? (
        <p>The access token was revoked too.</p>
      ) : accessToken.status === 'failed' ? (
        <p>
          The provider did not revoke the access token ({accessToken.reason}). A JWT access token is self-contained:
          APIs check it without asking the provider, so it stays valid until it expires. That is why access tokens are
          short-lived.
        </p>
      ) : null}
    </Notice>
  );
}
