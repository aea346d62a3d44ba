import { describe, expect, it } from 'vitest';
import { maskedExchange, withoutSecrets, type ExchangeEntry } from '../http/index.ts';
import { diffReports, readReport, reportMarkdown, sideBySide, type ScopeReport } from './scopeReport.ts';
import { curlSnippet, fetchSnippet, pythonSnippet } from './snippets.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';

describe('the exchange log masks secrets', () => {
  const entry: ExchangeEntry = {
    id: 1,
    at: 0,
    source: 'oidc',
    method: 'POST',
    url: 'http://127.0.0.1:3001/connect/token',
    requestHeaders: [['content-type', 'application/x-www-form-urlencoded']],
    requestBody: 'grant_type=authorization_code&code=the-code&code_verifier=the-verifier&client_id=spa',
    status: 200,
    responseBody: JSON.stringify({ access_token: TOKEN, refresh_token: 'the-refresh', token_type: 'Bearer' }),
  };

  it('in form bodies and JSON answers, listing each secret to reveal on its own', () => {
    const shown = maskedExchange(entry);
    expect(shown.requestBody).toBe(
      'grant_type=authorization_code&code=•••• code ••••&code_verifier=•••• code_verifier ••••&client_id=spa',
    );
    expect(shown.responseBody).not.toContain(TOKEN);
    expect(shown.responseBody).toContain('"token_type":"Bearer"');
    expect(shown.secrets.map((secret) => [secret.name, secret.value])).toEqual([
      ['code', 'the-code'],
      ['code_verifier', 'the-verifier'],
      ['access_token', TOKEN],
      ['refresh_token', 'the-refresh'],
    ]);
  });

  it('in the Authorization header and the query string', () => {
    const shown = maskedExchange({
      ...entry,
      method: 'GET',
      url: 'http://localhost:3000/signin-callback?code=abc&state=s1',
      requestHeaders: [['authorization', `Bearer ${TOKEN}`]],
      requestBody: undefined,
      responseBody: undefined,
    });
    expect(shown.url).toBe('http://localhost:3000/signin-callback?code=•••• code ••••&state=s1');
    expect(shown.requestHeaders).toEqual([['authorization', 'Bearer •••• access token ••••']]);
    expect(shown.secrets[0]).toEqual({ where: 'request header', name: 'authorization', value: TOKEN });
  });

  it('leaves text that is neither a form nor JSON alone', () => {
    expect(withoutSecrets('plain text, code=1 here', () => 'x')).toBe('plain text, code=1 here');
  });
});

