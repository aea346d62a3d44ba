/**
 * Contract test: every Evo twin endpoint, answered in the shapes Seequent's Python SDK reads
 * (EVO-API.md), checked with the very schemas the app parses with (src/evo/evoSchemas.ts), and
 * paged the way the SDK pages: read `total`, ask for the other offsets at once, join in order.
 */
import type { JWK, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  blockModelList,
  currentUserRoleSchema,
  describeIssues,
  discoverySchema,
  fileList,
  healthSchema,
  objectList,
  problemSchema,
  workspaceList,
  workspaceSchema,
  workspaceSummaryList,
  workspaceUserList,
} from '../../src/evo/evoSchemas.ts';
import { readSandboxConfig } from '../config.ts';
import { startSandbox, type Sandbox } from '../main.ts';
import { createSigningKey } from '../ims/provider.ts';
import { mintAccessToken } from '../testTokens.ts';
import { SANDBOX_USERS } from '../users.ts';

const config = readSandboxConfig({ SANDBOX_IMS_PORT: '3221', SANDBOX_EVO_PORT: '3222' });
const ada = SANDBOX_USERS[0]!;
const EVERY_SCOPE = ['evo.discovery', 'evo.workspace', 'evo.object', 'evo.file', 'evo.blocksync'];
let sandbox: Sandbox;
let key: JWK;
let token: string;

function mint(claims: JWTPayload = {}): Promise<string> {
  return mintAccessToken(key, sandbox.ims.issuer, { scope: EVERY_SCOPE, ...claims, sub: ada.sub });
}

beforeAll(async () => {
  key = await createSigningKey();
  sandbox = await startSandbox(config, key);
  token = await mint();
});
afterAll(async () => {
  await sandbox.close();
});

/** A GET as the SDK makes it: bearer token, JSON accepted, redirects not followed. */
async function get(url: string, authorization = `Bearer ${token}`): Promise<Response> {
  return fetch(url.startsWith('http') ? url : `${sandbox.evo.url}${url}`, {
    headers: { Authorization: authorization, Accept: 'application/json' },
    redirect: 'manual',
  });
}

/** The body of a 200, checked against `schema`, with the first mismatch named on failure. */
async function ok<T>(response: Response, schema: z.core.$ZodType<T>): Promise<T> {
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(200);
  const parsed = z.safeParse(schema, JSON.parse(text));
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    expect.fail(`${response.url}: ${field}: ${message}`);
  }
  return parsed.data;
}

/** A refusal: the status, and an RFC 7807 body whose `status` is the HTTP status. */
async function refused(response: Response, status: number) {
  expect(response.status).toBe(status);
  const problem = await ok(new Response(await response.text(), { status: 200 }), problemSchema);
  expect(problem.status).toBe(status);
  return problem;
}

let hubUrl = '';
let orgId = '';
let workspaceId = '';
let noBlockModelOrg = { id: '', hubUrl: '' };

describe('Evo twin contract: Discovery', () => {
  it('answers service=evo in the documented shape, and a repeated service parameter the same way', async () => {
    const evo = await ok(await get('/evo/identity/v2/discovery?service=evo'), discoverySchema);
    const several = await ok(
      await get('/evo/identity/v2/discovery?service=blockmodel&service=geoscienceobject&service=file'),
      discoverySchema,
    );
    expect(several).toEqual(evo);
    const { organizations, hubs, service_access } = evo.discovery;
    expect(organizations.length).toBeGreaterThan(1);
    const full = service_access.find((access) => access.services.includes('blockmodel'))!;
    const lacking = service_access.find((access) => !access.services.includes('blockmodel'))!;
    orgId = full.org_id;
    hubUrl = hubs.find((hub) => hub.code === full.hub_code)!.url;
    noBlockModelOrg = { id: lacking.org_id, hubUrl: hubs.find((hub) => hub.code === lacking.hub_code)!.url };
  });

  it('refuses an unknown service and a missing one with 400 problems', async () => {
    await refused(await get('/evo/identity/v2/discovery?service=nonsense'), 400);
    await refused(await get('/evo/identity/v2/discovery'), 400);
  });

  it('takes the bearer scheme in any case (RFC 9110 section 11.1)', async () => {
    await ok(await get('/evo/identity/v2/discovery?service=evo', `bearer ${token}`), discoverySchema);
    await ok(await get('/evo/identity/v2/discovery?service=evo', `BEARER ${token}`), discoverySchema);
  });
});

