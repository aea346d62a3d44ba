import { useId, useState } from 'react';
import type { InstanceView, TokenIdentity } from '../evo/discovery.ts';
import { discoveryEndpoint } from '../evo/discovery.ts';
import { ENDPOINT_TEMPLATES, fillTemplate, type EndpointTemplate } from '../config/endpoints.ts';
import { sendWithBearer } from '../http/index.ts';
import { CopyButton } from '../ui/CopyButton.tsx';
import { prettyJson } from './prettyJson.ts';
import { curlSnippet, fetchSnippet, pythonSnippet, type SnippetRequest } from './snippets.ts';

/** The console's templates: the Evo endpoints the lab knows (shared with the exports). */
const TEMPLATES = ENDPOINT_TEMPLATES;
type Template = EndpointTemplate;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Splits `https://host/path?a=1&b=2` into the address and its query rows. */
function splitQuery(url: string): { address: string; rows: [string, string][] } {
  const index = url.indexOf('?');
  if (index < 0) return { address: url, rows: [] };
  return { address: url.slice(0, index), rows: [...new URLSearchParams(url.slice(index + 1))] };
}

function joinQuery(address: string, rows: [string, string][]): string {
  const kept = rows.filter(([name]) => name.trim() !== '');
  if (kept.length === 0) return address;
  return `${address}?${new URLSearchParams(kept).toString()}`;
}

interface Answer {
  status?: number;
  durationMs: number;
  body?: string;
  problem?: string;
}

/** Sends one console request (only to a host the token may go to) and reads its answer. */
async function sendConsoleRequest(
  token: TokenIdentity,
  url: string,
  method: string,
  body: string | undefined,
): Promise<Answer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const exchange = await sendWithBearer(token.credential, url, { source: 'console', method, body });
  if ('failure' in exchange) {
    if (exchange.failure === 'refused-host') {
      return {
        durationMs: 0,
        problem: `Not sent: ${exchange.error} The token goes only to the Discovery host in the settings and to hubs Discovery named for it.`,
      };
    }
    return {
      durationMs: elapsed(),
      problem:
        exchange.failure === 'blocked-by-policy' || exchange.failure === 'redirected'
          ? exchange.error
          : exchange.failure === 'timeout'
            ? 'No answer in time.'
            : 'No answer: the service may be down, or the browser blocked the call (CORS).',
    };
  }
  return { status: exchange.response.status, durationMs: elapsed(), body: await exchange.response.text() };
}

interface RequestConsoleProps {
  token: TokenIdentity;
  instances: readonly InstanceView[] | undefined;
  chosen: { instanceId?: string; hubUrl?: string; workspaceId?: string };
}

/**
 * Send a request of your own to an Evo API with this token: a known endpoint's template with the
 * ids this page has seen filled in, or any path under the Discovery host or a hub Discovery named.
 */
