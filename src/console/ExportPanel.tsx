import { useQuery } from '@tanstack/react-query';
import {
  BRUNO_REDIRECT_URI,
  exportBaseName,
  HTTPYAC_REDIRECT_URI,
  POSTMAN_REDIRECT_URI,
  TOKEN_VARIABLE,
  type ExportConnection,
} from '../export/connection.ts';
import { brunoZip, exportFiles } from '../export/exportFiles.ts';

export type ProviderEndpoints = () => Promise<{ authorization_endpoint?: string; token_endpoint?: string }>;

export interface ExportPanelProps {
  discoveryUrl: string;
  configuration: { environment?: string; authority?: string; clientId?: string };
  /** The scopes the sign-in asked for. */
  scopes: readonly string[] | undefined;
  providerEndpoints: ProviderEndpoints | undefined;
  chosen: { instanceId?: string; hubUrl?: string; workspaceId?: string };
}

function download(name: string, type: string, content: string | Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * This connection's settings as a Postman collection and environment, a Bruno collection and a
 * `.http` file: settings only, never a token, so whoever imports them signs in as themselves.
 */
export function ExportPanel({ discoveryUrl, configuration, scopes, providerEndpoints, chosen }: ExportPanelProps) {
  const { environment, authority, clientId } = configuration;
  const endpoints = useQuery({
    queryKey: ['provider-endpoints', authority],
    queryFn: async () => {
      const metadata = await providerEndpoints!();
      if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
        throw new Error('The provider’s metadata names no authorization_endpoint or token_endpoint.');
      }
      return { authorize: metadata.authorization_endpoint, token: metadata.token_endpoint };
    },
    enabled: Boolean(providerEndpoints && authority),
    staleTime: Infinity,
    retry: false,
  });

  if (!environment || !clientId || !providerEndpoints) {
    return (
      <div className="export-panel">
        <p className="field-hint">
          An export describes a connection: its provider, client ID and scopes. A pasted token has none. Sign in with
          the settings, or write the files from a terminal: <code>npm run token -- export --format postman</code>.
        </p>
      </div>
    );
  }
  if (endpoints.isPending) return <p className="muted">Reading the provider’s endpoints…</p>;
  if (endpoints.isError) {
    return (
      <div className="export-panel">
        <p className="field-warning">
          The provider’s authorize and token endpoints could not be read ({endpoints.error.message}), and the exports
          need them.
        </p>
        <button type="button" className="button button-small" onClick={() => void endpoints.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const connection: ExportConnection = {
    environment,
    authorizationEndpoint: endpoints.data.authorize,
    tokenEndpoint: endpoints.data.token,
    clientId,
    scopes: scopes ?? [],
    discoveryUrl,
    hubUrl: chosen.hubUrl,
    orgId: chosen.instanceId,
    workspaceId: chosen.workspaceId,
  };
  const base = exportBaseName(connection);
  const [collection, postmanEnvironment] = exportFiles(connection, 'postman');
  const [http] = exportFiles(connection, 'http');

  const rows: [string, string | undefined, string][] = [
    ['Client ID', clientId, ''],
    ['Scopes', scopes?.join(' '), ''],
    ['Discovery', discoveryUrl, ''],
    ['Hub', chosen.hubUrl, 'choose an instance in Evo Discovery'],
    ['Instance (org_id)', chosen.instanceId, 'choose an instance in Evo Discovery'],
    ['Workspace (workspace_id)', chosen.workspaceId, 'press Probe on a workspace'],
  ];

  return (
    <div className="export-panel">
      <p className="muted">
        The Evo APIs as files for Postman, Bruno and your editor, for the <strong>{environment}</strong> connection.
        They hold settings only, never a token, a code or a secret: whoever imports them signs in as themselves with the
        tool’s own OAuth 2.0 flow (Authorization Code with PKCE, no secret), or sets {TOKEN_VARIABLE}.
      </p>
      <dl className="export-values">
        {rows.map(([label, value, missing]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="breakable">
              {value ? <code>{value}</code> : <span className="muted">empty: {missing}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => download(collection!.name, 'application/json', collection!.text)}
        >
          Postman collection
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => download(postmanEnvironment!.name, 'application/json', postmanEnvironment!.text)}
        >
          Postman environment
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            const zip = brunoZip(connection);
            download(zip.name, 'application/zip', zip.bytes as Uint8Array<ArrayBuffer>);
          }}
        >
          Bruno collection (.zip)
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => download(http!.name, 'text/plain', http!.text)}
        >
          .http file
        </button>
      </div>
      <p className="field-hint">
        Files: <code>{base}.postman_collection.json</code>, <code>{base}.postman_environment.json</code>,{' '}
        <code>{base}.bruno.zip</code>, <code>{base}.http</code>. From a terminal:{' '}
        <code>npm run token -- export --format postman|bruno|http</code>.
      </p>
      <h3>Redirect URIs to register with the app</h3>
      <ul className="export-redirects">
        <li>
          Postman: <code className="breakable">{POSTMAN_REDIRECT_URI}</code> (a preset in the Seequent portal)
        </li>
        <li>
          Bruno: <code className="breakable">{BRUNO_REDIRECT_URI}</code> (its browser window catches the redirect)
        </li>
        <li>
          httpyac: <code className="breakable">{HTTPYAC_REDIRECT_URI}</code>
        </li>
      </ul>
    </div>
  );
}
