import { useEffect, useState } from 'react';
import type { SignatureCheck } from './signatureCheck.ts';

/**
 * Checks the token's signature when asked to (`enabled`), again whenever the token changes. The
 * result belongs to the exact token it was computed for, so an altered token never shows
 * another token's "valid".
 */
export function useSignatureCheck(
  token: string,
  issuer: string | undefined,
  enabled: boolean,
  knownJwksUri?: (issuer: string) => Promise<string | undefined>,
) {
  const [result, setResult] = useState<{ token: string; check: SignatureCheck } | undefined>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // jose and the check load with the first check, not with the page: the first screen does not wait.
    void import('./signatureCheck.ts')
      .then(({ checkSignature }) => checkSignature(token, issuer, { knownJwksUri }))
      .then(
        (check) => {
          if (live) setResult({ token, check });
        },
        () => {
          if (live) {
            setResult({
              token,
              check: {
                status: 'unchecked',
                reason: 'The code that checks signatures could not be loaded; reload the page.',
                why: 'the code that checks signatures could not be loaded; reload the page',
              },
            });
          }
        },
      );
    return () => {
      live = false;
    };
  }, [token, issuer, enabled, knownJwksUri]);
  return result?.token === token ? result.check : undefined;
}
