import type { InstanceView, TokenIdentity } from '../evo/discovery.ts';
import { bearerAllowed, type BearerCredential } from '../http/index.ts';
import { PROBE_TARGETS, probe, type ProbeOutcome, type ProbeTarget } from '../evo/scopeProbe.ts';

/**
 * A scope configuration, checked for real, as a file to attach to a ticket and to compare after
 * the registration changes. It holds settings, scope names, statuses and problem titles: never a
 * token, a code, a signature or who signed in.
 */
export interface ScopeReport {
  kind: 'evo-sign-in-lab/scope-report';
  version: 1;
  createdAt: string;
  configuration: {
    environment?: string;
    authority?: string;
    clientId?: string;
    discoveryUrl: string;
    issuer?: string;
  };
  scopes: { requested?: string[]; granted: string[]; refused?: string[] };
  token: { lifetimeSeconds?: number; refreshToken: boolean };
  instances: ReportInstance[];
  workspace?: { instanceId: string; instanceName: string; id: string; name: string; apis: ApiAnswer[] };
}

export interface ReportInstance {
  id: string;
  name: string;
  hubs: { code: string; name: string; url?: string }[];
  services: string[];
  apis: ApiAnswer[];
}

export interface ApiAnswer {
  api: string;
  scope: string;
  /** undefined: no answer (network) or not called (the instance has no such service). */
  status?: number;
  title?: string;
  note?: string;
}

export interface ReportInputs {
  token: TokenIdentity;
  configuration: Omit<ScopeReport['configuration'], 'discoveryUrl'>;
  requested?: readonly string[];
  granted: readonly string[];
  lifetimeSeconds?: number;
  refreshToken: boolean;
  instances: readonly InstanceView[];
  workspace?: { instanceId: string; id: string; name: string };
  /** The scope probe's answer for one API in a workspace (the probe panel's cache), if at hand. */
  probed?: (target: ProbeTarget, hub: string, instanceId: string, workspaceId: string) => Promise<ProbeOutcome>;
  now?: Date;
}

/**
 * One API's answer, by the scope probe's own call (`probe`): its status and problem title, or why
 * there is none. A host the token may not go to is not called.
 */
async function answerOf(
  token: TokenIdentity,
  target: Pick<ProbeTarget, 'api' | 'scope'>,
  url: string,
  ask: (credential: BearerCredential) => Promise<ProbeOutcome> = (credential) => probe(url, credential),
): Promise<ApiAnswer> {
  const { api, scope } = target;
  if (!(await bearerAllowed(token.credential, url)).ok) {
    return { api, scope, note: 'not called: the address is not a host the token may go to' };
  }
  const outcome = await ask(token.credential);
  if (outcome.status === undefined) return { api, scope, note: `no answer (${outcome.detail ?? 'network'})` };
  return { api, scope, status: outcome.status, ...(outcome.title ? { title: outcome.title } : {}) };
}

function firstHub(instance: InstanceView): string | undefined {
  return instance.access.find((access) => access.hub.url)?.hub.url?.replace(/\/+$/, '');
}

/** Makes the report: one Workspaces call per instance, and each Evo API in the chosen workspace. */
export async function makeScopeReport(inputs: ReportInputs): Promise<ScopeReport> {
  const { token } = inputs;
  const instances = await Promise.all(
    inputs.instances.map(async (instance): Promise<ReportInstance> => {
      const hub = firstHub(instance);
      const services = [
        ...new Set(instance.access.flatMap((access) => access.services.map((service) => service.code))),
      ];
      return {
        id: instance.id,
        name: instance.name,
        hubs: instance.access.map((access) => ({
          code: access.hub.code,
          name: access.hub.name,
          ...(access.hub.url ? { url: access.hub.url } : {}),
        })),
        services,
        apis: hub
          ? [
              await answerOf(
                token,
                { api: 'Workspaces', scope: 'evo.workspace' },
                `${hub}/workspace/orgs/${encodeURIComponent(instance.id)}/workspaces?limit=1&offset=0`,
              ),
            ]
          : [{ api: 'Workspaces', scope: 'evo.workspace', note: 'not called: Discovery names no hub' }],
      };
    }),
  );
  let workspace: ScopeReport['workspace'];
  const chosen = inputs.workspace;
  const instance = chosen ? inputs.instances.find((item) => item.id === chosen.instanceId) : undefined;
  const hub = instance ? firstHub(instance) : undefined;
  if (chosen && instance && hub) {
    const services = instances.find((item) => item.id === instance.id)?.services ?? [];
    const apis = await Promise.all(
      PROBE_TARGETS.map((target) =>
        target.service && !services.includes(target.service)
          ? Promise.resolve<ApiAnswer>({
              api: target.api,
              scope: target.scope,
              note: `not called: Discovery lists no ${target.service} service for this instance`,
            })
          : answerOf(
              token,
              target,
              target.url(hub, encodeURIComponent(instance.id), encodeURIComponent(chosen.id)),
              // The probe panel has usually asked already: its cached answer, not a second call.
              inputs.probed ? () => inputs.probed!(target, hub, instance.id, chosen.id) : undefined,
            ),
      ),
    );
    workspace = { instanceId: instance.id, instanceName: instance.name, id: chosen.id, name: chosen.name, apis };
  }
  const requested = inputs.requested ? [...inputs.requested] : undefined;
  return {
    kind: 'evo-sign-in-lab/scope-report',
    version: 1,
    createdAt: (inputs.now ?? new Date()).toISOString(),
    configuration: { ...inputs.configuration, discoveryUrl: token.discoveryUrl },
    scopes: {
      ...(requested ? { requested } : {}),
      granted: [...inputs.granted],
      ...(requested ? { refused: requested.filter((scope) => !inputs.granted.includes(scope)) } : {}),
    },
    token: {
      ...(inputs.lifetimeSeconds !== undefined ? { lifetimeSeconds: inputs.lifetimeSeconds } : {}),
      refreshToken: inputs.refreshToken,
    },
    instances,
    ...(workspace ? { workspace } : {}),
  };
}

