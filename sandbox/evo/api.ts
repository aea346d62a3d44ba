import type { JWTPayload } from 'jose';
import { DISCOVERY_PATH } from '../../src/config/catalogue.ts';
import { findUserBySub, SERVICE_IDENTITY } from '../users.ts';
import {
  blockModelsOf,
  filesOf,
  HUBS,
  instancesFor,
  isServiceIdentity,
  membersOf,
  objectsOf,
  personOf,
  serviceAddedTo,
  SERVICES,
  workspacesOf,
  type Instance,
  type Person,
  type Workspace,
} from './data.ts';

/** A refusal as an RFC 7807 problem document; `type` is Evo-like and names the rule. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    readonly type = `https://seequent.com/error-codes/${PROBLEM_NAMES[status] ?? 'error'}`,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail, ...this.extra };
  }
}

const PROBLEM_NAMES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  429: 'too-many-requests',
  500: 'internal-server-error',
  503: 'service-unavailable',
};

function badParam(name: string, reason: string): Problem {
  return new Problem(400, 'Bad request', `"${name}": ${reason}`, {}, undefined, {
    'invalid-params': [{ name, reason }],
  });
}

/** A whole number from `min` to `max`, or the fallback when the parameter is absent. */
function integerParam(search: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = search.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw badParam(name, `must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** `deleted=False` as Python sends it, or `false`; `true`/`True` asks for deleted items (there are none). */
function deletedParam(search: URLSearchParams): boolean {
  const raw = search.get('deleted');
  if (raw === null) return false;
  if (/^(false|0)$/i.test(raw)) return false;
  if (/^(true|1)$/i.test(raw)) return true;
  throw badParam('deleted', 'must be true or false.');
}

const ORDER_FIELDS = {
  name: (a: Workspace, b: Workspace) => a.name.localeCompare(b.name),
  created_at: (a: Workspace, b: Workspace) => a.created_at.localeCompare(b.created_at),
  updated_at: (a: Workspace, b: Workspace) => a.updated_at.localeCompare(b.updated_at),
  user_role: (a: Workspace, b: Workspace) => a.current_user_role.localeCompare(b.current_user_role),
} as const;

/** `order_by=asc:name,desc:updated_at` as one comparison; unknown fields are a 400. */
function orderBy(search: URLSearchParams): ((a: Workspace, b: Workspace) => number) | undefined {
  const raw = search.get('order_by');
  if (!raw) return undefined;
  const keys = raw.split(',').map((part) => {
    const match = /^(asc|desc):(\w+)$/.exec(part.trim());
    const field = match?.[2];
    if (!match || !field || !Object.hasOwn(ORDER_FIELDS, field)) {
      throw badParam(
        'order_by',
        `"${part}" is not asc:<field> or desc:<field> with a field of ${Object.keys(ORDER_FIELDS).join(', ')}.`,
      );
    }
    const compare = ORDER_FIELDS[field as keyof typeof ORDER_FIELDS];
    return match[1] === 'desc' ? (a: Workspace, b: Workspace) => compare(b, a) : compare;
  });
  return (a, b) => {
    for (const compare of keys) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return a.id.localeCompare(b.id);
  };
}

/** The page's own URL with `offset` (and `limit`) replaced: the links of a list. */
function pageLink(self: URL, offset: number, limit: number): string {
  const link = new URL(self);
  link.searchParams.set('limit', String(limit));
  link.searchParams.set('offset', String(offset));
  return link.toString();
}

/** A body sent as plain text rather than JSON (a health check without `full=true`). */
export class TextBody {
  constructor(readonly text: string) {}
}

/** What the routes need from the server: its base URL, and the token check. */
export interface ApiContext {
  baseUrl: string;
  verify: (authorization: string | undefined, scope: string) => Promise<JWTPayload>;
}

const HEALTH_SERVICES = new Set(['workspace', 'geoscience-object', 'file', 'blockmodel']);
const DISCOVERY_SERVICES = new Set(['evo', ...SERVICES.map((service) => service.code)]);

/** Per-workspace list APIs: their path, scope, Discovery service code and page rules. */
const CONTENT_APIS = {
  objects: {
    prefix: 'geoscience-object',
    scope: 'evo.object',
    service: 'geoscienceobject',
    maxLimit: 10_000,
    defaultLimit: 5000,
    label: 'Geoscience Object',
  },
  files: { prefix: 'file/v2', scope: 'evo.file', service: 'file', maxLimit: 10_000, defaultLimit: 5000, label: 'File' },
  'block-models': {
    prefix: 'blockmodel',
    scope: 'evo.blocksync',
    service: 'blockmodel',
    maxLimit: 100,
    defaultLimit: 50,
    label: 'Block Model',
  },
} as const;

/**
 * The Evo twin's API: every route EVO-API.md describes, with its paging, filters and refusals.
 * Returns the JSON body (or text, for a bare health check) of a 200; throws {@link Problem}.
 */
export function evoApi({ baseUrl, verify }: ApiContext) {
  const hubUrl = (code: string) => `${baseUrl}${HUBS.find((hub) => hub.code === code)!.path}`;

  function asker(payload: JWTPayload): Person {
    const sub = String(payload.sub);
    if (isServiceIdentity(sub)) return { id: sub, name: SERVICE_IDENTITY.name, email: SERVICE_IDENTITY.email };
    const user = findUserBySub(sub);
    return user ? personOf(user) : { id: sub, name: sub, email: '' };
  }

  /** The workspaces `person` can see: all of them, or for a service identity those it was added to. */
  function visibleTo(person: Person, workspaces: Workspace[]): Workspace[] {
    return isServiceIdentity(person.id) ? workspaces.filter(serviceAddedTo) : workspaces;
  }

  /** The workspace, which `person` must be a member of: a service identity must have been added. */
  function workspaceFor(person: Person, workspaces: Workspace[], id: string): Workspace {
    const workspace = findWorkspace(workspaces, id);
    if (isServiceIdentity(person.id) && !serviceAddedTo(workspace)) {
      throw new Problem(
        403,
        'Not a member of this workspace',
        `The service identity ${SERVICE_IDENTITY.clientId} has not been added to workspace "${workspace.name}" (${workspace.id}). An administrator of the instance adds it in the workspace's sharing settings; adding it to the instance alone is not enough.`,
      );
    }
    return isServiceIdentity(person.id) ? { ...workspace, current_user_role: 'editor' } : workspace;
  }

  /** The instance `orgId` on `hubCode`, if the person is a member of it; a 403 otherwise. */
  function memberInstance(sub: string, hubCode: string, orgId: string): Instance {
    const instance = instancesFor(sub).find((item) => item.id === orgId && item.hub_code === hubCode);
    if (!instance)
      throw new Problem(403, 'Forbidden', `You are not a member of instance ${orgId} on hub "${hubCode}".`);
    return instance;
  }

  function findWorkspace(workspaces: Workspace[], id: string): Workspace {
    const workspace = workspaces.find((item) => item.id === id);
    if (!workspace) throw new Problem(404, 'Workspace not found', `There is no workspace ${id} in this instance.`);
    return workspace;
  }

  function served(workspace: Workspace, hubCode: string, orgId: string) {
    return { ...workspace, self_link: `${hubUrl(hubCode)}/workspace/orgs/${orgId}/workspaces/${workspace.id}` };
  }

  async function discovery(search: URLSearchParams, authorization: string | undefined) {
    const payload = await verify(authorization, 'evo.discovery');
    const asked = search.getAll('service');
    if (asked.length === 0) throw badParam('service', 'name at least one service, such as evo.');
    const unknown = asked.find((service) => !DISCOVERY_SERVICES.has(service));
    if (unknown !== undefined) {
      throw badParam(
        'service',
        `"${unknown}" is not a service; use evo or one of ${[...DISCOVERY_SERVICES].slice(1).join(', ')}.`,
      );
    }
    const instances = instancesFor(String(payload.sub));
    const hubCodes = new Set(instances.map((instance) => instance.hub_code));
    return {
      discovery: {
        organizations: instances.map(({ id, display_name }) => ({ id, display_name })),
        hubs: HUBS.filter((hub) => hubCodes.has(hub.code)).map((hub) => ({
          code: hub.code,
          display_name: hub.display_name,
          url: hubUrl(hub.code),
        })),
        services: SERVICES,
        service_access: instances.map((instance) => ({
          org_id: instance.id,
          hub_code: instance.hub_code,
          services: instance.services,
        })),
        accounts: [],
      },
    };
  }

  async function workspaceRoutes(
    hubCode: string,
    orgId: string,
    rest: string,
    self: URL,
    authorization: string | undefined,
  ): Promise<unknown> {
    const payload = await verify(authorization, 'evo.workspace');
    const person = asker(payload);
    const instance = memberInstance(person.id, hubCode, orgId);
    const everyWorkspace = workspacesOf(instance);
    const all = visibleTo(person, everyWorkspace);
    const search = self.searchParams;

    if (rest === '' || rest === '/summary') {
      const limit = integerParam(search, 'limit', 20, 1, 5000);
      const offset = integerParam(search, 'offset', 0, 0, 1_000_000);
      const name = search.get('name')?.trim().toLowerCase();
      const sort = orderBy(search);
      let list = deletedParam(search) ? [] : all;
      if (name) list = list.filter((workspace) => workspace.name.toLowerCase().includes(name));
      if (sort) list = [...list].sort(sort);
      const page = list.slice(offset, offset + limit);
      const lastOffset = Math.max(0, Math.floor((list.length - 1) / limit) * limit);
      return {
        links: {
          count: page.length,
          total: list.length,
          first: pageLink(self, 0, limit),
          last: pageLink(self, lastOffset, limit),
          next: offset + limit < list.length ? pageLink(self, offset + limit, limit) : null,
          previous: offset > 0 ? pageLink(self, Math.max(0, offset - limit), limit) : null,
        },
        results:
          rest === '/summary'
            ? page.map(({ id, name: workspaceName }) => ({ id, name: workspaceName }))
            : page.map((workspace) =>
                served(
                  isServiceIdentity(person.id) ? { ...workspace, current_user_role: 'editor' } : workspace,
                  hubCode,
                  orgId,
                ),
              ),
      };
    }

    const one = /^\/([\w-]+)(\/current-user-role|\/users)?$/.exec(rest);
    if (!one) throw new Problem(404, 'Not found', `There is no sandbox Workspaces API at ${self.pathname}.`);
    const deleted = deletedParam(search);
    const workspace = workspaceFor(person, deleted ? [] : everyWorkspace, one[1]!);
    if (one[2] === '/current-user-role') return { user_id: person.id, role: workspace.current_user_role };
    if (one[2] === '/users') {
      const userId = search.get('user_id');
      const members = membersOf(workspace, person).filter((member) => !userId || member.user_id === userId);
      return { links: { self: self.toString() }, results: members };
    }
    return served(workspace, hubCode, orgId);
  }

  async function contentRoutes(
    kind: keyof typeof CONTENT_APIS,
    hubCode: string,
    orgId: string,
    workspaceId: string,
    self: URL,
    authorization: string | undefined,
  ): Promise<unknown> {
    const api = CONTENT_APIS[kind];
    const payload = await verify(authorization, api.scope);
    const person = asker(payload);
    const instance = memberInstance(person.id, hubCode, orgId);
    if (!instance.services.includes(api.service)) {
      throw new Problem(
        403,
        'Service not enabled',
        `Instance ${orgId} does not have the ${api.label} service; Discovery does not list "${api.service}" for it.`,
        {},
        `https://seequent.com/error-codes/${api.service}/service-not-enabled`,
      );
    }
    const workspace = workspaceFor(person, workspacesOf(instance), workspaceId);
    const search = self.searchParams;
    const limit = integerParam(search, 'limit', api.defaultLimit, 1, api.maxLimit);
    const offset = integerParam(search, 'offset', 0, 0, 1_000_000);
    const deleted = deletedParam(search);
    const workspaceUrl = `${hubUrl(hubCode)}/${api.prefix}/orgs/${orgId}/workspaces/${workspace.id}`;
    const page = <T>(all: T[]) => {
      const list = deleted ? [] : all;
      const items = list.slice(offset, offset + limit);
      return {
        items,
        count: items.length,
        limit,
        offset,
        total: list.length,
        next: offset + limit < list.length ? pageLink(self, offset + limit, limit) : null,
        prev: offset > 0 ? pageLink(self, Math.max(0, offset - limit), limit) : null,
      };
    };

    if (kind === 'objects') {
      const { items, next, prev, ...counts } = page(objectsOf(workspace));
      return {
        objects: items.map((item) => ({
          ...item,
          links: {
            download: `${workspaceUrl}/objects/path${item.path}${encodeURIComponent(item.name)}.json?version=${item.version_id}`,
          },
        })),
        links: { next, prev },
        ...counts,
      };
    }
    if (kind === 'files') {
      const { items, next, prev, ...counts } = page(filesOf(workspace));
      return {
        files: items.map((item) => ({ ...item, links: { self: `${workspaceUrl}/files/${item.file_id}` } })),
        links: { self: self.toString(), next, prev },
        ...counts,
      };
    }
    // Block model lists have no links: the SDK pages by offset, count and total.
    const { items, count, total } = page(blockModelsOf(workspace, orgId));
    return { results: items, count, limit, offset, total };
  }

  /** `GET {hub}/{service}/health_check`: JSON with `full=true`, else the bare status text. */
  function health(service: string, search: URLSearchParams): unknown {
    if (!HEALTH_SERVICES.has(service))
      throw new Problem(404, 'Not found', `There is no "${service}" service on this hub.`);
    if (search.get('full') !== 'true') return new TextBody('pass');
    return {
      status: 'pass',
      version: 'sandbox-1.0.0',
      ...(search.get('check_dependencies') === 'true'
        ? { dependencies: { database: 'pass', 'identity-provider': 'pass' } }
        : {}),
    };
  }

  return async function route(path: string, self: URL, authorization: string | undefined): Promise<unknown> {
    if (path === DISCOVERY_PATH) return discovery(self.searchParams, authorization);

    const hub = /^\/hubs\/([a-z]+)(\/.*)$/.exec(path);
    if (!hub || !HUBS.some((known) => known.code === hub[1])) {
      throw new Problem(404, 'Not found', `There is no sandbox Evo API at ${path}.`);
    }
    const [, hubCode, rest] = hub as unknown as [string, string, string];

    const healthCheck = /^\/([\w-]+)\/health_check$/.exec(rest);
    if (healthCheck) return health(healthCheck[1]!, self.searchParams);

    const workspaces = /^\/workspace\/orgs\/([\w-]+)\/workspaces(\/.*)?$/.exec(rest);
    if (workspaces) return workspaceRoutes(hubCode, workspaces[1]!, workspaces[2] ?? '', self, authorization);

    const content =
      /^\/(geoscience-object|file\/v2|blockmodel)\/orgs\/([\w-]+)\/workspaces\/([\w-]+)\/(objects|files|block-models)$/.exec(
        rest,
      );
    const kind = content?.[4] as keyof typeof CONTENT_APIS | undefined;
    if (content && kind && CONTENT_APIS[kind].prefix === content[1]) {
      return contentRoutes(kind, hubCode, content[2]!, content[3]!, self, authorization);
    }
    throw new Problem(404, 'Not found', `There is no sandbox Evo API at ${path}.`);
  };
}
