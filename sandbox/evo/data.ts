import { createHash } from 'node:crypto';
import { SANDBOX_USERS, SERVICE_IDENTITY, type SandboxUser } from '../users.ts';

/**
 * The Evo twin's data: instances per sandbox user, their workspaces and a little real-looking
 * content per workspace, all made from stable ids so every start (and every screenshot) is the
 * same. Shapes follow EVO-API.md (what Seequent's Python SDK reads); the server adds the URLs.
 */

/** A hub as Discovery describes it; `path` is where the twin serves its APIs. */
export interface Hub {
  code: string;
  display_name: string;
  path: string;
}

export interface Instance {
  id: string;
  display_name: string;
  hub_code: string;
  services: readonly string[];
  workspaceCount: number;
}

export const HUBS: readonly Hub[] = [
  { code: 'au', display_name: 'Australia East', path: '/hubs/au' },
  { code: 'us', display_name: 'US East', path: '/hubs/us' },
  { code: 'uk', display_name: 'UK South', path: '/hubs/uk' },
];

export const SERVICES = [
  { code: 'blockmodel', display_name: 'Block Model' },
  { code: 'file', display_name: 'File' },
  { code: 'geoscienceobject', display_name: 'Geoscience Object' },
  { code: 'workspace', display_name: 'Workspace' },
] as const;

const ALL_SERVICES = SERVICES.map((service) => service.code);

/** A UUID made from a text, so the same thing gets the same id on every start. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Evo instances (organisations) each sandbox user belongs to, keyed by `sub`. */
const INSTANCES_BY_USER: Record<string, Instance[]> = {
  [SANDBOX_USERS[0]!.sub]: [
    {
      id: 'd0ea331e-814e-4e24-a1b8-cd563c5b1d31',
      display_name: 'Analytical Engines - Exploration',
      hub_code: 'au',
      services: ALL_SERVICES,
      workspaceCount: 27,
    },
    {
      id: '3c1f6e52-9a0b-4d3e-8f21-6b7c8d9e0a12',
      display_name: 'Analytical Engines - Resource Modelling',
      hub_code: 'us',
      services: ['file', 'geoscienceobject', 'workspace'],
      workspaceCount: 4,
    },
  ],
  [SANDBOX_USERS[1]!.sub]: [
    {
      id: '8e2d4a61-5f3b-4c7d-9e18-2a3b4c5d6e7f',
      display_name: 'Compiler Geoscience',
      hub_code: 'uk',
      services: ALL_SERVICES,
      workspaceCount: 3,
    },
  ],
};

/** How big the large sandbox organisation is (the bench and an end-to-end test use it). */
export const LARGE_ORG = { instances: 300, workspacesInLargest: 2000 } as const;

const REGIONS = ['Abitibi', 'Andes', 'Bowen Basin', 'Carajas', 'Copperbelt', 'Goldfields', 'Kiruna', 'Nunavut'];
const UNITS = ['Exploration', 'Mine Geology', 'Resource Modelling', 'Grade Control', 'Geotechnical'];

/** The large organisation's instances: one with {@link LARGE_ORG.workspacesInLargest} workspaces. */
function largeOrganisation(): Instance[] {
  return Array.from({ length: LARGE_ORG.instances }, (_, index) => ({
    id: stableUuid(`atlas instance ${index}`),
    display_name:
      index === 0
        ? 'Atlas Mining - Global Exploration'
        : `Atlas Mining - ${REGIONS[index % REGIONS.length]} ${UNITS[Math.floor(index / REGIONS.length) % UNITS.length]} ${String(index).padStart(3, '0')}`,
    hub_code: HUBS[index % HUBS.length]!.code,
    services: index % 4 === 3 ? ['file', 'geoscienceobject', 'workspace'] : ALL_SERVICES,
    workspaceCount: index === 0 ? LARGE_ORG.workspacesInLargest : 1 + (index % 7),
  }));
}
INSTANCES_BY_USER[SANDBOX_USERS[3]!.sub] = largeOrganisation();
// The service app's identity was added to one of Ada's instances (the portal guide's first step).
INSTANCES_BY_USER[SERVICE_IDENTITY.sub] = [INSTANCES_BY_USER[SANDBOX_USERS[0]!.sub]![0]!];

/** Whether this `sub` is the service app's identity rather than a person. */
export function isServiceIdentity(sub: string): boolean {
  return sub === SERVICE_IDENTITY.sub;
}

/**
 * Whether the service identity was added to this workspace (the guide's second step, done for
 * about a third of them), so the others answer 403.
 */
export function serviceAddedTo(workspace: { id: string }): boolean {
  return parseInt(workspace.id.slice(-2), 16) % 3 === 0;
}

/** The person whose instance this is: who created its workspaces. */
function ownerOf(instance: Instance): Person {
  const user = SANDBOX_USERS.find((candidate) =>
    (INSTANCES_BY_USER[candidate.sub] ?? []).some((item) => item.id === instance.id),
  );
  return user
    ? personOf(user)
    : { id: SERVICE_IDENTITY.sub, name: SERVICE_IDENTITY.name, email: SERVICE_IDENTITY.email };
}