const answerWords = (answer: ApiAnswer) =>
  answer.status !== undefined ? `${answer.status}${answer.title ? ` ${answer.title}` : ''}` : (answer.note ?? '—');

/** Markdown cells: pipes and line breaks would break the table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The report as Markdown, to paste into a ticket. */
export function reportMarkdown(report: ScopeReport): string {
  const { configuration: c, scopes, token } = report;
  const lines = [
    `# Evo scope report, ${report.createdAt}`,
    '',
    '| Setting | Value |',
    '| --- | --- |',
    ...(c.environment ? [`| Environment | ${cell(c.environment)} |`] : []),
    ...(c.authority ? [`| Authority | ${cell(c.authority)} |`] : []),
    ...(c.issuer ? [`| Token issuer | ${cell(c.issuer)} |`] : []),
    ...(c.clientId ? [`| Client ID | \`${cell(c.clientId)}\` |`] : []),
    `| Discovery | ${cell(c.discoveryUrl)} |`,
    ...(scopes.requested ? [`| Requested | ${scopes.requested.map((s) => `\`${s}\``).join(' ')} |`] : []),
    `| Granted | ${scopes.granted.map((s) => `\`${s}\``).join(' ') || '(none)'} |`,
    ...(scopes.refused ? [`| Refused | ${scopes.refused.map((s) => `\`${s}\``).join(' ') || '(none)'} |`] : []),
    `| Token lifetime | ${token.lifetimeSeconds !== undefined ? `${Math.round(token.lifetimeSeconds / 60)} min` : 'unknown'} |`,
    `| Refresh token | ${token.refreshToken ? 'yes (offline_access)' : 'no'} |`,
    '',
    '## Instances',
    '',
    '| Instance | Hub | Discovery services | Workspaces API |',
    '| --- | --- | --- | --- |',
    ...report.instances.map(
      (instance) =>
        `| ${cell(instance.name)} | ${cell(instance.hubs.map((hub) => hub.name).join(', ') || '—')} | ${cell(instance.services.join(', ') || '—')} | ${cell(instance.apis.map(answerWords).join('; '))} |`,
    ),
  ];
  if (report.workspace) {
    lines.push(
      '',
      `## In workspace ${cell(report.workspace.name)} (${cell(report.workspace.instanceName)})`,
      '',
      '| API | Scope | Answer |',
      '| --- | --- | --- |',
      ...report.workspace.apis.map(
        (answer) => `| ${answer.api} | \`${answer.scope}\` | ${cell(answerWords(answer))} |`,
      ),
    );
  }
  lines.push('', 'Made by Evo Sign-in Lab. It holds no token, code or signature.', '');
  return lines.join('\n');
}

/** Reads a report file: only the shape this page writes is accepted. */
export function readReport(text: string): ScopeReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('That file is not JSON. Load the .json report this page downloaded (not the Markdown one).');
  }
  const report = json as Partial<ScopeReport> | null;
  if (report?.kind !== 'evo-sign-in-lab/scope-report' || report.version !== 1) {
    throw new Error(
      'That JSON is not a scope report of this lab (its "kind" is not evo-sign-in-lab/scope-report, version 1).',
    );
  }
  if (!Array.isArray(report.instances) || !report.scopes || !Array.isArray(report.scopes.granted)) {
    throw new Error('That report is incomplete: it has no instances or no granted scopes.');
  }
  return report as ScopeReport;
}

const statusOf = (answer: ApiAnswer | undefined) =>
  answer === undefined
    ? 'not checked'
    : answer.status !== undefined
      ? String(answer.status)
      : (answer.note ?? 'no answer');

