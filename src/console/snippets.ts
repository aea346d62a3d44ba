import { SECRET_NAMES, urlWithoutSecrets, withoutSecrets } from '../http/index.ts';

/** A request to offer as code: the token itself is never in it, only a variable that holds it. */
export interface SnippetRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

/** `content-type` as `Content-Type`: how headers are usually written (the Headers API lower-cases them). */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

/** The shell variable a secret is read from: EVO_ACCESS_TOKEN for the bearer token, CODE_VERIFIER… */
export function secretVariable(name: string): string {
  const lower = name.toLowerCase();
  return lower === 'authorization' || lower === 'access_token' ? 'EVO_ACCESS_TOKEN' : lower.toUpperCase();
}

/**
 * Where one of our own shell variables goes: marked with two private-use characters, so a `${…}`
 * that came with the URL or body (from a shared link, say) is escaped like any other text, and
 * only the variables we put there are expanded.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
function ourVariable(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}
/** Text from outside (a URL, a body, a header), with any such marker it brought removed. */
function plain(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** Inside double quotes in a POSIX shell: `"`, `\`, `` ` `` and `$` escaped; only our own variables expand. */
function doubleQuoted(text: string): string {
  const escaped = text
    .replace(/(["\\`$])/g, '\\$1')
    .replace(/\uE000([A-Z_]+)\uE001/g, '${$1}');
  return `"${escaped}"`;
}

function shellHeaders(headers: [string, string][]): string[] {
  return headers.map(([name, value]) =>
    SECRET_NAMES.includes(name.toLowerCase())
      ? `-H ${doubleQuoted(`${headerName(name)}: ${/^bearer /i.test(value) ? 'Bearer ' : ''}${ourVariable(secretVariable(name))}`)}`
      : `-H ${doubleQuoted(`${headerName(name)}: ${plain(value)}`)}`,
  );
}

/** The request as `curl`, with every secret read from a shell variable ($EVO_ACCESS_TOKEN, $CODE…). */
export function curlSnippet(request: SnippetRequest): string {
  const variable = (name: string) => ourVariable(secretVariable(name));
  const url = urlWithoutSecrets(plain(request.url), variable);
  const body = withoutSecrets(request.body === undefined ? undefined : plain(request.body), variable);
  const parts = [
    'curl -sS',
    ...(request.method === 'GET' ? [] : [`-X ${request.method}`]),
    ...shellHeaders(request.headers),
  ];
  if (body !== undefined) parts.push(`--data ${doubleQuoted(body)}`);
  parts.push(doubleQuoted(url));
  return parts.join(' \\\n  ');
}

function jsString(text: string): string {
  return JSON.stringify(text);
}

/** The request as browser or Node `fetch`, the token from `process.env.EVO_ACCESS_TOKEN`. */
export function fetchSnippet(request: SnippetRequest): string {
  const headers = request.headers.map(([name, value]) =>
    SECRET_NAMES.includes(name.toLowerCase())
      ? `    ${jsString(headerName(name))}: \`Bearer \${process.env.${secretVariable(name)}}\`,`
      : `    ${jsString(headerName(name))}: ${jsString(value)},`,
  );
  return [
    `const response = await fetch(${jsString(request.url)}, {`,
    `  method: ${jsString(request.method)},`,
    '  headers: {',
    ...headers,
    '  },',
    ...(request.body !== undefined ? [`  body: ${jsString(request.body)},`] : []),
    '});',
    'console.log(response.status, await response.json());',
  ].join('\n');
}

/** The request as Python `requests`, the token from `os.environ["EVO_ACCESS_TOKEN"]`. */
export function pythonSnippet(request: SnippetRequest): string {
  const headers = request.headers.map(([name, value]) =>
    SECRET_NAMES.includes(name.toLowerCase())
      ? `    ${jsString(headerName(name))}: f"Bearer {os.environ['${secretVariable(name)}']}",`
      : `    ${jsString(headerName(name))}: ${jsString(value)},`,
  );
  return [
    'import os',
    'import requests',
    '',
    'response = requests.request(',
    `    ${jsString(request.method)},`,
    `    ${jsString(request.url)},`,
    '    headers={',
    ...headers.map((line) => `    ${line}`),
    '    },',
    ...(request.body !== undefined ? [`    data=${jsString(request.body)},`] : []),
    '    timeout=30,',
    ')',
    'print(response.status_code, response.json())',
  ].join('\n');
}
