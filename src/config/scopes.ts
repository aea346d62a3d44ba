/** What a scope is for, as the scope picker explains it. */
export interface ScopeInfo {
  scope: string;
  /** Always requested: the app cannot work without it. */
  required: boolean;
  /** The API or behaviour it opens, in one line. */
  unlocks: string;
  /** Why it is locked on, or what changes when it is chosen. */
  note?: string;
  /** The Evo API it opens, and a few of its calls, for the "what can this token reach" table. */
  api?: {
    name: string;
    calls: string[];
    /** The Discovery service code an instance must list for the API to let anyone in. */
    service?: string;
    /** Whether this page ever calls the API (Discovery, the scope probe); Audit it never does. */
    calledHere: boolean;
  };
}

/** Every scope the picker offers, in the order it shows them. */
export const SCOPE_CATALOGUE: readonly ScopeInfo[] = [
  {
    scope: 'evo.discovery',
    required: true,
    unlocks: 'Evo Discovery: which instances you belong to, their hubs and services.',
    note: 'Always on: without it the app cannot find your instances or their hub URLs.',
    api: { name: 'Discovery', calls: ['GET /evo/identity/v2/discovery'], calledHere: true },
  },
  {
    scope: 'evo.workspace',
    required: true,
    unlocks: 'Workspaces API: list, read and manage the workspaces of an instance.',
    note: 'Always on: every other Evo API works inside a workspace.',
    api: {
      name: 'Workspaces',
      calls: ['GET /workspace/orgs/{org}/workspaces', 'POST /workspace/orgs/{org}/workspaces'],
      calledHere: true,
    },
  },
  {
    scope: 'evo.object',
    required: false,
    unlocks: 'Geoscience Objects API: read and publish geoscience objects in a workspace.',
    api: {
      name: 'Geoscience Objects',
      calls: ['GET /geoscience-object/orgs/{org}/workspaces/{ws}/objects'],
      service: 'geoscienceobject',
      calledHere: true,
    },
  },
  {
    scope: 'evo.blocksync',
    required: false,
    unlocks: 'Block Model API (BlockSync): read and update block models in a workspace.',
    api: {
      name: 'Block Models',
      calls: ['GET /blockmodel/orgs/{org}/workspaces/{ws}/block-models'],
      service: 'blockmodel',
      calledHere: true,
    },
  },
  {
    scope: 'evo.file',
    required: false,
    unlocks: 'File API: list, upload and download files in a workspace.',
    api: {
      name: 'Files',
      calls: ['GET /file/v2/orgs/{org}/workspaces/{ws}/files'],
      service: 'file',
      calledHere: true,
    },
  },
  {
    scope: 'evo.audit',
    required: false,
    unlocks: "Audit: read the audit trail of an instance's activity.",
    api: { name: 'Audit', calls: ['audit endpoints of the hub'], calledHere: false },
  },
  {
    scope: 'offline_access',
    required: false,
    unlocks: 'A refresh token, so the session can be renewed without signing in again.',
    note: 'Without it the session ends when the access token expires (about an hour at IMS). It opens no API.',
  },
];

export const REQUIRED_SCOPES: readonly string[] = SCOPE_CATALOGUE.filter((s) => s.required).map((s) => s.scope);

/** Scopes an Evo app registration never gets: IMS answers `invalid_scope` for them. */
export const SCOPES_EVO_APPS_CANNOT_HAVE: readonly string[] = ['openid', 'profile', 'email'];

/**
 * Splits what a person typed (spaces, commas or new lines between scopes) into distinct scopes.
 */
export function parseScopeInput(input: string): string[] {
  return [...new Set(input.split(/[\s,]+/).filter(Boolean))];
}

/**
 * The scopes to request: the required ones first, then the chosen ones, without duplicates. The
 * result joined with single spaces is the `scope` parameter (RFC 6749 §3.3).
 */
export function requestedScopes(chosen: readonly string[]): string[] {
  return [...new Set([...REQUIRED_SCOPES, ...chosen])];
}

/** Each Evo API, and whether a token with these scopes may call it. */
export function apiReach(granted: readonly string[]): {
  scope: string;
  api: string;
  calls: string[];
  service: string | undefined;
  calledHere: boolean;
  reachable: boolean;
}[] {
  const have = new Set(granted);
  return SCOPE_CATALOGUE.flatMap((info) =>
    info.api
      ? [
          {
            scope: info.scope,
            api: info.api.name,
            calls: info.api.calls,
            service: info.api.service,
            calledHere: info.api.calledHere,
            reachable: have.has(info.scope),
          },
        ]
      : [],
  );
}