/** What changed from `before` to `after`, one sentence per change: "evo.file now granted", "Files API 403 → 200". */
export function diffReports(before: ScopeReport, after: ScopeReport): string[] {
  const changes: string[] = [];
  const b = before.configuration;
  const a = after.configuration;
  for (const [label, key] of [
    ['Client ID', 'clientId'],
    ['Authority', 'authority'],
    ['Discovery URL', 'discoveryUrl'],
  ] as const) {
    if ((b[key] ?? '') !== (a[key] ?? '')) changes.push(`${label}: ${b[key] ?? '—'} → ${a[key] ?? '—'}`);
  }
  for (const scope of after.scopes.granted) {
    if (!before.scopes.granted.includes(scope)) changes.push(`${scope} now granted`);
  }
  for (const scope of before.scopes.granted) {
    if (!after.scopes.granted.includes(scope)) changes.push(`${scope} no longer granted`);
  }
  if (before.token.refreshToken !== after.token.refreshToken) {
    changes.push(after.token.refreshToken ? 'A refresh token now comes back' : 'No refresh token comes back any more');
  }
  if (before.token.lifetimeSeconds !== after.token.lifetimeSeconds) {
    const minutes = (seconds: number | undefined) => (seconds === undefined ? '?' : `${Math.round(seconds / 60)} min`);
    changes.push(`Token lifetime ${minutes(before.token.lifetimeSeconds)} → ${minutes(after.token.lifetimeSeconds)}`);
  }
  const beforeInstances = new Map(before.instances.map((instance) => [instance.id, instance]));
  for (const instance of after.instances) {
    const earlier = beforeInstances.get(instance.id);
    if (!earlier) {
      changes.push(`Instance ${instance.name} is new`);
      continue;
    }
    for (const answer of instance.apis) {
      const old = earlier.apis.find((item) => item.api === answer.api);
      if (statusOf(old) !== statusOf(answer)) {
        changes.push(`${answer.api} API in ${instance.name}: ${statusOf(old)} → ${statusOf(answer)}`);
      }
    }
    for (const service of instance.services) {
      if (!earlier.services.includes(service)) changes.push(`${instance.name} now lists the ${service} service`);
    }
    for (const service of earlier.services) {
      if (!instance.services.includes(service)) changes.push(`${instance.name} no longer lists the ${service} service`);
    }
  }
  for (const instance of before.instances) {
    if (!after.instances.some((item) => item.id === instance.id)) changes.push(`Instance ${instance.name} is gone`);
  }
  if (before.workspace && after.workspace && before.workspace.id === after.workspace.id) {
    for (const answer of after.workspace.apis) {
      const old = before.workspace.apis.find((item) => item.api === answer.api);
      if (statusOf(old) !== statusOf(answer)) {
        changes.push(`${answer.api} API in ${after.workspace.name}: ${statusOf(old)} → ${statusOf(answer)}`);
      }
    }
  } else if (before.workspace || after.workspace) {
    changes.push(
      `The workspaces checked differ (${before.workspace?.name ?? 'none'} → ${after.workspace?.name ?? 'none'}): probe the same workspace to compare its APIs`,
    );
  }
  return changes;
}

/** The two reports side by side: one row per setting, scope list and API answer, changed rows marked. */
export function sideBySide(
  before: ScopeReport,
  after: ScopeReport,
): { label: string; before: string; after: string; changed: boolean }[] {
  const rows: { label: string; before: string; after: string }[] = [
    { label: 'Client ID', before: before.configuration.clientId ?? '—', after: after.configuration.clientId ?? '—' },
    { label: 'Authority', before: before.configuration.authority ?? '—', after: after.configuration.authority ?? '—' },
    {
      label: 'Granted scopes',
      before: before.scopes.granted.join(' ') || '(none)',
      after: after.scopes.granted.join(' ') || '(none)',
    },
    {
      label: 'Refused scopes',
      before: before.scopes.refused?.join(' ') || '(none)',
      after: after.scopes.refused?.join(' ') || '(none)',
    },
    {
      label: 'Refresh token',
      before: before.token.refreshToken ? 'yes' : 'no',
      after: after.token.refreshToken ? 'yes' : 'no',
    },
  ];
  const ids = [...new Set([...before.instances, ...after.instances].map((instance) => instance.id))];
  for (const id of ids) {
    const b = before.instances.find((instance) => instance.id === id);
    const a = after.instances.find((instance) => instance.id === id);
    const name = (a ?? b)!.name;
    rows.push({
      label: `${name}: services`,
      before: b ? b.services.join(', ') || '—' : 'not listed',
      after: a ? a.services.join(', ') || '—' : 'not listed',
    });
    rows.push({ label: `${name}: Workspaces API`, before: statusOf(b?.apis[0]), after: statusOf(a?.apis[0]) });
  }
  if (before.workspace && after.workspace && before.workspace.id === after.workspace.id) {
    for (const answer of after.workspace.apis) {
      const old = before.workspace.apis.find((item) => item.api === answer.api);
      rows.push({ label: `${answer.api} in ${after.workspace.name}`, before: statusOf(old), after: statusOf(answer) });
    }
  }
  return rows.map((row) => ({ ...row, changed: row.before !== row.after }));
}
