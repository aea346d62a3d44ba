import { CopyButton } from '../ui/CopyButton.tsx';

interface SetupGuideProps {
  redirectUri: string;
  postLogoutRedirectUri: string;
}

function CopyLine({ label, value }: { label: string; value: string }) {
  return (
    <div className="input-row guide-copy">
      <code aria-label={label}>{value}</code>
      <CopyButton value={() => value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}

/**
 * How to get a client ID for real Bentley IMS: registering a single-page app in the Seequent
 * Developer Portal, with this page's own addresses to paste. Loaded only when asked for.
 */
export function SetupGuide({ redirectUri, postLogoutRedirectUri }: SetupGuideProps) {
  return (
    <section className="card guide" aria-labelledby="guide-heading">
      <h2 id="guide-heading">Register an Evo app to sign in with Bentley IMS</h2>
      <ol className="guide-steps">
        <li>
          Sign in to the <strong>Seequent Developer Portal</strong> with the Bentley account you use for Evo, and create
          a new app registration.
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
      <h3 className="subheading">Service and native apps</h3>
      <p>
        A service app signs in with a client secret (client credentials), and a secret must never reach a browser, where
        anyone can read it. Get such a token where the secret lives (your server, or a script using the Evo Python SDK),
        then paste it under &ldquo;Already have a token?&rdquo; to inspect it and call Discovery with it here.
      </p>
    </section>
  );
}
