import { Notice } from '../ui/Notice.tsx';
import type { SignatureCheck } from './signatureCheck.ts';

interface SignaturePanelProps {
  issuer: string | undefined;
  /** Whether the check runs (at once for the signed-in token; on request for a pasted one). */
  started: boolean;
  onStart: () => void;
  /** The result, once the check has run. */
  check: SignatureCheck | undefined;
}

/** The signature check: valid, invalid or "could not check", and which key signed the token. */
export function SignaturePanel({ issuer, started, onStart, check }: SignaturePanelProps) {

  return (
    <section className="card" aria-labelledby="signature-heading">
      <h2 id="signature-heading">Signature</h2>
      {!started ? (
        <p>
          <button type="button" className="button" onClick={onStart}>
            Check the signature
          </button>{' '}
          <span className="muted">Fetches the key set of {issuer ?? 'the issuer'} from this browser.</span>
        </p>
      ) : !check ? (
        <p role="status">Fetching the issuer&apos;s keys and checking the signature…</p>
      ) : check.status === 'valid' ? (
        <Notice tone="success" title="Signature valid">
          <p>
            Signed with {check.alg} by the key <code>{check.kid ?? '(no kid)'}</code> that {issuer} publishes at{' '}
            <code>{check.jwksUri}</code>. The header and claims are exactly what the issuer wrote.
          </p>
        </Notice>
      ) : check.status === 'invalid' ? (
        <Notice tone="error" title="Signature invalid">
          <p>{check.reason}</p>
          <p>
            Key <code>{check.kid ?? '(no kid)'}</code>, key set <code>{check.jwksUri}</code>. An API must refuse this
            token.
          </p>
        </Notice>
      ) : check.status === 'unsigned' ? (
        <Notice tone="error" title="Not signed">
          <p>{check.reason}</p>
        </Notice>
      ) : (
        <Notice tone="warning" title="Could not check the signature">
          <p>{check.reason}</p>
          {check.kid ? (
            <p>
              The header names the key <code>{check.kid}</code>.
            </p>
          ) : null}
        </Notice>
      )}
    </section>
  );
}