export function instancesFor(sub: string): Instance[] {
  return INSTANCES_BY_USER[sub] ?? [];
}

const TOPICS = ['Drillhole', 'Grade control', 'Geophysics', 'Pit design', 'Structural', 'Resource'];
const PLACES = ['Kalgoorlie', 'Pilbara', 'Nevada', 'Yukon', 'Cornwall', 'Atacama', 'Sudbury', 'Otago'];
const LABELS = ['exploration', 'grade-control', 'resource', 'geophysics', 'archive'];
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: string;
  name: string;
  email: string;
}

export function personOf(user: SandboxUser): Person {
  return { id: user.sub, name: `${user.givenName} ${user.familyName}`, email: user.email };
}

/** A workspace as the twin stores it; `self_link` is added when served. */
export interface Workspace {
  id: string;
  name: string;
  description: string;
  current_user_role: Role;
  created_at: string;
  created_by: Person;
  updated_at: string;
  updated_by: Person;
  bounding_box: { type: 'Polygon'; coordinates: number[][][] } | null;
  default_coordinate_system: string;
  labels: string[];
  ml_enabled: boolean;
}

/** A rough lon/lat box per place, for workspace bounding boxes. */
const PLACE_BOXES: Record<string, [number, number]> = {
  Kalgoorlie: [121.4, -30.7],
  Pilbara: [118.6, -22.3],
  Nevada: [-116.4, 39.5],
  Yukon: [-135.1, 63.6],
  Cornwall: [-5.1, 50.3],
  Atacama: [-69.3, -24.2],
  Sudbury: [-81.0, 46.5],
  Otago: [169.6, -45.2],
};

const workspaceCache = new Map<string, Workspace[]>();

/**
 * The workspaces of an instance, created by its owner, made from the instance id so they are the
 * same on every start, sorted by name as Evo lists them by default. Built once per instance, not
 * per request.
 */
export function workspacesOf(instance: Instance): Workspace[] {
  const key = instance.id;
  const owner = ownerOf(instance);
  const cached = workspaceCache.get(key);
  if (cached) return cached;
  const seed = parseInt(instance.id.slice(0, 8), 16);
  const base = Date.UTC(2025, 0, 6, 9, 30);
  const list = Array.from({ length: instance.workspaceCount }, (_, index): Workspace => {
    const n = seed + index * 7919;
    const created = new Date(base + (n % 300) * 86_400_000 + index * 3_600_000);
    const updated = new Date(created.getTime() + (Math.floor(n / 8) % 60) * 86_400_000);
    const suffix = String(index + 1).padStart(instance.workspaceCount > 99 ? 4 : 2, '0');
    const place = PLACES[n % PLACES.length]!;
    const [lon, lat] = PLACE_BOXES[place]!;
    return {
      id: `${instance.id.slice(0, 24)}${(0x100000000000 + n * 31 + index).toString(16).slice(-12)}`,
      name: `${place} ${TOPICS[Math.floor(n / 4) % TOPICS.length]} ${suffix}`,
      description: `Sandbox workspace ${suffix} of ${instance.display_name}.`,
      current_user_role: ROLES[index % ROLES.length]!,
      created_at: created.toISOString(),
      created_by: owner,
      updated_at: updated.toISOString(),
      updated_by: owner,
      bounding_box:
        index % 3 === 2
          ? null
          : {
              type: 'Polygon',
              coordinates: [
                [
                  [lon, lat],
                  [lon + 0.2, lat],
                  [lon + 0.2, lat + 0.15],
                  [lon, lat + 0.15],
                  [lon, lat],
                ],
              ],
            },
      default_coordinate_system: index % 2 === 0 ? 'EPSG:4326' : '',
      labels: index % 4 === 0 ? [LABELS[n % LABELS.length]!] : [],
      ml_enabled: false,
    };
  });
  list.sort((a, b) => a.name.localeCompare(b.name));
  workspaceCache.set(key, list);
  return list;
}

/** The members of a workspace: the person asking, with their role, and two colleagues. */
export function membersOf(
  workspace: Workspace,
  asker: Person,
): { user_id: string; role: Role; email: string; full_name: string }[] {
  const colleagues = SANDBOX_USERS.filter((user) => user.sub !== asker.id)
    .slice(0, 2)
    .map(personOf);
  return [
    { user_id: asker.id, role: workspace.current_user_role, email: asker.email, full_name: asker.name },
    ...colleagues.map((person, index) => ({
      user_id: person.id,
      role: ROLES[(index + 1) % ROLES.length]!,
      email: person.email,
      full_name: person.name,
    })),
  ];
}

/** Python's `datetime.isoformat()` of a UTC time without its zone, as some Evo APIs send it. */
function naiveTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('Z', '')
    .replace(/\.(\d{3})$/, '.$1000');
}