describe('Evo twin contract: Workspaces', () => {
  const list = () => `${hubUrl}/workspace/orgs/${orgId}/workspaces`;

  it('pages the SDK way: total from the first page, the other offsets at once, joined in offset order', async () => {
    const limit = 5;
    const first = await ok(await get(`${list()}?limit=${limit}&offset=0&order_by=asc:name`), workspaceList.strict);
    const { total } = first.links;
    expect(total).toBeGreaterThan(limit);
    const offsets = [];
    for (let offset = limit; offset < total; offset += limit) offsets.push(offset);
    const rest = await Promise.all(
      offsets.map(async (offset) =>
        ok(await get(`${list()}?limit=${limit}&offset=${offset}&order_by=asc:name`), workspaceList.strict),
      ),
    );
    const joined = [first, ...rest].flatMap((page) => page.results);
    expect(joined).toHaveLength(total);
    expect(new Set(joined.map((workspace) => workspace.id)).size).toBe(total);
    const names = joined.map((workspace) => workspace.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    workspaceId = joined[0]!.id;

    // Following `next` from the first page reaches the same list, and the last page has no `next`.
    const followed: string[] = [];
    let url: string | null | undefined = `${list()}?limit=${limit}&order_by=asc:name`;
    while (url) {
      const page: z.infer<typeof workspaceList.strict> = await ok(await get(url), workspaceList.strict);
      followed.push(...page.results.map((workspace) => workspace.id));
      expect(page.links.first).toMatch(/^http:\/\//);
      expect(page.links.last).toMatch(/^http:\/\//);
      url = page.links.next;
    }
    expect(followed).toEqual(joined.map((workspace) => workspace.id));
  });

  it('orders by desc:updated_at and filters by name', async () => {
    const page = await ok(await get(`${list()}?limit=100&order_by=desc:updated_at`), workspaceList.strict);
    const updated = page.results.map((workspace) => Date.parse(workspace.updated_at));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const named = await ok(await get(`${list()}?name=${encodeURIComponent('kalgoorlie')}`), workspaceList.strict);
    expect(named.links.total).toBeGreaterThan(0);
    for (const workspace of named.results as { name: string }[]) expect(workspace.name).toMatch(/Kalgoorlie/);
    await refused(await get(`${list()}?order_by=sideways:name`), 400);
    await refused(await get(`${list()}?limit=ten`), 400);
  });

  it('answers the summary, one workspace (deleted=False as Python spells it), its role and its users', async () => {
    const summary = await ok(await get(`${list()}/summary?limit=50&offset=0`), workspaceSummaryList.strict);
    expect(summary.results.some((item) => item.id === workspaceId)).toBe(true);
    const one = await ok(await get(`${list()}/${workspaceId}?deleted=False`), workspaceSchema);
    expect(one.current_user_role).toBeDefined();
    expect(one.self_link).toBe(`${list()}/${workspaceId}`);
    const role = await ok(await get(`${list()}/${workspaceId}/current-user-role`), currentUserRoleSchema);
    expect(role).toEqual({ user_id: ada.sub, role: one.current_user_role });
    const users = await ok(await get(`${list()}/${workspaceId}/users`), workspaceUserList.strict);
    expect(users.results.map((user) => user.user_id)).toContain(ada.sub);
    await refused(await get(`${list()}/00000000-0000-4000-a000-000000000000`), 404);
  });
});

describe('Evo twin contract: per-workspace APIs', () => {
  const base = (prefix: string) => `${hubUrl}/${prefix}/orgs/${orgId}/workspaces/${workspaceId}`;

  it('lists geoscience objects, paged by the body’s offset, limit and total, and by links.next', async () => {
    const url = `${base('geoscience-object')}/objects`;
    const all = await ok(await get(url), objectList.strict);
    expect(all.total).toBeGreaterThanOrEqual(2);
    // The SDK's way: one page of 1, then the remaining offsets at once, joined in order.
    const first = await ok(await get(`${url}?limit=1&offset=0`), objectList.strict);
    const rest = await Promise.all(
      Array.from({ length: (first.total ?? 0) - 1 }, async (_, index) =>
        ok(await get(`${url}?limit=1&offset=${index + 1}`), objectList.strict),
      ),
    );
    const ids = (pages: z.infer<typeof objectList.strict>[]) =>
      pages.flatMap((page) => page.objects.map((o) => o.object_id));
    expect(ids([first, ...rest])).toEqual(ids([all]));
    const followed = [];
    let next: string | null | undefined = `${url}?limit=1`;
    while (next) {
      const page: z.infer<typeof objectList.strict> = await ok(await get(next), objectList.strict);
      followed.push(page);
      next = page.links.next;
    }
    expect(ids(followed)).toEqual(ids([all]));
  });

  it('lists files with count, limit, offset, total and links, the SDK’s deleted=False included', async () => {
    const url = `${base('file/v2')}/files`;
    const all = await ok(await get(`${url}?limit=5000&offset=0&deleted=False`), fileList.strict);
    expect(all.count).toBe(all.total);
    expect(all.files.some((file) => file.name.endsWith('.csv'))).toBe(true);
    const followed: string[] = [];
    let next: string | null | undefined = `${url}?limit=1&deleted=False`;
    while (next) {
      const page: z.infer<typeof fileList.strict> = await ok(await get(next), fileList.strict);
      followed.push(...page.files.map((file) => file.file_id));
      next = page.links.next;
    }
    expect(followed).toEqual(all.files.map((file) => file.file_id));
  });

  it('lists block models until count is 0 or offset + count reaches total', async () => {
    const url = `${base('blockmodel')}/block-models`;
    const plain = await ok(await get(url), blockModelList.strict);
    const ids: string[] = [];
    for (let offset = 0; ;) {
      const page = await ok(await get(`${url}?offset=${offset}&limit=1`), blockModelList.strict);
      ids.push(...page.results.map((model) => model.bm_uuid));
      if (page.count === 0 || page.offset + page.count >= page.total) break;
      offset += page.count;
    }
    expect(ids).toEqual(plain.results.map((model) => model.bm_uuid));
    await refused(await get(`${url}?limit=101`), 400);
  });

  it('refuses an API whose service Discovery does not list for the instance, with a problem body', async () => {
    const instanceWorkspaces = await ok(
      await get(`${noBlockModelOrg.hubUrl}/workspace/orgs/${noBlockModelOrg.id}/workspaces?limit=1`),
      workspaceList.strict,
    );
    const ws = instanceWorkspaces.results[0]!.id;
    const problem = await refused(
      await get(`${noBlockModelOrg.hubUrl}/blockmodel/orgs/${noBlockModelOrg.id}/workspaces/${ws}/block-models`),
      403,
    );
    expect(problem.detail).toMatch(/Block Model service/);
    // The same instance's Files API, which Discovery does list, lets the token in.
    await ok(
      await get(`${noBlockModelOrg.hubUrl}/file/v2/orgs/${noBlockModelOrg.id}/workspaces/${ws}/files`),
      fileList.strict,
    );
  });

  it('refuses a token without the API’s scope, an unknown workspace and another instance, each with a problem', async () => {
    const narrow = await mint({ scope: ['evo.discovery', 'evo.workspace'] });
    await refused(await get(`${base('file/v2')}/files`, `Bearer ${narrow}`), 403);
    await refused(
      await get(`${hubUrl}/file/v2/orgs/${orgId}/workspaces/00000000-0000-4000-a000-000000000000/files`),
      404,
    );
    await refused(
      await get(`${hubUrl}/file/v2/orgs/00000000-0000-4000-a000-000000000000/workspaces/${workspaceId}/files`),
      403,
    );
  });
});

describe('Evo twin contract: health checks', () => {
  it.each(['workspace', 'geoscience-object', 'file', 'blockmodel'])(
    'answers %s health in full and bare',
    async (service) => {
      const full = await ok(
        await get(`${hubUrl}/${service}/health_check?full=true&check_dependencies=true`),
        healthSchema,
      );
      expect(full.status).toBe('pass');
      expect(full.dependencies).toBeTruthy();
      const bare = await get(`${hubUrl}/${service}/health_check`);
      expect(bare.status).toBe(200);
      expect(await bare.text()).toBe('pass');
      // A hub URL with a trailing slash, joined naively, still reaches the API.
      expect((await get(`${hubUrl}//${service}/health_check`)).status).toBe(200);
    },
  );
});
