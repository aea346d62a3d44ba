import type { ReactNode } from 'react';
import { useAfterFirstPaint } from '../ui/useAfterFirstPaint.ts';
import { useNow } from '../ui/useNow.ts';
import { clock } from './formatTime.ts';

interface ExpiryCountdownProps {
  expiresAt: Date | undefined;
  /** What to offer once the token has expired (renew, sign in again). */
  whenExpired: ReactNode;
}

/** A live countdown to the token's expiry, turning into an expired state with a way forward. */
export function ExpiryCountdown({ expiresAt, whenExpired }: ExpiryCountdownProps) {
  const now = useNow();
  // The clock time, in the browser's locale, comes once the first screen is drawn: the first date a
  // page formats loads the locale's data (10-14 ms on a 2-core machine), which the signed-in
  // page's first screen does not wait for.
  const later = useAfterFirstPaint();
  if (!expiresAt) return <p className="muted">The token does not say when it expires.</p>;
  const seconds = Math.round((expiresAt.getTime() - now.getTime()) / 1000);
  const at = later ? ` (at ${expiresAt.toLocaleTimeString()})` : '';
  if (seconds <= 0) {
    return (
      <div className="countdown countdown-expired" role="status">
        <p>
          <strong>Expired</strong> {clock(seconds)} ago{at}. APIs will refuse this token now.
        </p>
        {whenExpired}
      </div>
    );
  }
  return (
    <p className={`countdown${seconds <= 300 ? ' countdown-soon' : ''}`}>
      Expires in <strong className="countdown-clock">{clock(seconds)}</strong>
      {at ? <span className="muted">{at}</span> : null}
    </p>
  );
}