/** The geoscience objects of a workspace, without their URLs: a point set, a drillhole table, more. */
export function objectsOf(workspace: Workspace) {
  const created = Date.parse(workspace.created_at) + 86_400_000;
  const all = [
    { name: 'Collars', path: '/drilling/', kind: 'pointset', version: '1.3.0' },
    { name: 'Drillholes', path: '/drilling/', kind: 'downhole-collection', version: '1.1.0' },
    { name: 'Topography', path: '/surfaces/', kind: 'triangle-mesh', version: '2.1.0' },
    { name: 'Resource grid', path: '/models/', kind: 'regular-3d-grid', version: '1.2.0' },
  ];
  const count = 2 + (parseInt(workspace.id.slice(-2), 16) % 3);
  return all.slice(0, count).map((item, index) => {
    const at = created + index * 7_200_000;
    return {
      object_id: stableUuid(`${workspace.id} object ${item.name}`),
      name: item.name,
      path: item.path,
      schema: `/objects/${item.kind}/${item.version}/${item.kind}.schema.json`,
      version_id: String(1_700_000_000_000_000 + index * 1_000_003),
      etag: stableUuid(`${workspace.id} etag ${item.name}`).replace(/-/g, '').slice(0, 16),
      // The object API may leave the zone out (EVO-API.md); the first item does, the others say Z.
      created_at: index === 0 ? naiveTime(at) : new Date(at).toISOString(),
      modified_at: index === 0 ? naiveTime(at + 3_600_000) : new Date(at + 3_600_000).toISOString(),
      created_by: workspace.created_by,
      modified_by: workspace.updated_by,
      stage: { name: index === 0 ? 'Approved' : 'Experimental', stage_id: stableUuid(`stage ${index}`) },
    };
  });
}

/** The files of a workspace, without their URLs: a CSV of collars, and more. */
export function filesOf(workspace: Workspace) {
  const created = Date.parse(workspace.created_at) + 2 * 86_400_000;
  const all = [
    { name: 'collars.csv', folder: '/drilling/', size: 18_432 },
    { name: 'survey.csv', folder: '/drilling/', size: 61_207 },
    { name: 'assays.csv', folder: '/drilling/', size: 1_284_551 },
  ];
  const count = 1 + (parseInt(workspace.id.slice(-3, -1), 16) % 3);
  return all.slice(0, count).map((item, index) => {
    const at = created + index * 3_600_000;
    return {
      file_id: stableUuid(`${workspace.id} file ${item.name}`),
      name: item.name,
      path: `${item.folder}${item.name}`,
      version_id: String(1_720_000_000_000_000 + index * 7),
      etag: stableUuid(`${workspace.id} file etag ${item.name}`).replace(/-/g, '').slice(0, 16),
      size: item.size,
      created_at: naiveTime(at),
      modified_at: naiveTime(at + 1_800_000),
      created_by: workspace.created_by,
      modified_by: workspace.updated_by,
    };
  });
}

/** The block models of a workspace: one regular model, and a sub-blocked one in some. */
export function blockModelsOf(workspace: Workspace, orgId: string) {
  const created = Date.parse(workspace.created_at) + 3 * 86_400_000;
  const by = { id: workspace.created_by.id, name: workspace.created_by.name, email: workspace.created_by.email };
  const origin = { x: 318_000, y: 6_589_000, z: -400 };
  const regular = {
    name: 'Resource model 2025',
    size_options: {
      model_type: 'regular' as const,
      n_blocks: { nx: 120, ny: 80, nz: 40 },
      block_size: { x: 10, y: 10, z: 5 },
    },
    extent: { x: 1200, y: 800, z: 200 },
  };
  const subBlocked = {
    name: 'Grade control model',
    size_options: {
      model_type: 'fully-sub-blocked' as const,
      n_parent_blocks: { nx: 60, ny: 40, nz: 20 },
      n_subblocks_per_parent: { nx: 2, ny: 2, nz: 2 },
      parent_block_size: { x: 20, y: 20, z: 10 },
    },
    extent: { x: 1200, y: 800, z: 200 },
  };
  const models = parseInt(workspace.id.slice(-1), 16) % 2 === 0 ? [regular, subBlocked] : [regular];
  return models.map((model, index) => ({
    bm_uuid: stableUuid(`${workspace.id} block model ${model.name}`),
    org_uuid: orgId,
    workspace_id: workspace.id,
    name: model.name,
    description: `${model.name} of ${workspace.name}.`,
    created_at: new Date(created + index * 3_600_000).toISOString(),
    created_by: by,
    last_updated_at: new Date(created + index * 3_600_000 + 600_000).toISOString(),
    last_updated_by: by,
    bbox: {
      x_minmax: { min: origin.x, max: origin.x + model.extent.x },
      y_minmax: { min: origin.y, max: origin.y + model.extent.y },
      z_minmax: { min: origin.z, max: origin.z + model.extent.z },
    },
    block_rotation: [],
    normalized_rotation: [0, 0, 0],
    model_origin: origin,
    size_options: model.size_options,
    coordinate_reference_system: 'EPSG:28350',
    size_unit_id: 'm',
    fill_subblocks: false,
  }));
}
