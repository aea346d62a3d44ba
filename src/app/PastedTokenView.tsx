import { useId, useState } from 'react';
import { decodeAccessToken, stringClaim } from '../token/decodeAccessToken.ts';
import { tokenFingerprint } from '../token/fingerprint.ts';
import type { ExpectedConnection } from '../token/tokenVerdict.ts';
import { useFocusOnShow } from '../ui/useFocusOnShow.ts';
import { TokenWorkbench, type InspectedToken } from './TokenWorkbench.tsx';

/** A pasted token as the workbench reads it: its own session, no sign-in behind it. */
function pastedToken(accessToken: string): InspectedToken {
  const decoded = decodeAccessToken(accessToken);
  const claims = decoded.kind === 'jwt' ? decoded.claims : undefined;
  return {
    accessToken,
    decoded,
    key: {
      session: 'pasted',
      subject: stringClaim(claims, 'sub') ?? 'unknown',
      issuedAt: typeof claims?.iat === 'number' ? claims.iat : 0,
      fingerprint: tokenFingerprint(accessToken),
    },
    requested: undefined,
    responseScopes: [],
    responseExpiresAt: undefined,
    hasRefreshToken: false,
  };
}

interface PastedTokenViewProps {
  discoveryUrl: string;
  /** What the configured connection expects of a token: a pasted one is judged against it too. */
  expected: ExpectedConnection;
}

/**
 * Inspects a token obtained elsewhere (for example by a service app with client credentials),
 * without signing in. The token lives in this component's memory only: no storage, no URL, and
 * it is gone on Clear or reload.
 */
export function PastedTokenView({ discoveryUrl, expected }: PastedTokenViewProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [inspected, setInspected] = useState<InspectedToken | undefined>();
  // Opened by "Paste a token": the field to paste into takes the focus, scrolled into view.
  const field = useFocusOnShow<HTMLTextAreaElement>();

  return (
    <>
      <section className="card" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Inspect a token you already have</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const token = text.replace(/^\s*Bearer\s+/i, '').trim();
            setInspected(token ? pastedToken(token) : undefined);
          }}
        >
          <label className="field-label" htmlFor={id}>
            Access token
          </label>
          <textarea
            ref={field}
            id={id}
            className="input token-input"
            rows={4}
            value={text}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="eyJhbGciOi…"
            onChange={(event) => setText(event.target.value)}
          />
          <p className="field-hint">
            Kept in this page&apos;s memory only; never stored or sent anywhere except to Evo Discovery and the
            issuer&apos;s key set when you ask.
          </p>
          <div className="form-actions">
            <button type="submit" className="button" disabled={text.trim() === ''}>
              Inspect
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={text === '' && inspected === undefined}
              onClick={() => {
                setText('');
                setInspected(undefined);
              }}
            >
              Clear
            </button>
          </div>
        </form>
      </section>
      {inspected ? (
        <TokenWorkbench
          key={inspected.accessToken}
          token={inspected}
          discoveryUrl={discoveryUrl}
          expected={expected}
          checkSignatureAutomatically={false}
          whenExpired={<p>Get a fresh token from where this one came from, and paste it again.</p>}
        />
      ) : null}
    </>
  );
}
