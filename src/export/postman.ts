import {
  describeConnection,
  exportRequests,
  exportVariables,
  POSTMAN_REDIRECT_URI,
  scopeString,
  TOKEN_VARIABLE,
  wantsRefresh,
  type ExportConnection,
} from './connection.ts';

/** Postman collection format v2.1, as far as this export writes it. */
export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface AuthAttribute {
  key: string;
  value: string | boolean;
  type: 'string' | 'boolean';
}

/**
 * The collection's pre-request script: a token in EVO_ACCESS_TOKEN (CI, `newman --env-var`) is
 * the bearer, in place of the collection's OAuth 2.0 token; without it, Postman's own flow signs.
 */
export const POSTMAN_PRE_REQUEST = [
  `// A token in ${TOKEN_VARIABLE} (CI, newman --env-var ${TOKEN_VARIABLE}=...) is used as the bearer.`,
  "// Without it, the collection's OAuth 2.0 (Authorization Code with PKCE) token is.",
  `const token = pm.variables.get('${TOKEN_VARIABLE}');`,
  'if (token) {',
  "  pm.request.authorizeUsing('bearer', { token: token });",
  '}',
];

/** The collection-level OAuth 2.0 settings Postman's Authorization tab shows and runs. */
export function postmanOAuth2(connection: ExportConnection): AuthAttribute[] {
  const attribute = (key: string, value: string | boolean): AuthAttribute => ({
    key,
    value,
    type: typeof value === 'boolean' ? 'boolean' : 'string',
  });
  return [
    attribute('grant_type', 'authorization_code_with_pkce'),
    attribute('challengeAlgorithm', 'S256'),
    attribute('authUrl', connection.authorizationEndpoint),
    attribute('accessTokenUrl', connection.tokenEndpoint),
    ...(wantsRefresh(connection) ? [attribute('refreshTokenUrl', connection.tokenEndpoint)] : []),
    attribute('clientId', connection.clientId),
    // A public client: the client ID goes in the body and no secret at all, never Basic with an empty one.
    attribute('client_authentication', 'body'),
    attribute('scope', scopeString(connection)),
    attribute('useBrowser', true),
    attribute('redirect_uri', POSTMAN_REDIRECT_URI),
    attribute('addTokenTo', 'header'),
    attribute('headerPrefix', 'Bearer'),
    attribute('tokenName', `Evo ${connection.environment}`),
  ];
}

function description(connection: ExportConnection): string {
  return [
    describeConnection(connection),
    '',
    `Sign in: the collection's Authorization tab, "Get New Access Token". Register ${POSTMAN_REDIRECT_URI} as a redirect URI of the app (the Seequent portal offers it as a preset) or the sign-in is refused.`,
    wantsRefresh(connection)
      ? 'offline_access is chosen, so a refresh token comes back: turn on "Auto-refresh token" in the Authorization tab (Postman keeps that switch per person, not in the file).'
      : 'offline_access is not chosen: there is no refresh token, so sign in again when the token expires.',
    `CI: newman run this.json -e the environment file --env-var ${TOKEN_VARIABLE}=<token>.`,
  ].join('\n');
}

/** The collection, with Postman's own OAuth 2.0 at the collection level and a request per endpoint. */
export function postmanCollection(connection: ExportConnection): Record<string, unknown> {
  const requests = exportRequests();
  const folders = [...new Set(requests.map((request) => request.folder))];
  return {
    info: {
      name: `Evo (${connection.environment})`,
      description: description(connection),
      schema: POSTMAN_SCHEMA,
    },
    auth: { type: 'oauth2', oauth2: postmanOAuth2(connection) },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: POSTMAN_PRE_REQUEST } }],
    variable: exportVariables(connection).map(([key, value]) => ({ key, value, type: 'string' })),
    item: folders.map((folder) => ({
      name: folder,
      item: requests
        .filter((request) => request.folder === folder)
        .map((request) => ({
          name: request.name === folder ? folder : `${folder}: ${request.name}`,
          request: {
            method: 'GET',
            header: [{ key: 'Accept', value: 'application/json' }],
            url: request.url,
            description: request.scope ? `Needs the ${request.scope} scope.` : 'Needs no token.',
          },
        })),
    })),
  };
}

/** An environment file for this connection, so environments stay apart; the token variable is empty and secret. */
export function postmanEnvironment(connection: ExportConnection): Record<string, unknown> {
  return {
    name: `Evo ${connection.environment}`,
    values: [
      ...exportVariables(connection).map(([key, value]) => ({ key, value, type: 'default', enabled: true })),
      { key: TOKEN_VARIABLE, value: '', type: 'secret', enabled: true },
    ],
    _postman_variable_scope: 'environment',
  };
}
