import './bff.css';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { appBaseUrl } from '../auth/appUrls.ts';
import type { AppEnv } from '../config/env.ts';
import type { ConnectionSettings, SettingsErrors } from '../settings/connectionSettings.ts';
import { SettingsForm } from '../settings/SettingsForm.tsx';
import { shareLink } from '../settings/shareLink.ts';
import { claimMeaning } from '../token/claimGlossary.ts';
import { ClaimsTable } from '../token/ClaimsTable.tsx';
import { Notice } from '../ui/Notice.tsx';
import { BffWorkbench } from './BffWorkbench.tsx';
import { bffSignOut, bffUrl, readBffSession, type BffSession } from './bffClient.ts';

type SignedIn = Extract<BffSession, { signedIn: true }>;
type State =
  | { phase: 'checking' }
  | { phase: 'signed-out'; reason?: string }
  | { phase: 'signed-in'; session: SignedIn }
  | { phase: 'failed'; message: string };

/** Where the token lives, what an XSS could take, and what each costs: SPA beside Web app. */
export function AppTypeComparison() {
  return (
    <section className="card" aria-labelledby="compare-heading">
      <h2 id="compare-heading">SPA or Web app: where the token lives</h2>
      <table className="compare-table stack-table">
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">SPA (this page is the client)</th>
            <th scope="col">Web app (a backend-for-frontend is the client)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Where the token lives</th>
            <td data-label="SPA">
              <span>In this tab: session storage or memory. The page sends the bearer to Evo itself.</span>
            </td>
            <td data-label="Web app">
              <span>
                On the server, sealed with AES-256-GCM in its session store. The browser holds one HttpOnly cookie and
                calls <code>/bff/evo/…</code>; the server attaches the bearer.
              </span>
            </td>
          </tr>
          <tr>
            <th scope="row">What an XSS could steal</th>
            <td data-label="SPA">
              <span>
                The access token (and a refresh token), to use from anywhere until they expire or are revoked.
              </span>
            </td>
            <td data-label="Web app">
              <span>
                No token and not the cookie (HttpOnly). Injected script can still make calls through the BFF while the
                page is open, but it cannot take the access away with it.
              </span>
            </td>
          </tr>
          <tr>
            <th scope="row">What it costs</th>
            <td data-label="SPA">
              <span>Static hosting only; a public client with PKCE, no secret to guard.</span>
            </td>
            <td data-label="Web app">
              <span>
                A server to run, a session store (SQLite or Redis), a client secret to guard, CSRF and cookie rules, and
                one more hop on every API call.
              </span>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The server's side of the sign-in, which the browser never sees: a fixed explanation plus what the BFF reports. */
function ServerSteps({ session }: { session?: SignedIn }) {
  return (
    <section className="card" aria-labelledby="server-steps-heading">
      <h2 id="server-steps-heading">What the server did</h2>
      <ol className="server-steps">
        <li>
          <strong>Start:</strong> <code>GET /bff/login</code>. The BFF made the <code>state</code> and the PKCE
          verifier, kept them on the server, set a short-lived <code>__Host-evo-bff-login</code> cookie binding them to
          this browser, and sent you to the identity provider as client{' '}
          <code>{session?.clientId ?? 'evo-sandbox-web'}</code>.
        </li>
        <li>
          <strong>Callback:</strong> the provider sent you to <code>/bff/callback?code=…&amp;state=…&amp;iss=…</code>.
          The BFF checked the state, the browser binding and the issuer (RFC 9207).
        </li>
        <li>
          <strong>Code exchange, server to provider:</strong>
          <pre className="server-request">
            {`POST /connect/token
grant_type=authorization_code&code=…&code_verifier=…
client_id=${session?.clientId ?? 'evo-sandbox-web'}&client_secret=••••••••`}
          </pre>
          The client secret and the tokens in the answer stay on the server; this browser never saw this request.
        </li>
        <li>
          <strong>Session cookie:</strong> a new random id (never one from before sign-in), sent as{' '}
          <code>__Host-evo-bff</code> with <code>HttpOnly; Secure; SameSite=Lax; Path=/</code>. The tokens are sealed in{' '}
          {session ? <code>{session.session.store}</code> : 'the session store'}.
        </li>
        <li>
          <strong>Every Evo call:</strong> this page asks <code>/bff/evo/…</code> with the cookie and{' '}
          <code>X-Evo-BFF: 1</code>; the BFF adds <code>Authorization: Bearer ••••••••</code> and forwards it to the
          Discovery URL or a hub Discovery named, nowhere else, and renews with the refresh token when needed.
        </li>
      </ol>
    </section>
  );
}

function SignedInCard({ session, onSignOut }: { session: SignedIn; onSignOut: () => void }) {
  const expires = new Date(session.accessTokenExpiresAt);
  return (
    <>
      <section className="card signed-in" aria-labelledby="bff-who-heading">
        <div className="card-heading">
          <h2 id="bff-who-heading">Signed in as {session.who.name ?? session.who.email ?? session.who.sub}</h2>
          <button type="button" className="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
        <p>
          Web app mode: the access token
          {session.refreshToken === 'none' ? ' is' : ' and the refresh token are'} on the server. This page holds
          neither; it sees only what <code>/bff/session</code> returns.
        </p>
        <dl className="bff-facts">
          <dt>Access token expires</dt>
          <dd>{expires.toLocaleString()}</dd>
          <dt>Granted scopes</dt>
          <dd>{session.scopes.join(' ')}</dd>
          <dt>Session ends</dt>
          <dd>
            after idle until {new Date(session.session.idleExpiresAt).toLocaleTimeString()}, at the latest{' '}
            {new Date(session.session.absoluteExpiresAt).toLocaleString()}
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="bff-claims-heading">
        <h2 id="bff-claims-heading">
          Token claims <span className="server-badge">decoded on the server</span>
        </h2>
        <ClaimsTable
          caption="The access token's claims, as the BFF decoded them; the token itself never reached this page."
          values={session.claims}
          glossary={claimMeaning}
          now={new Date()}
        />
      </section>
    </>
  );
}

interface WebAppHomeProps {
  env: AppEnv;
  settings: ConnectionSettings;
  onSaveSettings: (settings: ConnectionSettings) => void;
  settingsNotices: ReactNode;
}

/** The page in Web app mode: sign-in, the session and Evo all through the BFF. */
export function WebAppHome({ env, settings, onSaveSettings, settingsNotices }: WebAppHomeProps) {
  const [state, setState] = useState<State>({ phase: 'checking' });
  const [status, setStatus] = useState<{ dirty: boolean; errors: SettingsErrors }>({ dirty: false, errors: {} });
  const onStatus = useCallback((next: { dirty: boolean; errors: SettingsErrors }) => setStatus(next), []);

  useEffect(() => {
    let live = true;
    readBffSession()
      .then((session) => {
        if (!live) return;
        setState(session.signedIn ? { phase: 'signed-in', session } : { phase: 'signed-out', reason: session.reason });
      })
      .catch((error: unknown) => {
        if (live) {
          setState({
            phase: 'failed',
            message: `${error instanceof Error ? error.message : 'No answer.'} Is the BFF running? npm start runs it beside the sandbox.`,
          });
        }
      });
    return () => {
      live = false;
    };
  }, []);

  const signOut = () => {
    bffSignOut()
      .then(({ endSessionUrl }) => {
        if (endSessionUrl) window.location.assign(endSessionUrl);
        else setState({ phase: 'signed-out' });
      })
      .catch((error: unknown) =>
        setState({ phase: 'failed', message: error instanceof Error ? error.message : 'Sign-out failed.' }),
      );
  };

  const connection = (
    <section className="card" aria-labelledby="bff-settings-heading">
      <h2 id="bff-settings-heading">Connection</h2>
      <SettingsForm
        key={JSON.stringify(settings)}
        env={env}
        saved={settings}
        onSave={onSaveSettings}
        onStatus={onStatus}
        redirectUri={bffUrl('callback')}
        shareLink={shareLink(settings, appBaseUrl())}
      />
    </section>
  );

  let body: ReactNode;
  if (state.phase === 'checking') {
    body = (
      <p role="status" className="big-status">
        Asking the BFF whether this browser has a session…
      </p>
    );
  } else if (state.phase === 'signed-in') {
    body = (
      <>
        <SignedInCard session={state.session} onSignOut={signOut} />
        <BffWorkbench session={state.session} discoveryUrl={settings.discoveryUrl} environment={settings.environment} />
        <ServerSteps session={state.session} />
        <AppTypeComparison />
        {connection}
      </>
    );
  } else {
    const blocked = status.dirty;
    body = (
      <>
        <section className="card intro" aria-labelledby="bff-intro-heading">
          <h2 id="bff-intro-heading">Sign in as a Web app</h2>
          <p>
            In this mode the lab&apos;s backend-for-frontend signs in for you as a confidential client (authorization
            code, PKCE and a client secret) and keeps the tokens on the server. This page gets one HttpOnly cookie and
            calls Evo through <code>/bff/evo/…</code>.
          </p>
          {state.phase === 'failed' ? (
            <Notice tone="error" title="The BFF did not answer">
              <p>{state.message}</p>
            </Notice>
          ) : null}
          {state.phase === 'signed-out' && state.reason ? (
            <Notice tone="info" title="Not signed in">
              <p>{state.reason}</p>
            </Notice>
          ) : null}
          <div className="sign-in-row">
            <button
              type="button"
              className="button button-primary"
              disabled={blocked}
              onClick={() => window.location.assign(bffUrl('login'))}
            >
              Sign in (Web app)
            </button>
            <p className="muted" aria-live="polite">
              {blocked
                ? 'Save your changes to sign in with them.'
                : 'The server uses its own registration and scopes (BFF_* settings), not the client ID below.'}
            </p>
          </div>
        </section>
        <AppTypeComparison />
        {connection}
        <ServerSteps />
      </>
    );
  }

  return (
    <div className="page">
      <header className="app-header">
        <div>
          <h1>Evo Sign-in Lab</h1>
          <p className="tagline">Web app mode: a backend-for-frontend holds the token; this page holds a cookie.</p>
        </div>
        <p className={`env-badge env-${settings.environment}`}>
          {env.presets[settings.environment].label}
          <span className="env-authority">Web app (BFF)</span>
        </p>
      </header>
      <main>
        {settingsNotices}
        {body}
      </main>
      <footer className="app-footer">
        Web app mode: tokens stay on the server; this browser keeps only an HttpOnly session cookie. Settings (never
        tokens) are saved in this browser.
      </footer>
    </div>
  );
}
