import './bff.css';
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import * as z from 'zod/mini';
import type { AppEnv } from '../config/env.ts';
import { discoverySchema } from '../evo/discoverySchemas.ts';
import type { ConnectionSettings, SettingsErrors } from '../settings/connectionSettings.ts';
import { SettingsForm } from '../settings/SettingsForm.tsx';
import { shareLink } from '../settings/shareLink.ts';
import { claimMeaning } from '../token/claimGlossary.ts';
import { ClaimsTable } from '../token/ClaimsTable.tsx';
import { lazyModule } from '../ui/lazyModule.ts';
import { Loaded } from '../ui/Loaded.tsx';
import { Notice } from '../ui/Notice.tsx';
import { bffEvoUrl, bffFetch, bffSignOut, bffUrl, problemText, readBffSession, type BffSession } from './bffClient.ts';

const exchangeLogPanel = lazyModule(() =>
  import('../console/ExchangeLogPanel.tsx').then((module) => module.ExchangeLogPanel),
);

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

type Discovered = z.infer<typeof discoverySchema>['discovery'];

function DiscoveryCard({ discoveryUrl }: { discoveryUrl: string }) {
  const [state, setState] = useState<
    { phase: 'loading' } | { phase: 'ready'; discovery: Discovered } | { phase: 'failed'; message: string }
  >({ phase: 'loading' });
  const [workspaces, setWorkspaces] = useState<Record<string, string[] | string>>({});

  useEffect(() => {
    const controller = new AbortController();
    const url = `${discoveryUrl.replace(/\/+$/, '')}/evo/identity/v2/discovery?service=evo`;
    bffFetch(bffEvoUrl(url), { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(await problemText(response));
        const parsed = z.safeParse(discoverySchema, await response.json());
        if (!parsed.success) throw new Error('Discovery answered in a shape the lab does not read.');
        setState({ phase: 'ready', discovery: parsed.data.discovery });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ phase: 'failed', message: error instanceof Error ? error.message : 'Discovery failed.' });
        }
      });
    return () => controller.abort();
  }, [discoveryUrl]);

  const listWorkspaces = (orgId: string, hubUrl: string) => {
    setWorkspaces((current) => ({ ...current, [orgId]: 'Loading…' }));
    bffFetch(bffEvoUrl(`${hubUrl.replace(/\/+$/, '')}/workspace/orgs/${orgId}/workspaces?limit=5`))
      .then(async (response) => {
        if (!response.ok) throw new Error(await problemText(response));
        const body = (await response.json()) as { results?: { name?: unknown }[] };
        const names = (body.results ?? []).map((item) => (typeof item.name === 'string' ? item.name : '(no name)'));
        setWorkspaces((current) => ({ ...current, [orgId]: names }));
      })
      .catch((error: unknown) =>
        setWorkspaces((current) => ({
          ...current,
          [orgId]: error instanceof Error ? error.message : 'The workspaces could not be listed.',
        })),
      );
  };

  let body: ReactNode;
  if (state.phase === 'loading') body = <p role="status">Asking Discovery through the BFF…</p>;
  else if (state.phase === 'failed') {
    body = (
      <Notice tone="error" title="Discovery through the BFF failed">
        <p>{state.message}</p>
      </Notice>
    );
  } else {
    const { organizations, hubs, service_access: access } = state.discovery;
    body =
      organizations.length === 0 ? (
        <p>Discovery answered: this person is a member of no Evo instance.</p>
      ) : (
        <ul className="bff-instances">
          {organizations.map((org) => {
            const hubCode = access.find((item) => item.org_id === org.id)?.hub_code;
            const hub = hubs.find((item) => item.code === hubCode);
            const listed = workspaces[org.id];
            return (
              <li key={org.id}>
                <strong>{org.display_name}</strong> <span className="muted">on {hub?.display_name ?? hubCode}</span>
                {hub ? (
                  <button type="button" className="button button-small" onClick={() => listWorkspaces(org.id, hub.url)}>
                    List workspaces
                  </button>
                ) : null}
                {Array.isArray(listed) ? (
                  <ul className="chips">
                    {listed.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                ) : listed ? (
                  <p className="muted">{listed}</p>
                ) : null}
              </li>
            );
          })}
        </ul>
      );
  }
  return (
    <section className="card" aria-labelledby="bff-discovery-heading">
      <h2 id="bff-discovery-heading">Evo instances (Discovery through the BFF)</h2>
      {body}
    </section>
  );
}

/** A small console: any Evo GET through the BFF, answered as the page would see it. */
function BffConsole({ discoveryUrl }: { discoveryUrl: string }) {
  const inputId = useId();
  const [url, setUrl] = useState(`${discoveryUrl.replace(/\/+$/, '')}/evo/identity/v2/discovery?service=evo`);
  const [answer, setAnswer] = useState<{ status: string; body: string } | undefined>();
  const send = () => {
    let target: string;
    try {
      target = bffEvoUrl(url);
    } catch {
      setAnswer({ status: 'Not sent', body: `"${url}" is not an address; enter a full https:// or http:// URL.` });
      return;
    }
    setAnswer({ status: 'Sending…', body: '' });
    bffFetch(target)
      .then(async (response) => {
        const text = await response.text();
        let body = text;
        try {
          body = JSON.stringify(JSON.parse(text), null, 2);
        } catch {
          // not JSON: shown as it came
        }
        setAnswer({
          status: `${response.status} ${response.headers.get('x-evo-bff') ?? ''}`.trim(),
          body: body.length > 6000 ? `${body.slice(0, 6000)}… (${body.length} characters in all)` : body,
        });
      })
      .catch((error: unknown) =>
        setAnswer({ status: 'No answer', body: error instanceof Error ? error.message : 'The BFF did not answer.' }),
      );
  };
  return (
    <section className="card" aria-labelledby="bff-console-heading">
      <h2 id="bff-console-heading">Call Evo through the BFF</h2>
      <form
        className="bff-console"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <label className="field-label" htmlFor={inputId}>
          Evo URL (GET; sent as <code>/bff/evo/…</code>, the server adds the bearer)
        </label>
        <div className="input-row">
          <input id={inputId} className="input" value={url} onChange={(event) => setUrl(event.target.value)} />
          <button type="submit" className="button">
            Send
          </button>
        </div>
      </form>
      {answer ? (
        <div aria-live="polite">
          <p>
            <strong>{answer.status}</strong>
          </p>
          {answer.body ? (
            // Scrolls inside itself, and can be reached from the keyboard to do so.
            <pre className="server-request bff-answer" tabIndex={0} aria-label="The answer">
              {answer.body}
            </pre>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ExchangesCard() {
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby="bff-exchanges-heading">
      <div className="card-heading">
        <h2 id="bff-exchanges-heading">This browser&apos;s calls</h2>
        <button type="button" className="button button-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide them' : 'Show them'}
        </button>
      </div>
      <p className="muted">
        Each call goes to this page&apos;s own origin with the cookie (which script cannot read, so it is not listed)
        and <code>X-Evo-BFF: 1</code>; none carries a bearer.
      </p>
      {open ? (
        <Loaded module={exchangeLogPanel} what="exchange log">
          {(ExchangeLogPanel) => <ExchangeLogPanel />}
        </Loaded>
      ) : null}
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
        shareLink={shareLink(settings, new URL(import.meta.env.BASE_URL, window.location.origin).href)}
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
        <DiscoveryCard discoveryUrl={settings.discoveryUrl} />
        <BffConsole discoveryUrl={settings.discoveryUrl} />
        <ServerSteps session={state.session} />
        <AppTypeComparison />
        <ExchangesCard />
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
