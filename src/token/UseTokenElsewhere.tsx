import { CopyButton } from '../ui/CopyButton.tsx';

interface UseTokenElsewhereProps {
  token: string;
  /** The Discovery address the curl line calls. */
  discoveryEndpoint: string;
}

/** Shows a token with most of it hidden: enough to recognise it, not enough to use it. */
export function elide(token: string): string {
  return token.length <= 16 ? '…' : `${token.slice(0, 10)}…${token.slice(-4)} (${token.length} characters)`;
}

/** curl for calling Discovery with a token. */
export function curlForDiscovery(endpoint: string, token: string): string {
  return `curl -sS -H "Authorization: Bearer ${token}" "${endpoint}"`;
}

/** Copying the token out of the app: only on an explicit press, with a warning. */
export function UseTokenElsewhere({ token, discoveryEndpoint }: UseTokenElsewhereProps) {
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
        <CopyButton label="Copy curl for Discovery" value={() => curlForDiscovery(discoveryEndpoint, token)} />
        <CopyButton label="Copy EVO_ACCESS_TOKEN= line for .env" value={() => `EVO_ACCESS_TOKEN=${token}`} />
      </div>
      <pre className="code-block" aria-label="curl for Discovery, token elided">
        {curlForDiscovery(discoveryEndpoint, elide(token).split(' ')[0]!)}
      </pre>
    </section>
  );
}
