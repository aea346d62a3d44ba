import { SANDBOX_USERS } from '../users.ts';

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
  services: string[];
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

export function instancesFor(sub: string): Instance[] {
  return INSTANCES_BY_USER[sub] ?? [];
}

const TOPICS = ['Drillhole', 'Grade control', 'Geophysics', 'Pit design', 'Structural', 'Resource'];
const PLACES = ['Kalgoorlie', 'Pilbara', 'Nevada', 'Yukon', 'Cornwall', 'Atacama', 'Sudbury', 'Otago'];
const ROLES = ['owner', 'editor', 'viewer'] as const;

export interface Workspace {
  id: string;
  name: string;
  description: string;
  current_user_role: (typeof ROLES)[number];
  created_at: string;
  created_by: { id: string; name: string; email: string };
  updated_at: string;
  updated_by: { id: string; name: string; email: string };
  bounding_box: null;
  default_coordinate_system: string;
  labels: string[];
}

/**
 * The workspaces of an instance, made from its id so they are the same on every start (stable
 * screenshots and tests), sorted by name as Evo lists them by default.
 */
export function workspacesOf(instance: Instance, owner: { sub: string; name: string; email: string }): Workspace[] {
  const seed = parseInt(instance.id.slice(0, 8), 16);
  const base = Date.UTC(2025, 0, 6, 9, 30);
  const list = Array.from({ length: instance.workspaceCount }, (_, index) => {
    const n = seed + index * 7919;
    const created = new Date(base + (n % 300) * 86_400_000 + index * 3_600_000);
    const updated = new Date(created.getTime() + (Math.floor(n / 8) % 60) * 86_400_000);
    const person = { id: owner.sub, name: owner.name, email: owner.email };
    const suffix = String(index + 1).padStart(2, '0');
    return {
      id: `${instance.id.slice(0, 24)}${(0x100000000000 + n * 31 + index).toString(16).slice(-12)}`,
      name: `${PLACES[n % PLACES.length]} ${TOPICS[Math.floor(n / 4) % TOPICS.length]} ${suffix}`,
      description: `Sandbox workspace ${suffix} of ${instance.display_name}.`,
      current_user_role: ROLES[index % ROLES.length]!,
      created_at: created.toISOString(),
      created_by: person,
      updated_at: updated.toISOString(),
      updated_by: person,
      bounding_box: null,
      default_coordinate_system: '',
      labels: [],
    };
  });
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/** A few items of each per-workspace API, made from the workspace id so they are stable. */
export function workspaceItems(
  workspaceId: string,
  kind: 'objects' | 'files' | 'block-models',
): Record<string, unknown>[] {
  const n = parseInt(workspaceId.slice(-4), 16) % 4;
  const names = {
    objects: ['Drillholes.pointset', 'Topography.surface', 'Geology.mesh', 'Assays.downhole'],
    files: ['collars.csv', 'survey.csv', 'lithology.xlsx', 'readme.pdf'],
    'block-models': ['Resource model 2025', 'Grade control BM', 'Pit shell BM'],
  }[kind];
  return names.slice(0, 1 + n).map((name, index) => ({
    id: `${workspaceId.slice(0, 28)}${String(index).padStart(8, '0')}`,
    name,
    created_at: '2025-03-0' + (index + 1) + 'T10:00:00Z',
  }));
}
