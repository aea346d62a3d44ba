import { ENDPOINT_TEMPLATES, type EndpointTemplate } from '../config/endpoints.ts';

/**
 * What an export describes: one connection's public settings, as plain data. Never a token, a
 * code, a verifier or a secret: whoever imports an export signs in as themselves in their tool,
 * or hands it a token of their own in EVO_ACCESS_TOKEN.
 */
export interface ExportConnection {
  /** `sandbox`, `ims`, `ims-qa` or `custom`: names the files and the tool's environment. */
  environment: string;
  /** The provider's `authorization_endpoint` and `token_endpoint`, from its metadata. */
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  /** The scopes chosen, as the sign-in asks for them. */
  scopes: readonly string[];
  /** The Evo Discovery service's base URL (scheme and host). */
  discoveryUrl: string;
  /** From this session's Discovery and the probed workspace, when known. */
  hubUrl?: string;
  orgId?: string;
  workspaceId?: string;
}

/** The redirect URI Postman's own OAuth flow uses ("Authorize using browser"). */
export const POSTMAN_REDIRECT_URI = 'https://oauth.pstmn.io/v1/callback';
/**
 * Bruno's built-in browser intercepts the redirect before it loads, so any registered URI works:
 * the export reuses Postman's, which the Seequent portal offers as a preset.
 */
export const BRUNO_REDIRECT_URI = POSTMAN_REDIRECT_URI;
/** httpyac's loopback listener for its OAuth2 flow (its default port 3000 is the lab's own, and 3003 the Web app's BFF). */
export const HTTPYAC_REDIRECT_URI = 'http://localhost:3005/callback';

/** The environment variable each tool reads a token from, when one is given (CI, newman, bru run). */
export const TOKEN_VARIABLE = 'EVO_ACCESS_TOKEN';

/** A file of an export: its name and text. */
export interface ExportFile {
  name: string;
  text: string;
}

/** The base of every file name: `evo-sandbox`, `evo-ims-qa`, … */
export function exportBaseName(connection: ExportConnection): string {
  const slug = connection.environment
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `evo-${slug || 'connection'}`;
}

/** A request of an export: an endpoint with its URL written in the tools' `{{variable}}` syntax. */
export interface ExportRequest {
  name: string;
  folder: string;
  /** e.g. `{{hub_url}}/workspace/orgs/{{org_id}}/workspaces?limit=20&offset=0` */
  url: string;
  scope?: string;
}

/** The endpoints as requests: `{org_id}` becomes `{{org_id}}`, the base `{{hub_url}}` or `{{discovery_url}}`. */
export function exportRequests(templates: readonly EndpointTemplate[] = ENDPOINT_TEMPLATES): ExportRequest[] {
  return templates.map((template) => {
    const [folder, name] = template.label.includes(': ')
      ? (template.label.split(': ') as [string, string])
      : [template.label, template.label];
    return {
      folder,
      name,
      url: `{{${template.base === 'discovery' ? 'discovery_url' : 'hub_url'}}}${template.path.replace(/\{(org_id|workspace_id)\}/g, '{{$1}}')}`,
      scope: template.scope,
    };
  });
}

/** The variables every export carries, filled from the connection where it knows them. */
export function exportVariables(connection: ExportConnection): [string, string][] {
  return [
    ['discovery_url', connection.discoveryUrl.replace(/\/+$/, '')],
    ['hub_url', (connection.hubUrl ?? '').replace(/\/+$/, '')],
    ['org_id', connection.orgId ?? ''],
    ['workspace_id', connection.workspaceId ?? ''],
  ];
}

/** The scope parameter: the scopes space-separated, each once. */
export function scopeString(connection: ExportConnection): string {
  return [...new Set(connection.scopes)].join(' ');
}

export function wantsRefresh(connection: ExportConnection): boolean {
  return connection.scopes.includes('offline_access');
}

/** A line for each file saying where its values came from and what to register. */
export function describeConnection(connection: ExportConnection): string {
  return `Evo APIs for the ${connection.environment} connection (client ${connection.clientId}), exported by Evo Sign-in Lab. No token is in this file: sign in with the tool's own OAuth 2.0 flow (Authorization Code with PKCE, a public client: no secret), or set ${TOKEN_VARIABLE} to a token of your own.`;
}
