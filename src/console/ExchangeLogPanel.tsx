import { memo, useState, useSyncExternalStore } from 'react';
import { Breakable } from '../ui/Breakable.tsx';
import { CopyButton } from '../ui/CopyButton.tsx';
import { Masked } from '../ui/Masked.tsx';
import './console.css';
import { clearExchanges, exchanges, maskedExchange, subscribeExchanges, type ExchangeEntry } from '../http/index.ts';
import { prettyJson } from './prettyJson.ts';
import { curlSnippet } from './snippets.ts';

const SOURCE_WORDS: Record<ExchangeEntry['source'], string> = {
  oidc: 'sign-in library',
  evo: 'Evo client',
  console: 'console',
  signature: 'signature check',
  redirect: 'page redirect',
};

function Headers({ label, headers }: { label: string; headers: [string, string][] }) {
  if (headers.length === 0) return null;
  return (
    <table className="exchange-headers stack-table">
      <caption>{label}</caption>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${name}-${index}`}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td data-label="Value">
              <code className="breakable">{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One exchange. Closed, only its summary line is drawn (its address without the query, where any
 * secret would be): the bodies are read and masked when it is opened. An entry is replaced, not
 * changed, when its answer comes, so a new exchange redraws only itself.
 */
const Exchange = memo(function Exchange({ entry }: { entry: ExchangeEntry }) {
  const [open, setOpen] = useState(false);
  const address = (() => {
    try {
      const url = new URL(entry.url);
      return `${url.origin}${url.pathname}`;
    } catch {
      return entry.url;
    }
  })();
  const outcome =
    entry.source === 'redirect'
      ? 'redirect'
      : entry.status !== undefined
        ? String(entry.status)
        : entry.failure
          ? 'no answer'
          : '…';
  const failed = entry.failure !== undefined || (entry.status !== undefined && entry.status >= 400);
  return (
    <li className={failed ? 'exchange exchange-failed' : 'exchange'}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span className="exchange-method">{entry.method}</span> <span className="exchange-status">{outcome}</span>{' '}
          <code className="breakable">
            <Breakable text={address} />
          </code>{' '}
          <span className="muted">
            {entry.durationMs !== undefined ? `${entry.durationMs} ms · ` : ''}
            {SOURCE_WORDS[entry.source]}
            {entry.carried ? ' · from before the redirect, secrets dropped' : ''}
          </span>
        </summary>
        {open ? <ExchangeDetail entry={entry} /> : null}
      </details>
    </li>
  );
});

function ExchangeDetail({ entry }: { entry: ExchangeEntry }) {
  const shown = maskedExchange(entry);
  return (
    <>
      <p>
        <code className="breakable">
          {entry.method} <Breakable text={shown.url} />
        </code>
      </p>
      {entry.failure ? <p className="field-warning">{entry.failure}</p> : null}
      <Headers label="Request headers" headers={shown.requestHeaders} />
      {shown.requestBody !== undefined ? (
        <>
          <h4>Request body</h4>
          <pre className="code-block">{prettyJson(shown.requestBody)}</pre>
        </>
      ) : null}
      {shown.responseHeaders ? <Headers label="Response headers" headers={shown.responseHeaders} /> : null}
      {shown.responseBody !== undefined && shown.responseBody !== '' ? (
        <>
          <h4>Response body</h4>
          <pre className="code-block">{prettyJson(shown.responseBody)}</pre>
        </>
      ) : null}
      {shown.secrets.length > 0 ? (
        <>
          <h4>Secrets in this exchange (masked; reveal one at a time)</h4>
          <ul className="exchange-secrets">
            {shown.secrets.map((secret, index) => (
              <li key={`${secret.where}-${secret.name}-${index}`}>
                {secret.name} ({secret.where}): <Masked value={secret.value} label={secret.name} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {entry.source !== 'redirect' ? (
        <div className="button-row">
          <CopyButton
            label="Copy as curl"
            value={() =>
              curlSnippet({
                method: entry.method,
                url: entry.url,
                headers: entry.requestHeaders,
                body: entry.requestBody,
              })
            }
          />
        </div>
      ) : null}
    </>
  );
}

/** Every exchange of this tab, newest first, secrets masked. */
export function ExchangeLogPanel() {
  const list = useSyncExternalStore(subscribeExchanges, exchanges);
  return (
    <div className="exchange-log">
      <p className="muted">
        Every HTTP exchange this tab made, newest first: the sign-in library&apos;s calls to the provider, the
        app&apos;s Evo calls, the signature check&apos;s key fetch, console calls, and the redirects. Secrets (the
        bearer token, <code>access_token</code>, <code>refresh_token</code>, <code>code</code>,{' '}
        <code>code_verifier</code>) are masked; <strong>Copy as curl</strong> reads them from shell variables such as{' '}
        <code>$EVO_ACCESS_TOKEN</code>. Nothing here is kept beyond this tab.
      </p>
      <div className="button-row">
        <button type="button" className="button button-small" onClick={clearExchanges} disabled={list.length === 0}>
          Clear the log
        </button>
      </div>
      {list.length === 0 ? (
        <p>No exchanges yet.</p>
      ) : (
        <ol className="exchanges" aria-label="Exchanges" reversed>
          {[...list].reverse().map((entry) => (
            <Exchange key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </div>
  );
}
