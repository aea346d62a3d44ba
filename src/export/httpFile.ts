import {
  describeConnection,
  exportRequests,
  exportVariables,
  HTTPYAC_REDIRECT_URI,
  scopeString,
  TOKEN_VARIABLE,
  type ExportConnection,
} from './connection.ts';

/**
 * One `.http` file for VS Code REST Client, JetBrains' HTTP client and httpyac: the variables at
 * the top, the token from the environment (never written in the file), a request per endpoint.
 */
export function httpFile(connection: ExportConnection): string {
  const lines: string[] = [
    `# ${describeConnection(connection)}`,
    '',
    ...exportVariables(connection).map(([name, value]) => `@${name} = ${value}`),
    '',
    `# The token comes from the environment variable ${TOKEN_VARIABLE} (VS Code REST Client, httpyac):`,
    `#   export ${TOKEN_VARIABLE}=$(npm run -s token -- native)`,
    `# For a .env file beside this one (VS Code REST Client), use this line instead:`,
    `#   @token = {{$dotenv ${TOKEN_VARIABLE}}}`,
    '# JetBrains: define token in http-client.private.env.json (kept out of git) and delete this line.',
    `@token = {{$processEnv ${TOKEN_VARIABLE}}}`,
    '',
    '# httpyac can sign in by itself (OAuth 2.0 Authorization Code with PKCE, a public client, no secret):',
    `# register ${HTTPYAC_REDIRECT_URI} as a redirect URI of the app, then in each request replace`,
    '# "Authorization: Bearer {{token}}" with "Authorization: oauth2 authorization_code".',
    `@oauth2_authorizationEndpoint = ${connection.authorizationEndpoint}`,
    `@oauth2_tokenEndpoint = ${connection.tokenEndpoint}`,
    `@oauth2_clientId = ${connection.clientId}`,
    `@oauth2_scope = ${scopeString(connection)}`,
    '@oauth2_usePkce = true',
    `@oauth2_redirectUri = ${HTTPYAC_REDIRECT_URI}`,
    '',
  ];
  for (const request of exportRequests()) {
    lines.push(
      `### ${request.folder === request.name ? request.name : `${request.folder}: ${request.name}`}`,
      `# ${request.scope ? `Needs the ${request.scope} scope.` : 'Needs no token.'}`,
      `GET ${request.url}`,
      'Authorization: Bearer {{token}}',
      'Accept: application/json',
      '',
    );
  }
  return lines.join('\n');
}
