import { SANDBOX_PASSWORD, SANDBOX_USERS } from '../users.ts';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #eef2f6; color: #17212b; }
  main { width: min(28rem, 92vw); background: #fff; border-radius: 12px; padding: 2rem; box-shadow: 0 4px 24px #0002; }
  h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
  p { line-height: 1.45; }
  .muted { color: #4a5866; font-size: .92rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
  input { width: 100%; box-sizing: border-box; font: inherit; padding: .55rem .65rem; border: 1px solid #8a97a5; border-radius: 6px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.4rem; }
  button { font: inherit; padding: .55rem 1.1rem; border-radius: 6px; border: 1px solid #0b5cad; cursor: pointer; }
  button[type=submit] { background: #0b5cad; color: #fff; font-weight: 600; }
  button.secondary { background: #fff; color: #0b5cad; }
  .error { background: #fdecec; border: 1px solid #d23f3f; color: #8b1c1c; padding: .6rem .75rem; border-radius: 6px; }
  table { border-collapse: collapse; width: 100%; font-size: .88rem; margin-top: .5rem; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #dde3e9; }
  code { font-size: .9em; }
  .badge { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
           background: #fff4d6; color: #6b4b00; border: 1px solid #e0b44c; padding: .1rem .45rem; border-radius: 4px; }
  @media (prefers-color-scheme: dark) {
    body { background: #10161c; color: #e6edf3; } main { background: #1b232c; }
    .muted { color: #a9b6c3; } input { background: #10161c; color: inherit; }
    button.secondary { background: transparent; color: #8cc4ff; border-color: #8cc4ff; }
    th, td { border-color: #2c3743; }
  }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export interface LoginPageOptions {
  action: string;
  clientName: string;
  email?: string;
  error?: string;
}

/** The sandbox's sign-in form: fields found by label, a list of the users it knows. */
export function loginPage({ action, clientName, email = '', error }: LoginPageOptions): string {
  const users = SANDBOX_USERS.map(
    (user) => `<tr><td><code>${escapeHtml(user.email)}</code></td><td>${escapeHtml(user.purpose)}</td></tr>`,
  ).join('');
  return page(
    'Sign in - IMS sandbox',
    `<span class="badge">Local sandbox</span>
<h1>Sign in</h1>
<p class="muted">to continue to <strong>${escapeHtml(clientName)}</strong>. This is the project's stand-in for Bentley IMS; nothing leaves this machine.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" required value="${escapeHtml(email)}" ${email ? '' : 'autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required ${email ? 'autofocus' : ''}>
  <div class="actions">
    <button type="submit" name="action" value="login">Sign in</button>
    <button type="submit" class="secondary" name="action" value="cancel" formnovalidate>Cancel</button>
  </div>
</form>
<p class="muted">Sandbox users (password <code>${escapeHtml(SANDBOX_PASSWORD)}</code>):</p>
<table><thead><tr><th>Email</th><th>What they have</th></tr></thead><tbody>${users}</tbody></table>`,
  );
}

/** Shown for a request the provider cannot send back to the app (bad client or redirect URI). */
export function errorPage(error: string, description: string | undefined): string {
  return page(
    'Sign-in error - IMS sandbox',
    `<span class="badge">Local sandbox</span>
<h1>This sign-in request was refused</h1>
<p class="error" role="alert"><strong>${escapeHtml(error)}</strong>${description ? `: ${escapeHtml(description)}` : ''}</p>
<p class="muted">The provider could not send this error back to the app, because the request named an unknown client or a redirect URI that client has not registered. Check the client ID and open the app at the address its registration names (for the sandbox, <code>http://localhost:3000</code>).</p>`,
  );
}

/**
 * The end-session page. IMS signs out without asking, so this submits the provider's own form
 * (with its CSRF field) at once; the button is there for a browser without JavaScript.
 */
export function logoutPage(form: string): string {
  const withConfirm = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return page(
    'Signing out - IMS sandbox',
    `<h1>Signing out…</h1>${withConfirm}
<noscript><button form="op.logoutForm" type="submit">Sign out</button></noscript>
<script>document.forms[0].submit()</script>`,
  );
}

/** Shown when a sign-out had no (registered) place to return to. */
export function signedOutPage(): string {
  return page('Signed out - IMS sandbox', '<h1>You are signed out</h1><p class="muted">You can close this tab.</p>');
}
