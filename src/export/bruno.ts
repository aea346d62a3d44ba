import {
  BRUNO_REDIRECT_URI,
  describeConnection,
  exportBaseName,
  exportRequests,
  exportVariables,
  scopeString,
  TOKEN_VARIABLE,
  wantsRefresh,
  type ExportConnection,
  type ExportFile,
} from './connection.ts';

/** A `.bru` block of `key: value` lines. */
function block(name: string, pairs: [string, string][]): string {
  return `${name} {\n${pairs.map(([key, value]) => `  ${key}: ${value}`.trimEnd()).join('\n')}\n}\n`;
}

function textBlock(name: string, lines: string[]): string {
  return `${name} {\n${lines.map((line) => (line ? `  ${line}` : '')).join('\n')}\n}\n`;
}

/**
 * The collection-level pre-request script: a token in EVO_ACCESS_TOKEN (`bru run --env-var`, or
 * the shell's environment or the collection's `.env`) is the bearer; without it Bruno's own
 * OAuth 2.0 token is.
 */
export const BRUNO_PRE_REQUEST = [
  `const token = bru.getEnvVar('${TOKEN_VARIABLE}') || bru.getProcessEnv('${TOKEN_VARIABLE}');`,
  'if (token) {',
  "  req.setHeader('Authorization', `Bearer ${token}`);",
  '}',
];

function collectionBru(connection: ExportConnection): string {
  return [
    block('meta', [['name', `Evo (${connection.environment})`]]),
    block('auth', [['mode', 'oauth2']]),
    // A public client with PKCE: no client_secret line at all, the client ID in the body.
    block('auth:oauth2', [
      ['grant_type', 'authorization_code'],
      ['callback_url', BRUNO_REDIRECT_URI],
      ['authorization_url', connection.authorizationEndpoint],
      ['access_token_url', connection.tokenEndpoint],
      ['refresh_token_url', wantsRefresh(connection) ? connection.tokenEndpoint : ''],
      ['client_id', connection.clientId],
      ['scope', scopeString(connection)],
      ['state', ''],
      ['pkce', 'true'],
      ['credentials_placement', 'body'],
      ['credentials_id', 'evo'],
      ['token_placement', 'header'],
      ['token_header_prefix', 'Bearer'],
      ['auto_fetch_token', 'true'],
      ['auto_refresh_token', String(wantsRefresh(connection))],
    ]),
    textBlock('script:pre-request', BRUNO_PRE_REQUEST),
    textBlock('docs', [
      describeConnection(connection),
      '',
      `Register ${BRUNO_REDIRECT_URI} as a redirect URI of the app: Bruno's own browser window catches the redirect before it loads, but the provider still checks it.`,
      `CI: bru run --env ${connection.environment} --env-var ${TOKEN_VARIABLE}=<token>`,
    ]),
  ].join('\n');
}

/** The Bruno collection as files under one folder: bruno.json, collection.bru, an environment, a .bru per request. */
export function brunoFiles(connection: ExportConnection): ExportFile[] {
  const root = exportBaseName(connection);
  const requests = exportRequests();
  const folders = [...new Set(requests.map((request) => request.folder))];
  const files: ExportFile[] = [
    {
      name: `${root}/bruno.json`,
      text: `${JSON.stringify({ version: '1', name: `Evo (${connection.environment})`, type: 'collection', ignore: ['node_modules', '.git'] }, null, 2)}\n`,
    },
    { name: `${root}/collection.bru`, text: collectionBru(connection) },
    {
      name: `${root}/environments/${connection.environment}.bru`,
      text: [
        block('vars', exportVariables(connection)),
        // A secret variable: Bruno keeps its value on this machine, never in the file.
        `vars:secret [\n  ${TOKEN_VARIABLE}\n]\n`,
      ].join('\n'),
    },
    { name: `${root}/.gitignore`, text: '.env\n' },
  ];
  folders.forEach((folder, folderIndex) => {
    files.push({
      name: `${root}/${folder}/folder.bru`,
      text: block('meta', [
        ['name', folder],
        ['seq', String(folderIndex + 1)],
      ]),
    });
    requests
      .filter((request) => request.folder === folder)
      .forEach((request, index) => {
        const [, query = ''] = request.url.split('?');
        const params = [...new URLSearchParams(query)];
        files.push({
          name: `${root}/${folder}/${request.name}.bru`,
          text: [
            block('meta', [
              ['name', request.name],
              ['type', 'http'],
              ['seq', String(index + 1)],
            ]),
            block('get', [
              ['url', request.url],
              ['body', 'none'],
              ['auth', 'inherit'],
            ]),
            params.length > 0 ? block('params:query', params) : '',
            block('headers', [['Accept', 'application/json']]),
            textBlock('docs', [request.scope ? `Needs the ${request.scope} scope.` : 'Needs no token.']),
          ]
            .filter(Boolean)
            .join('\n'),
        });
      });
  });
  return files;
}
