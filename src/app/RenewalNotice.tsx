import type { RenewalStatus } from '../auth/session.ts';
import { clock } from '../token/formatTime.ts';
import { Notice } from '../ui/Notice.tsx';
import { useNow } from '../ui/useNow.ts';
import { ProblemWords } from './SessionNotices.tsx';

/**
 * Where automatic renewal stands when it is not on schedule: waiting for the network, retrying
 * later (when, live), or refused for good. `expiresAt` (this clock) lets it say plainly once the
 * token has expired meanwhile.
 */
export function RenewalNotice({
  status,
  expiresAt,
  onSignIn,
}: {
  status: RenewalStatus;
  expiresAt: Date | undefined;
  onSignIn: () => void;
}) {
  const now = useNow(1000);
  const expired = expiresAt !== undefined && expiresAt.getTime() <= now.getTime();
  const meanwhile = expired ? (
    <p>
      <strong>The access token has expired meanwhile:</strong> APIs refuse it until a renewal succeeds. No new sign-in
      is needed.
    </p>
  ) : expiresAt ? (
    <p>The current token still works until it expires, in {clock((expiresAt.getTime() - now.getTime()) / 1000)}.</p>
  ) : null;
  if (status.kind === 'waiting-network') {
    return (
      <Notice tone="info" title="Renewal is waiting for the network">
        <p>
          This computer is offline. The session renews by itself as soon as the network is back; until then, one
          request every two minutes checks whether the provider can be reached.
        </p>
        {meanwhile}
      </Notice>
    );
  }
  if (status.kind === 'retrying') {
    const seconds = Math.max(0, Math.ceil((status.at - now.getTime()) / 1000));
    return (
      <Notice tone="warning" title={`Renewal failed: ${status.problem.title.toLowerCase()}`}>
        <ProblemWords problem={status.problem} />
        <p>
          {seconds > 0 ? (
            <>
              Next attempt in <strong className="countdown-clock">{clock(seconds)}</strong> (at{' '}
              {new Date(status.at).toLocaleTimeString()}), then less often while it keeps failing.
            </>
          ) : (
            'Trying again now.'
          )}
        </p>
        {meanwhile}
      </Notice>
    );
  }
  return (
    <Notice
      tone="error"
      title={
        status.kind === 'refused'
          ? 'Renewal stopped'
          : `Renewing the session failed: ${status.problem.title.toLowerCase()}`
      }
      actions={
        <button type="button" className="button" onClick={onSignIn}>
          Sign in again
        </button>
      }
    >
      <p>
        <strong>{status.problem.title}.</strong>
      </p>
      <ProblemWords problem={status.problem} />
      {status.kind === 'refused' ? <p>No further renewal request is sent.</p> : null}
      {meanwhile}
    </Notice>
  );
}
