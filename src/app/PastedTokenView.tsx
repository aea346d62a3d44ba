import { useId, useState } from 'react';
import { TokenWorkbench } from './TokenWorkbench.tsx';

interface PastedTokenViewProps {
  discoveryUrl: string;
}

/**
 * Inspects a token obtained elsewhere (for example by a service app with client credentials),
 * without signing in. The token lives in this component's memory only: no storage, no URL, and
 * it is gone on Clear or reload.
 */
export function PastedTokenView({ discoveryUrl }: PastedTokenViewProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [inspected, setInspected] = useState<string | undefined>();

  return (
    <>
      <section className="card" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Inspect a token you already have</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const token = text.replace(/^\s*Bearer\s+/i, '').trim();
            setInspected(token || undefined);
          }}
        >
          <label className="field-label" htmlFor={id}>
            Access token
          </label>
          <textarea
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
          key={inspected}
          accessToken={inspected}
          discoveryUrl={discoveryUrl}
          requested={undefined}
          checkSignatureAutomatically={false}
          whenExpired={<p>Get a fresh token from where this one came from, and paste it again.</p>}
        />
      ) : null}
    </>
  );
}
