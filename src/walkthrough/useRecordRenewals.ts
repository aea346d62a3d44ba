import { useEffect, useRef } from 'react';
import { useAuth } from 'react-oidc-context';
import { updateFlow } from './flowRecord.ts';

/**
 * Adds each renewal (old and new expiry, whether the refresh token rotated) to the walkthrough,
 * from the library's userLoaded event. Mounted with the app shell, which stays while renewing.
 */
export function useRecordRenewals(): void {
  const auth = useAuth();
  const last = useRef<{ expiresAt?: number; refreshToken?: string } | undefined>(undefined);
  const current = auth.user;
  useEffect(() => {
    if (current && last.current === undefined)
      last.current = { expiresAt: current.expires_at, refreshToken: current.refresh_token };
  }, [current]);
  useEffect(() => {
    const onLoaded = (user: { expires_at?: number; refresh_token?: string }) => {
      const before = last.current;
      last.current = { expiresAt: user.expires_at, refreshToken: user.refresh_token };
      if (!before) return;
      updateFlow((record) => ({
        ...record,
        renewals: [
          ...record.renewals,
          {
            at: Date.now(),
            oldExpiry: before.expiresAt,
            newExpiry: user.expires_at,
            rotated: before.refreshToken !== user.refresh_token,
          },
        ],
      }));
    };
    auth.events.addUserLoaded(onLoaded);
    return () => auth.events.removeUserLoaded(onLoaded);
  }, [auth.events]);
}
