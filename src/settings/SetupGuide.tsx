import './guide.css';
import { Breakable } from '../ui/Breakable.tsx';
import { CopyButton } from '../ui/CopyButton.tsx';

interface SetupGuideProps {
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Folds the guide away (the Close button; Escape does the same). */
  onClose: () => void;
}

function CopyLine({ label, value }: { label: string; value: string }) {
  return (
    <div className="input-row guide-copy">
      <code aria-label={label}>{value}</code>
      <CopyButton value={() => value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}

/** Where Evo apps are registered, and Seequent's own guide to it. */
const PORTAL_URL = 'https://developer.seequent.com/';
const PORTAL_GUIDE_URL = 'https://developer.seequent.com/docs/guides/getting-started/apps-and-tokens';

/**
 * How to get a client ID for real Bentley IMS: registering a single-page app in the Seequent
 * Developer Portal, with this page's own addresses to paste. Loaded only when asked for.
 */
export function SetupGuide({ redirectUri, postLogoutRedirectUri, onClose }: SetupGuideProps) {
  return (
    <section className="card guide" aria-labelledby="guide-heading">
      <div className="card-heading">
        <h2 id="guide-heading">Register an Evo app to sign in with Bentley IMS</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close the guide
        </button>
      </div>
      <ol className="guide-steps">
        <li>
          Sign in to the{' '}
          <a href={PORTAL_URL} target="_blank" rel="noreferrer noopener">
            Seequent Developer Portal
          </a>{' '}
          (<code>{PORTAL_URL}</code>) with the Bentley account you use for Evo, and create a new app on its{' '}
          <strong>My apps</strong> page (Seequent&apos;s guide:{' '}
          <a href={PORTAL_GUIDE_URL} target="_blank" rel="noreferrer noopener">
            Apps &amp; tokens
          </a>
          ).
        </li>
        <li>
          Choose the <strong>single-page application (SPA)</strong> type. It is a public client: it has no secret and
          proves itself with PKCE instead.
        </li>
        <li>
          Add this page&apos;s redirect URI exactly as shown (scheme, host, port and path must match character for
          character):
          <CopyLine label="Redirect URI" value={redirectUri} />
        </li>
        <li>
          Add the post-logout redirect URI, so signing out brings you back here:
          <CopyLine label="Post-logout URI" value={postLogoutRedirectUri} />
        </li>
        <li>
          Give the registration the scopes you will ask for: always <code>evo.discovery</code> and{' '}
          <code>evo.workspace</code>; add <code>evo.object</code>, <code>evo.file</code> or <code>evo.blocksync</code>{' '}
          for those APIs. Evo registrations never get <code>openid</code>, <code>profile</code> or <code>email</code>.
        </li>
        <li>
          Copy the registration&apos;s <strong>client ID</strong>, choose <strong>Bentley IMS</strong> above, paste it
          into Client ID, save and sign in.
        </li>
      </ol>
      <h3 className="subheading">If the registration is not right</h3>
      <dl className="guide-errors">
        <dt>
          <code>invalid_scope</code>
        </dt>
        <dd>
          You asked for a scope the registration does not have. Untick it in the scope picker, or add it to the
          registration.
        </dd>
        <dt>
          <code>unauthorized_client</code> or <code>invalid_client</code>
        </dt>
        <dd>
          The client ID is wrong, belongs to the other environment (production or QA), or is not a single-page app.
        </dd>
        <dt>A provider page saying the redirect URI is invalid</dt>
        <dd>
          The redirect URI above is not registered exactly as shown; add it, or open this app at the registered address.
        </dd>
      </dl>
      <h3 className="subheading">The three kinds of Evo app</h3>
      <p>
        The portal offers three app types. This page is the first; this project&apos;s command line gets the other two.
      </p>
      {/* Scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it too. */}
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label="The three kinds of Evo app (scrolls sideways)"
      >
        <table className="app-types">
          <caption className="visually-hidden">The three kinds of Evo app</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">For</th>
              <th scope="col">Registration</th>
              <th scope="col">Redirect URI</th>
              <th scope="col">Refresh tokens</th>
              <th scope="col">Try it</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Single-page app</th>
              <td>a person, in a browser page like this one</td>
              <td>public client, PKCE, no secret</td>
              <td>this page&apos;s, above</td>
              <td>
                with <code>offline_access</code>
              </td>
              <td>this page</td>
            </tr>
            <tr>
              <th scope="row">Native app</th>
              <td>a person, from a desktop program or a script on their machine</td>
              <td>public client, PKCE, no secret</td>
              <td>
                a loopback address such as{' '}
                <code>
                  <Breakable text="http://localhost:3000/signin-callback" />
                </code>{' '}
                (the portal&apos;s preset) or{' '}
                <code>
                  <Breakable text="http://127.0.0.1/callback" />
                </code>{' '}
                with any port
              </td>
              <td>
                with <code>offline_access</code>
              </td>
              <td>
                <code>npm run token -- native --environment ims --client-id ID</code>
              </td>
            </tr>
            <tr>
              <th scope="row">Service app</th>
              <td>a program running unattended, with no person</td>
              <td>confidential client with a secret (client credentials)</td>
              <td>none</td>
              <td>none: it asks again with its secret</td>
              <td>
                <code>EVO_CLIENT_SECRET=… npm run token -- service --environment ims --client-id ID</code>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        A service app&apos;s identity must be added to the instance and to each workspace before the APIs let it in:
        Discovery lists only the instances it was added to, and a workspace it was not added to answers 403. Its secret
        must never reach a browser, where anyone can read it: get its token where the secret lives, then paste it under
        &ldquo;Paste a token&rdquo; at the top of this page to inspect it and call Discovery with it here.
      </p>
    </section>
  );
}
