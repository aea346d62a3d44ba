import { useId, useState } from 'react';
import type { DecodedAccessToken } from '../token/decodeAccessToken.ts';
import { Masked } from '../ui/Masked.tsx';
import { verifyWithKey, type KeyCheck } from './verifyWithKey.ts';

/** What `alg`, `kid` and `typ` say about an access token. */
function headerWords(header: Record<string, unknown>): { name: string; value: string; meaning: string }[] {
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  const typ = typeof header.typ === 'string' ? header.typ : undefined;
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  return [
    {
      name: 'alg',
      value: alg ?? '(none)',
      meaning:
        alg === 'none'
          ? 'Not signed: no API may accept it.'
          : alg?.startsWith('HS')
            ? 'HMAC with a shared secret: only the holder of that secret can check it; an API of another party should not accept it.'
            : `Signed with the issuer's private key (${alg ?? '?'}); anyone can check it with the public key it publishes (jwks_uri).`,
    },
    {
      name: 'kid',
      value: kid ?? '(none)',
      meaning: kid
        ? 'Which of the issuer’s published keys signed it: the key with this kid in its JWK Set.'
        : 'No key id: a checker tries each key of the issuer’s set.',
    },
    {
      name: 'typ',
      value: typ ?? '(none)',
      meaning:
        typ?.toLowerCase() === 'at+jwt' || typ?.toLowerCase() === 'application/at+jwt'
          ? 'An OAuth 2.0 access token (RFC 9068): an ID token cannot be played as this token, nor this one as an ID token.'
          : typ?.toUpperCase() === 'JWT'
            ? 'A plain JWT: RFC 9068 asks access tokens to say at+jwt, so an API can tell one from an ID token.'
            : 'No type: an API cannot tell from the header what kind of token this is.',
    },
  ];
}

/**
 * The token as jwt.io shows it: its three parts in colour beside their decoded header and
 * payload (the signature masked until revealed), and its signature checked against a key the
 * person pastes, for a token from any issuer.
 */
export function TokenDebugger({ accessToken, decoded }: { accessToken: string; decoded: DecodedAccessToken }) {
  const [header = '', payload = '', signature = ''] = accessToken.split('.');
  const ids = { key: useId() };
  const [key, setKey] = useState('');
  const [check, setCheck] = useState<KeyCheck | undefined>();
  const [checking, setChecking] = useState(false);
  // Decoded once for the whole page (useSession / the pasted-token view), not again here.
  const headerJson: Record<string, unknown> = decoded.kind === 'jwt' ? decoded.header : {};
  const headerText = decoded.kind === 'jwt' ? JSON.stringify(decoded.header, null, 2) : decoded.explanation;
  const payloadText = decoded.kind === 'jwt' ? JSON.stringify(decoded.claims, null, 2) : decoded.explanation;
  return (
    <div className="token-debugger">
      <h3 className="subheading">Encoded</h3>
      <p className="encoded-token">
        <code className="jwt-header">{header}</code>.<code className="jwt-payload">{payload}</code>.
        <span className="jwt-signature">
          <Masked value={signature} label="signature" />
        </span>
      </p>
      <p className="muted">
        Header, payload and signature, each base64url-encoded and joined by dots. The signature is masked: with it, the
        three parts are the token itself.
      </p>
      <div className="decoded-parts">
        <div>
          <h3 className="subheading jwt-header-label">Header</h3>
          <pre className="code-block jwt-header-block">{headerText}</pre>
        </div>
        <div>
          <h3 className="subheading jwt-payload-label">Payload</h3>
          <pre className="code-block jwt-payload-block">{payloadText}</pre>
        </div>
      </div>
      <table className="stack-table">
        <caption>What the header says</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {headerWords(headerJson).map((row) => (
            <tr key={row.name}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              <td data-label="Value">
                <code className="breakable">{row.value}</code>
              </td>
              <td data-label="Meaning">{row.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="key-check"
        onSubmit={(event) => {
          event.preventDefault();
          if (checking || key.trim() === '') return;
          setChecking(true);
          void verifyWithKey(accessToken, key)
            .then(setCheck)
            .finally(() => setChecking(false));
        }}
      >
        <label className="field-label" htmlFor={ids.key}>
          Check the signature with a key you paste: a PEM public key or certificate, a JWK, a JWK Set, or a JWK Set URL
        </label>
        <textarea
          id={ids.key}
          className="input token-input"
          rows={5}
          spellCheck={false}
          value={key}
          placeholder="-----BEGIN PUBLIC KEY-----"
          onChange={(event) => {
            setKey(event.target.value);
            setCheck(undefined);
          }}
        />
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={checking || key.trim() === '' || undefined}>
            {checking ? 'Checking…' : 'Check with this key'}
          </button>
        </div>
        {check ? (
          <p role="status" className={check.outcome === 'valid' ? 'key-valid' : 'field-warning'}>
            {check.detail}
          </p>
        ) : null}
      </form>
    </div>
  );
}