describe('snippets never hold the token', () => {
  const request = {
    method: 'GET',
    url: 'https://hub.example/workspace/orgs/o/workspaces?limit=20',
    headers: [
      ['authorization', `Bearer ${TOKEN}`] as [string, string],
      ['accept', 'application/json'] as [string, string],
    ],
  };
  it('read it from EVO_ACCESS_TOKEN in curl, fetch and Python', () => {
    expect(curlSnippet(request)).toBe(
      'curl -sS \\\n  -H "Authorization: Bearer ${EVO_ACCESS_TOKEN}" \\\n  -H "Accept: application/json" \\\n  "https://hub.example/workspace/orgs/o/workspaces?limit=20"',
    );
    expect(fetchSnippet(request)).toContain('"Authorization": `Bearer ${process.env.EVO_ACCESS_TOKEN}`');
    expect(pythonSnippet(request)).toContain(`"Authorization": f"Bearer {os.environ['EVO_ACCESS_TOKEN']}"`);
    for (const snippet of [curlSnippet(request), fetchSnippet(request), pythonSnippet(request)]) {
      expect(snippet).not.toContain(TOKEN);
    }
  });
  it('quote what a shell would expand', () => {
    expect(curlSnippet({ method: 'POST', url: 'https://h/$(rm -rf)', headers: [], body: '{"a":"`x`"}' })).toBe(
      'curl -sS \\\n  -X POST \\\n  --data "{\\"a\\":\\"\\`x\\`\\"}" \\\n  "https://h/\\$(rm -rf)"',
    );
  });
  it('expand only the variables they put there: a ${VAR} that came with the URL, body or a header stays text', () => {
    const snippet = curlSnippet({
      method: 'POST',
      url: 'https://h/discovery?x=${AWS_SECRET_ACCESS_KEY}&y=${EVO_ACCESS_TOKEN}&z=\uE000HOME\uE001',
      headers: [['x-note', '${HOME}']],
      body: '{"a":"${PATH}"}',
    });
    // Every $ that came from outside is escaped: the shell expands none of them.
    expect(snippet.match(/(?<!\\)\$\{/g)).toBeNull();
    expect(snippet).toContain('x=\\${AWS_SECRET_ACCESS_KEY}&y=\\${EVO_ACCESS_TOKEN}&z=HOME');
    expect(snippet).toContain('-H "X-Note: \\${HOME}"');
    expect(snippet).toContain('--data "{\\"a\\":\\"\\${PATH}\\"}"');
  });
});

const report = (patch: Partial<ScopeReport> = {}): ScopeReport => ({
  kind: 'evo-sign-in-lab/scope-report',
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  configuration: { clientId: 'evo-sandbox-spa', discoveryUrl: 'http://127.0.0.1:3002' },
  scopes: {
    requested: ['evo.discovery', 'evo.workspace', 'evo.file'],
    granted: ['evo.discovery', 'evo.workspace', 'evo.file'],
    refused: [],
  },
  token: { lifetimeSeconds: 3600, refreshToken: false },
  instances: [
    {
      id: 'i1',
      name: 'Exploration',
      hubs: [],
      services: ['file'],
      apis: [{ api: 'Workspaces', scope: 'evo.workspace', status: 200 }],
    },
  ],
  workspace: {
    instanceId: 'i1',
    instanceName: 'Exploration',
    id: 'w1',
    name: 'Pit',
    apis: [{ api: 'Files', scope: 'evo.file', status: 200 }],
  },
  ...patch,
});

describe('scope reports', () => {
  it('name what changed between two, one sentence each', () => {
    const after = report({
      configuration: { clientId: 'evo-sandbox-limited', discoveryUrl: 'http://127.0.0.1:3002' },
      scopes: { granted: ['evo.discovery', 'evo.workspace'] },
      workspace: {
        ...report().workspace!,
        apis: [{ api: 'Files', scope: 'evo.file', status: 403, title: 'Forbidden' }],
      },
    });
    expect(diffReports(report(), after)).toEqual([
      'Client ID: evo-sandbox-spa → evo-sandbox-limited',
      'evo.file no longer granted',
      'Files API in Pit: 200 → 403',
    ]);
    expect(diffReports(after, report())).toContain('evo.file now granted');
    const rows = sideBySide(report(), after).filter((row) => row.changed);
    expect(rows.map((row) => [row.label, row.before, row.after])).toEqual([
      ['Client ID', 'evo-sandbox-spa', 'evo-sandbox-limited'],
      ['Granted scopes', 'evo.discovery evo.workspace evo.file', 'evo.discovery evo.workspace'],
      ['Files in Pit', '200', '403'],
    ]);
  });

  it('read only their own kind of file, and say why not', () => {
    expect(() => readReport('# a markdown report')).toThrow(/not JSON/);
    expect(() => readReport('{"kind":"other"}')).toThrow(/not a scope report/);
    expect(readReport(JSON.stringify(report())).configuration.clientId).toBe('evo-sandbox-spa');
  });

  it('as Markdown, keep table cells whole', () => {
    const markdown = reportMarkdown(report({ instances: [{ ...report().instances[0]!, name: 'A | B' }] }));
    expect(markdown).toContain('| A \\| B |');
    expect(markdown).toContain('| Files | `evo.file` | 200 |');
  });
});
