/**
 * `npm run token -- export --format postman|bruno|http [--out DIR]`: the Evo APIs as a Postman
 * collection (and its environment), a Bruno collection folder or one `.http` file, for the
 * connection the options describe, for people who never open the page. The files hold settings
 * only: never a token, a code, a verifier or a secret.
 *
 * With a token in EVO_ACCESS_TOKEN (or `--env FILE`), Discovery and the workspace list fill in
 * the hub, instance and workspace; the token is only sent to them, never written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMS_AUTHORITY, IMS_QA_AUTHORITY } from '../src/config/catalogue.ts';
import { ENVIRONMENT_IDS, EVO_DISCOVERY_URL, isEnvironmentId } from '../src/config/environments.ts';
import type { ExportConnection } from '../src/export/connection.ts';
import { EXPORT_FORMATS, exportFiles, isExportFormat } from '../src/export/exportFiles.ts';
import { readEnvValue } from './envFile.ts';
import { SANDBOX } from './arguments.ts';
import { CliError, describe } from './errors.ts';
import { checkDiscoveryUrl, discoveryEndpoint } from './hosts.ts';

const AUTHORITIES: Record<string, string> = { ims: IMS_AUTHORITY, 'ims-qa': IMS_QA_AUTHORITY };
const DEFAULT_SCOPES = 'evo.discovery evo.workspace evo.object evo.file evo.blocksync offline_access';

export const EXPORT_USAGE = `Usage:
  npm run token -- export --format postman|bruno|http [--out DIR]
                          [--environment sandbox|ims|ims-qa|custom] [--authority URL] [--client-id ID]
                          [--scopes "a b"] [--discovery URL] [--hub-url URL] [--org-id ID]
                          [--workspace-id ID] [--env FILE]

Writes, for that connection, a Postman collection and environment, a Bruno collection folder, or
one .http file into DIR (default: the current folder), named after the environment (evo-sandbox…).
No token is written: each tool signs in with its own OAuth 2.0 flow (Authorization Code + PKCE,
no secret), or reads a token from EVO_ACCESS_TOKEN.

With a token in EVO_ACCESS_TOKEN (or in --env FILE), Discovery and the workspace list fill in the
hub, instance and workspace that --hub-url, --org-id and --workspace-id leave out.`;

interface ExportOptions {
  format: (typeof EXPORT_FORMATS)[number];
  out: string;
  environment: string;
  authority: string;
  clientId: string;
  scopes: string[];
  discoveryUrl: string;
  hubUrl?: string;
  orgId?: string;
  workspaceId?: string;
  envFile?: string;
}

function url(value: string, option: string): string {
  try {
    return new URL(value).href.replace(/\/+$/, '');
  } catch {
    throw new CliError(`${option} "${value}" is not a URL.`);
  }
}

export function parseExportLine(argv: readonly string[]): ExportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        environment: { type: 'string' },
        authority: { type: 'string' },
        'client-id': { type: 'string' },
        scopes: { type: 'string' },
        discovery: { type: 'string' },
        'hub-url': { type: 'string' },
        'org-id': { type: 'string' },
        'workspace-id': { type: 'string' },
        env: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${EXPORT_USAGE}`);
  }
  const { values } = parsed;
  if (values.help) throw new CliError(EXPORT_USAGE);
  if (!values.format || !isExportFormat(values.format)) {
    throw new CliError(
      `Say which format with --format ${EXPORT_FORMATS.join('|')}${values.format ? `, not "${values.format}"` : ''}.\n\n${EXPORT_USAGE}`,
    );
  }
  const environment = values.environment ?? 'sandbox';
  if (!isEnvironmentId(environment)) {
    throw new CliError(`--environment must be one of ${ENVIRONMENT_IDS.join(', ')}, not "${environment}".`);
  }
  const authority = values.authority ?? (environment === 'sandbox' ? SANDBOX.authority : AUTHORITIES[environment]);
  if (!authority) throw new CliError('With --environment custom, give the identity provider with --authority URL.');
  const clientId = values['client-id'] ?? (environment === 'sandbox' ? SANDBOX.nativeClientId : undefined);
  if (!clientId) {
    throw new CliError(
      'Give your app’s client ID with --client-id (from its registration in the Bentley developer portal).',
    );
  }
  const scopes = [...new Set((values.scopes ?? DEFAULT_SCOPES).split(/[\s,]+/).filter(Boolean))];
  if (scopes.includes('openid')) {
    throw new CliError('Leave out openid: Evo app registrations get no ID token, and IMS refuses it (invalid_scope).');
  }
  return {
    format: values.format,
    out: values.out ?? '.',
    environment,
    authority: url(authority, '--authority'),
    clientId,
    scopes,
    discoveryUrl: checkDiscoveryUrl(
      values.discovery ?? (environment === 'sandbox' ? SANDBOX.discoveryUrl : EVO_DISCOVERY_URL),
    ).href.replace(/\/+$/, ''),
    hubUrl: values['hub-url'] ? url(values['hub-url'], '--hub-url') : undefined,
    orgId: values['org-id'],
    workspaceId: values['workspace-id'],
    envFile: values.env,
  };
}

async function getJson(address: string, what: string, token?: string): Promise<unknown> {
  let response: Response;
  try {
    // Only https or loopback http carries the token, and a redirect is never followed with it.
    if (token) checkDiscoveryUrl(new URL(address).origin);
    response = await fetch(address, {
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      redirect: 'manual',
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${what} at ${address} did not answer (${describe(error)}).`);
  }
  if (response.status >= 300 && response.status < 400) {
    throw new CliError(
      `${what} answered with a redirect (${response.status}) to ${response.headers.get('location') ?? 'an address it did not name'}; the token is not sent there.`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { title?: string; detail?: string } | undefined;
  if (!response.ok) {
    throw new CliError(
      `${what} answered ${response.status}${body?.title ? ` ${body.title}` : ''}${body?.detail ? `: ${body.detail}` : ''}.`,
    );
  }
  return body;
}

interface DiscoveryBody {
  discovery?: {
    organizations?: { id: string; display_name: string }[] | null;
    hubs?: { code: string; url: string }[] | null;
    service_access?: { org_id: string; hub_code: string }[] | null;
  };
}

/** The hub, instance and first workspace this token sees, for what the options left out. */
async function fillFromDiscovery(options: ExportOptions, token: string): Promise<Partial<ExportConnection>> {
  const body = (await getJson(discoveryEndpoint(options.discoveryUrl), 'Evo Discovery', token)) as DiscoveryBody;
  const access = body.discovery?.service_access ?? [];
  const chosen = access.find((item) => !options.orgId || item.org_id === options.orgId);
  const orgId = options.orgId ?? chosen?.org_id;
  const hubUrl =
    options.hubUrl ?? body.discovery?.hubs?.find((hub) => hub.code === chosen?.hub_code)?.url?.replace(/\/+$/, '');
  let workspaceId = options.workspaceId;
  if (!workspaceId && hubUrl && orgId) {
    const list = (await getJson(
      `${hubUrl}/workspace/orgs/${encodeURIComponent(orgId)}/workspaces?limit=1&offset=0`,
      'The workspace list',
      token,
    )) as { results?: { id: string }[] };
    workspaceId = list.results?.[0]?.id;
  }
  return { hubUrl, orgId, workspaceId };
}

