import { Notice } from '../ui/Notice.tsx';
import type { SignatureCheck } from './signatureCheck.ts';
import { sameIssuer, type ExpectedConnection } from './tokenVerdict.ts';

interface SignaturePanelProps {
  issuer: string | undefined;
  /** The configured connection: a token from another issuer is checked against its own keys only, and said so. */
  expected: ExpectedConnection;
  /** Whether the check runs (at once for the signed-in token; on request for a pasted one). */
  started: boolean;
  onStart: () => void;
  /** The result, once the check has run. */
  check: SignatureCheck | undefined;
}

/** The signature check: valid, invalid or "could not check", and which key signed the token. */
export function SignaturePanel({ issuer, expected, started, onStart, check }: SignaturePanelProps) {
  const foreign = issuer !== undefined && !sameIssuer(issuer, expected.issuer);

  return (
    <section className="card" aria-labelledby="signature-heading">
      <h2 id="signature-heading">Signature</h2>
      {!started ? (
        <p>
          <button type="button" className="button" onClick={onStart}>
            Check the signature
          </button>{' '}
          <span className="muted">
            Fetches the key set of {issuer ?? 'the issuer'} from this browser
            {foreign ? <>: another issuer than the provider you configured ({expected.providerLabel})</> : null}.
          </span>
        </p>
      ) : !check ? (
        <p role="status">Fetching the issuer&apos;s keys and checking the signature…</p>
      ) : check.status === 'valid' && foreign ? (
        <Notice tone="error" title="Signed by another issuer">
          <p>
            Signed by {issuer}, not by the provider you configured ({expected.providerLabel}): Evo would refuse it. The
            signature was checked against {issuer}&apos;s own keys only (key <code>{check.kid ?? '(no kid)'}</code> at{' '}
            <code>{check.jwksUri}</code>), which anyone who publishes a key set can pass.
          </p>
        </Notice>
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
      ) : check.status === 'refused-algorithm' ? (
        <Notice tone="error" title="Signed with an algorithm IMS does not use">
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