export function RequestConsole({ token, instances, chosen }: RequestConsoleProps) {
  const ids = { template: useId(), method: useId(), url: useId(), body: useId() };
  const instance = instances?.find((item) => item.id === chosen.instanceId) ?? instances?.[0];
  const hub = chosen.hubUrl ?? instance?.access.find((access) => access.hub.url)?.hub.url;
  const values = { org_id: instance?.id, workspace_id: chosen.workspaceId };
  const resolve = (template: Template) =>
    `${template.base === 'discovery' ? token.discoveryUrl.replace(/\/+$/, '') : (hub ?? '{hub_url}').replace(/\/+$/, '')}${fillTemplate(template.path, values)}`;
  const first = splitQuery(resolve(TEMPLATES[1]!));
  const [template, setTemplate] = useState(1);
  const [method, setMethod] = useState<(typeof METHODS)[number]>('GET');
  const [address, setAddress] = useState(first.address);
  const [rows, setRows] = useState<[string, string][]>(first.rows);
  const [body, setBody] = useState('{}');
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [sending, setSending] = useState(false);
  const url = joinQuery(address, rows);
  const request: SnippetRequest = {
    method,
    url,
    headers: [
      ['Authorization', 'Bearer token'],
      ['Accept', 'application/json'],
    ],
    body: method === 'GET' || method === 'DELETE' ? undefined : body,
  };
  const unfilled = /\{(org_id|workspace_id|hub_url)\}/.exec(url)?.[1];

  const choose = (index: number) => {
    setTemplate(index);
    const parts = splitQuery(resolve(TEMPLATES[index]!));
    setAddress(parts.address);
    setRows(parts.rows);
    setAnswer(undefined);
  };

  const send = () => {
    setSending(true);
    void sendConsoleRequest(token, url, method, request.body)
      .then(setAnswer)
      .finally(() => setSending(false));
  };

  const pretty = prettyJson(answer?.body);

  return (
    <form
      className="request-console"
      onSubmit={(event) => {
        event.preventDefault();
        if (!sending) send();
      }}
    >
      <p className="muted">
        Calls go {token.bearerAttachedBy ? `through ${token.bearerAttachedBy}` : 'with this token as a bearer token'},
        only to the Discovery host (
        <code className="breakable">{discoveryEndpoint(token.discoveryUrl).split('/evo/')[0]}</code>) or a hub that
        Discovery named. Every call shows in the exchange log.
      </p>
      <p className="console-field">
        <label htmlFor={ids.template}>Endpoint</label>
        <select id={ids.template} value={template} onChange={(event) => choose(Number(event.target.value))}>
          {TEMPLATES.map((item, index) => (
            <option key={item.label} value={index}>
              {item.label}
            </option>
          ))}
        </select>
      </p>
      <div className="console-line">
        <p className="console-field">
          <label htmlFor={ids.method}>Method</label>
          <select
            id={ids.method}
            value={method}
            onChange={(event) => setMethod(event.target.value as (typeof METHODS)[number])}
          >
            {METHODS.map((item) => (
              <option key={item}>{item}</option>
            ))}
          </select>
        </p>
        <p className="console-field console-url">
          <label htmlFor={ids.url}>URL</label>
          <input
            id={ids.url}
            className="input"
            value={address}
            spellCheck={false}
            onChange={(event) => setAddress(event.target.value)}
          />
        </p>
      </div>
      {method !== 'GET' ? (
        <p className="field-warning" role="status">
          {method} changes data in Evo, for real, as the person this token belongs to. Check the URL and body first.
        </p>
      ) : null}
      <fieldset className="console-query">
        <legend>Query parameters</legend>
        {rows.map(([name, value], index) => (
          <div className="input-row" key={index}>
            <input
              className="input"
              aria-label={`Parameter ${index + 1} name`}
              value={name}
              onChange={(event) => setRows(rows.map((row, at) => (at === index ? [event.target.value, row[1]] : row)))}
            />
            <input
              className="input"
              aria-label={`Parameter ${index + 1} value`}
              value={value}
              onChange={(event) => setRows(rows.map((row, at) => (at === index ? [row[0], event.target.value] : row)))}
            />
            <button
              type="button"
              className="button button-small"
              onClick={() => setRows(rows.filter((_, at) => at !== index))}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-small" onClick={() => setRows([...rows, ['', '']])}>
          Add a parameter
        </button>
      </fieldset>
      {request.body !== undefined ? (
        <p className="console-field">
          <label htmlFor={ids.body}>JSON body</label>
          <textarea
            id={ids.body}
            className="input"
            rows={4}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </p>
      ) : null}
      {unfilled ? (
        <p className="field-hint">
          Fill <code>{`{${unfilled}}`}</code> in the URL:{' '}
          {unfilled === 'workspace_id'
            ? 'list an instance’s workspaces and press Probe on one, or type an id.'
            : 'Discovery has not named one yet.'}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={sending || undefined}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      {answer ? (
        <section className="console-answer" aria-label="Answer" aria-live="polite">
          <p>
            <strong>{answer.status !== undefined ? `Status ${answer.status}` : 'No answer'}</strong> in{' '}
            {answer.durationMs} ms
          </p>
          {answer.problem ? <p className="field-warning">{answer.problem}</p> : null}
          {pretty ? <pre className="code-block">{pretty}</pre> : null}
        </section>
      ) : null}
      <details className="console-snippets">
        <summary>This request as code (the token from $EVO_ACCESS_TOKEN)</summary>
        {(
          [
            ['curl', curlSnippet],
            ['fetch', fetchSnippet],
            ['Python requests', pythonSnippet],
          ] as const
        ).map(([label, make]) => (
          <div key={label}>
            <h4>{label}</h4>
            <pre className="code-block">{make(request)}</pre>
            <CopyButton label={`Copy ${label}`} value={() => make(request)} />
          </div>
        ))}
      </details>
    </form>
  );
}