/** Runs `export`; returns the exit code. */
export async function exportMain(argv: readonly string[]): Promise<number> {
  try {
    const options = parseExportLine(argv);
    const metadata = (await getJson(
      `${options.authority}/.well-known/openid-configuration`,
      'The identity provider’s metadata',
    ).catch((error: unknown) => {
      throw new CliError(
        `${error instanceof Error ? error.message : String(error)}${options.environment === 'sandbox' ? ' Is the sandbox running? Start it with npm start or npm run sandbox.' : ''}`,
      );
    })) as { authorization_endpoint?: string; token_endpoint?: string };
    if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
      throw new CliError(
        `The metadata at ${options.authority} names no authorization_endpoint or token_endpoint: is it an OAuth 2.0 provider?`,
      );
    }
    const token =
      process.env.EVO_ACCESS_TOKEN || (options.envFile ? readEnvValue(options.envFile, 'EVO_ACCESS_TOKEN') : undefined);
    const found = token ? await fillFromDiscovery(options, token) : {};
    const connection: ExportConnection = {
      environment: options.environment,
      authorizationEndpoint: metadata.authorization_endpoint,
      tokenEndpoint: metadata.token_endpoint,
      clientId: options.clientId,
      scopes: options.scopes,
      discoveryUrl: options.discoveryUrl,
      hubUrl: options.hubUrl ?? found.hubUrl,
      orgId: options.orgId ?? found.orgId,
      workspaceId: options.workspaceId ?? found.workspaceId,
    };
    for (const file of exportFiles(connection, options.format)) {
      const path = resolve(join(options.out, file.name));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
      process.stderr.write(`Wrote ${path}\n`);
    }
    const missing = (['hubUrl', 'orgId', 'workspaceId'] as const).filter((key) => !connection[key]);
    if (missing.length > 0) {
      process.stderr.write(
        `Left empty: ${missing.join(', ')}. Set EVO_ACCESS_TOKEN (or --env FILE) to fill them from Discovery, or give --hub-url, --org-id and --workspace-id.\n`,
      );
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof CliError ? error.message : `Unexpected failure: ${describe(error)}`}\n`);
    return error instanceof CliError && error.message === EXPORT_USAGE ? 0 : 1;
  }
}
