import './walkthrough.css';
import { useFocusOnShow } from '../ui/useFocusOnShow.ts';
import { Breakable } from '../ui/Breakable.tsx';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { Masked } from '../ui/Masked.tsx';
import type { IssuerCheck } from '../auth/sessionEvents.ts';
import { loadFlow, s256, subscribeFlow, type FlowRecord } from './flowRecord.ts';

/** The RFC 9207 check the session made on this callback, in words. */
function IssuerCheckResult({ check }: { check: IssuerCheck | undefined }) {
  if (!check) return null;
  switch (check.outcome) {
    case 'matched':
      return <span>(checked: it is the issuer this sign-in was sent to, so no mix-up)</span>;
    case 'not-sent':
      return <span className="muted">(the provider does not send it, so there was nothing to check)</span>;
    case 'mismatch':
      return (
        <strong>
          (refused: this sign-in was sent to <code>{check.expected}</code>; no token was requested)
        </strong>
      );
    case 'missing':
      return (
        <strong>
          (refused: <code>{check.expected}</code> promises to send it; no token was requested)
        </strong>
      );
  }
}

const PARAM_MEANING: Record<string, string> = {
  client_id: 'Which app registration is asking.',
  redirect_uri: 'Where to send the answer; must exactly match a registered URI.',
  response_type: '"code": ask for an authorization code, to be swapped for tokens.',
  scope: 'What the token should allow, space-separated.',
  state: 'A random value the app checks on return, so a forged callback is refused (CSRF).',
  code_challenge: 'SHA-256 of the secret code verifier; only whoever holds the verifier can redeem the code.',
  code_challenge_method: 'S256: the challenge is a SHA-256 hash (never "plain").',
  response_mode: 'How the answer comes back (query string).',
  prompt: 'Whether the provider should ask again (login, consent) or not at all (none).',
  nonce: 'Binds an ID token to this request (only with openid).',
};

function RfcLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}

function Step({ n, title, why, children }: { n: number; title: string; why: ReactNode; children: ReactNode }) {
  return (
    <li className="flow-step">
      <h3>
        <span className="flow-step-number">{n}</span> {title}
      </h3>
      {children}
      <p className="muted flow-why">{why}</p>
    </li>
  );
}

function useFlow(): FlowRecord | undefined {
  return useSyncExternalStore(subscribeFlow, loadFlow);
}

function ChallengeCheck({ verifier, challenge }: { verifier: string; challenge: string }) {
  const [result, setResult] = useState<string | undefined>();
  return (
    <p>
      <button type="button" className="button button-small" onClick={() => void s256(verifier).then(setResult)}>
        Check it
      </button>{' '}
      {result === undefined ? (
        <span className="muted">recomputes BASE64URL(SHA-256(verifier)) in this browser.</span>
      ) : result === challenge ? (
        <strong role="status">Matches: the challenge sent is the SHA-256 of this verifier.</strong>
      ) : (
        <strong role="status">Does not match ({result}).</strong>
      )}
    </p>
  );
}

/**
 * The sign-in as it happened, step by step, with the values of this very attempt. Closed unless
 * `initiallyOpen` (step mode): its steps render when opened, so a plain sign-in does not pay for
 * drawing them.
 */
