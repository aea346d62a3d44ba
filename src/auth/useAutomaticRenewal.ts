import { useEffect } from 'react';
import { useAuth } from 'react-oidc-context';

/**
 * Renews the session with the refresh token shortly before the access token expires (when
 * oidc-client-ts raises `accessTokenExpiring`, a minute ahead). Without a refresh token nothing is
 * tried: a hidden-iframe renewal cannot work against a provider on another site, so the page says
 * when the session ends instead. A failed renewal surfaces as the auth error the page explains.
 */
export function useAutomaticRenewal(): void {
  const auth = useAuth();
  const hasRefreshToken = Boolean(auth.user?.refresh_token);
  useEffect(() => {
    if (!hasRefreshToken) return;
    const renew = () => void auth.signinSilent();
    auth.events.addAccessTokenExpiring(renew);
    return () => auth.events.removeAccessTokenExpiring(renew);
  }, [auth, hasRefreshToken]);
}
