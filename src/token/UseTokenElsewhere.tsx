import { CopyButton } from '../ui/CopyButton.tsx';

interface UseTokenElsewhereProps {
  token: string;
  /**
   * curl for Discovery, the token read from `$EVO_ACCESS_TOKEN` and the URL quoted for the shell
   * (the console's snippet): no token on the command line, where `ps` and history would see it.
   */
  curl: string;
  /** Why the page could not check this token (not a JWT, say); undefined when it could. */
  unchecked?: string;
}

/** Shows a token with most of it hidden: enough to recognise it, not enough to use it. */
export function elide(token: string): string {
  return token.length <= 16 ? '…' : `${token.slice(0, 10)}…${token.slice(-4)} (${token.length} characters)`;
}

/** Copying the token out of the app: only on an explicit press, with a warning. */
export function UseTokenElsewhere({ token, curl, unchecked }: UseTokenElsewhereProps) {
  return (
    <section className="card" aria-labelledby="elsewhere-heading">
      <h2 id="elsewhere-heading">Use this token elsewhere</h2>
      <p className="field-warning">
        Treat an access token like a password: anyone who has it can call Evo as you until it expires. Paste it only
        into tools you trust, never into chat, tickets or a repository.
      </p>
      <p className="muted">
        Token <code>{elide(token)}</code>
      </p>
      <div className="button-row">
        <CopyButton label="Copy the access token" value={() => token} />
        <CopyButton
          label={unchecked ? 'Copy curl for Discovery (a token this page could not check)' : 'Copy curl for Discovery'}
          value={() => curl}
        />
        <CopyButton label="Copy EVO_ACCESS_TOKEN= line for .env" value={() => `EVO_ACCESS_TOKEN=${token}`} />
      </div>
      {unchecked ? (
        <p className="field-warning">The curl line uses a token this page could not check: {unchecked}</p>
      ) : null}
      <p className="muted">
        The curl line reads the token from <code>$EVO_ACCESS_TOKEN</code> (set it first, for example from the .env
        line), so it never appears on a command line where <code>ps</code> or the shell history would keep it.
      </p>
      <pre className="code-block" aria-label="curl for Discovery">
        {curl}
      </pre>
    </section>
  );
}