export function FlowTimeline({ initiallyOpen = false }: { initiallyOpen?: boolean }) {
  const flow = useFlow();
  const [open, setOpen] = useState(initiallyOpen);
  // Opened by "Show the steps", whose button goes away: the steps' heading takes the focus.
  const [pressed, setPressed] = useState(false);
  const heading = useFocusOnShow<HTMLHeadingElement>(pressed);
  if (flow && !open) {
    return (
      <section className="card" aria-labelledby="flow-heading">
        <div className="card-heading">
          <h2 id="flow-heading">How this sign-in happened</h2>
          <button
            type="button"
            className="button button-small"
            aria-expanded={false}
            onClick={() => {
              setOpen(true);
              setPressed(true);
            }}
          >
            Show the steps
          </button>
        </div>
        <p className="muted">
          The PKCE verifier and challenge, the authorization request, the callback and the token request of this very
          sign-in, each with the standard it follows.
        </p>
      </section>
    );
  }
  if (!flow) {
    return (
      <section className="card" aria-labelledby="flow-heading">
        <h2 id="flow-heading">How this sign-in happened</h2>
        <p className="muted">
          This tab did not record the sign-in (it started in another tab or before a reload of an older version).
        </p>
      </section>
    );
  }
  const request = new URL(flow.authorizationUrl);
  const challenge = request.searchParams.get('code_challenge') ?? '';
  const time = (seconds?: number) => (seconds ? new Date(seconds * 1000).toLocaleTimeString() : 'unknown');
  return (
    <section className="card" aria-labelledby="flow-heading">
      <h2 id="flow-heading" ref={heading} tabIndex={-1}>
        How this sign-in happened
      </h2>
      <ol className="flow-steps">
        <Step
          n={1}
          title="A PKCE secret for this sign-in only"
          why={
            <>
              The app keeps the verifier and sends only its hash. A stolen authorization code is useless without the
              verifier, which never left this tab.{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc7636#section-4.1">RFC 7636 §4.1–4.2</RfcLink>
            </>
          }
        >
          <p>
            Code verifier:{' '}
            {flow.codeVerifier ? (
              <Masked value={flow.codeVerifier} label="code verifier" />
            ) : (
              <span className="muted">not recorded</span>
            )}
          </p>
          <p>
            Code challenge (S256): <code aria-label="code challenge">{challenge}</code>
          </p>
          {flow.codeVerifier ? <ChallengeCheck verifier={flow.codeVerifier} challenge={challenge} /> : null}
        </Step>
        <Step
          n={2}
          title="The authorization request"
          why={
            <>
              The browser goes to the identity provider, which signs the person in and asks nothing of the app yet.{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1">RFC 6749 §4.1.1</RfcLink>,{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1">RFC 9700 §2.1.1</RfcLink>
            </>
          }
        >
          <pre className="code-block" tabIndex={0} aria-label="Authorization request URL">
            {flow.authorizationUrl}
          </pre>
          <table className="flow-params stack-table">
            <caption className="visually-hidden">Authorization request parameters</caption>
            <tbody>
              {[...request.searchParams].map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td data-label="Value">
                    <code className="breakable">
                      <Breakable text={value} />
                    </code>
                  </td>
                  <td className="muted" data-label="Meaning">
                    {PARAM_MEANING[name] ?? 'A parameter this app does not annotate.'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Step>
        <Step
          n={3}
          title="The callback"
          why={
            <>
              The code is single-use and short-lived; state proves this tab asked; iss says which provider answered,
              against mix-up attacks. They leave the address bar at once, so they are not bookmarked or shared.{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</RfcLink>,{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc9207">RFC 9207</RfcLink>
            </>
          }
        >
          {flow.callback ? (
            <ul className="flow-facts">
              <li>
                code:{' '}
                {flow.callback.code ? (
                  <Masked value={flow.callback.code} label="authorization code" />
                ) : (
                  <span>none ({flow.callback.error})</span>
                )}
              </li>
              <li>
                state: <code>{flow.callback.state}</code> {flow.token ? '(matched the one this tab sent)' : null}
              </li>
              <li>
                iss: {flow.callback.iss ? <code>{flow.callback.iss}</code> : <span className="muted">not sent</span>}{' '}
                <IssuerCheckResult check={flow.callback.issuer} />
              </li>
              <li>Removed from the address bar: yes</li>
            </ul>
          ) : (
            <p className="muted">Waiting for the provider to send the person back.</p>
          )}
        </Step>
        <Step
          n={4}
          title="The token request and its answer"
          why={
            <>
              The app swaps the code for tokens, proving with the verifier that it is the same app that started.{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3">RFC 6749 §4.1.3</RfcLink>,{' '}
              <RfcLink href="https://www.rfc-editor.org/rfc/rfc7636#section-4.5">RFC 7636 §4.5</RfcLink>
            </>
          }
        >
          {flow.token ? (
            <>
              <p>
                <code>POST</code> to the token endpoint, form parameters:
              </p>
              <ul className="flow-facts" aria-label="Token request parameters">
                {flow.token.params.map(([name, value]) => (
                  <li key={name}>
                    <code>{name}</code>:{' '}
                    {name === 'code' || name === 'code_verifier' ? (
                      <Masked value={value} label={name.replace('_', ' ')} />
                    ) : (
                      <code>{value}</code>
                    )}
                  </li>
                ))}
              </ul>
              <p>
                Answer: <code>token_type</code> {flow.token.tokenType}, <code>expires_in</code>{' '}
                {flow.token.expiresIn ?? '—'} s, <code>scope</code> “{flow.token.scope}”, refresh token:{' '}
                {flow.token.refreshToken ? 'yes' : 'no'}. The tokens themselves are in the inspector above.
              </p>
            </>
          ) : (
            <p className="muted">Not made yet.</p>
          )}
        </Step>
      </ol>
      {flow.renewals.length > 0 ? (
        <>
          <h3 className="subheading">Renewals</h3>
          <ul className="flow-facts" aria-label="Renewals">
            {flow.renewals.map((renewal) => (
              <li key={renewal.at}>
                {new Date(renewal.at).toLocaleTimeString()}: expiry {time(renewal.oldExpiry)} →{' '}
                {time(renewal.newExpiry)}; refresh token {renewal.rotated ? 'rotated (a new one came back)' : 'kept'}
                {renewal.byAnotherTab
                  ? '. Renewed by another tab of this session, which handed the new tokens to this one (the old refresh token is spent for both).'
                  : '.'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
