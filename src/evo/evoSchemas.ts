import * as z from 'zod/mini';
import { integer, optionalString, uuid } from './discoverySchemas.ts';

/**
 * The other Evo APIs' answers, written as `discoverySchemas.ts` says. Everything the app and the
 * sandbox's contract test read is exported from here, Discovery's schemas too.
 */
export * from './discoverySchemas.ts';

/** Workspace and block-model times: ISO 8601 with `Z` or an offset. */
export const zonedTime = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 time with a time zone' });
/** Object and file times: ISO 8601, the time zone may be left out (it is then UTC). */
export const anyZoneTime = z.iso.datetime({ offset: true, local: true, message: 'expected an ISO 8601 time' });
/** `{id, name?, email?}`: who created, changed or deleted something. */
const userRef = z.object({ id: uuid, name: optionalString, email: optionalString });
const nullableLink = z.nullish(z.string());

// ---------------------------------------------------------------- Workspaces

const workspaceRole = z.enum(['owner', 'editor', 'viewer']);
const polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.array(z.number()))),
});

export const workspaceSchema = z.object({
  id: uuid,
  name: z.string().check(z.minLength(1), z.maxLength(60)),
  self_link: z.string(),
  created_at: zonedTime,
  updated_at: zonedTime,
  created_by: userRef,
  updated_by: userRef,
  current_user_role: z.optional(workspaceRole),
  description: optionalString,
  default_coordinate_system: optionalString,
  labels: z.nullish(z.array(z.string())),
  bounding_box: z.nullish(polygon),
  ml_enabled: z.nullish(z.boolean()),
});
export type Workspace = z.infer<typeof workspaceSchema>;

/** `links` of a workspace list or summary page. */
export const workspaceLinksSchema = z.object({
  count: integer,
  total: integer,
  first: z.string(),
  last: z.string(),
  next: nullableLink,
  previous: nullableLink,
});

export const workspaceSummarySchema = z.object({ id: uuid, name: z.string() });
export const currentUserRoleSchema = z.object({ user_id: uuid, role: workspaceRole });
export const workspaceUserSchema = z.object({
  user_id: uuid,
  role: workspaceRole,
  email: optionalString,
  full_name: optionalString,
});

// ---------------------------------------------------------------- Geoscience objects

/** `/<root>/<sub>/<major.minor.patch>/<sub>.schema.json`, the only form the SDK's parser reads. */
export const objectSchemaPath = z
  .string()
  .check(
    z.regex(
      /^\/[\w-]+\/([\w-]+)\/\d+\.\d+\.\d+\/\1\.schema\.json$/,
      'expected /<root>/<sub>/<x.y.z>/<sub>.schema.json',
    ),
  );

export const geoscienceObjectSchema = z.object({
  object_id: uuid,
  name: z.string(),
  path: z.string(),
  schema: objectSchemaPath,
  version_id: z.string(),
  etag: z.string(),
  created_at: anyZoneTime,
  modified_at: anyZoneTime,
  links: z.object({ download: z.string() }),
  created_by: z.nullish(userRef),
  modified_by: z.nullish(userRef),
  deleted_by: z.nullish(userRef),
  deleted_at: z.nullish(anyZoneTime),
  stage: z.nullish(z.object({ name: z.string(), stage_id: z.string() })),
  geojson_bounding_box: z.nullish(z.unknown()),
});
export type GeoscienceObject = z.infer<typeof geoscienceObjectSchema>;

// ---------------------------------------------------------------- Files

export const fileSchema = z.object({
  file_id: uuid,
  name: z.string(),
  path: z.string(),
  version_id: z.string(),
  etag: z.string(),
  size: integer,
  created_at: anyZoneTime,
  modified_at: anyZoneTime,
  links: z.object({ self: z.string() }),
  created_by: z.nullish(userRef),
  modified_by: z.nullish(userRef),
  deleted_by: z.nullish(userRef),
  deleted_at: z.nullish(anyZoneTime),
});
export type EvoFile = z.infer<typeof fileSchema>;

// ---------------------------------------------------------------- Block models

const minMax = z.object({ min: z.number(), max: z.number() });
const xyz = z.object({ x: z.number(), y: z.number(), z: z.number() });
const counts = z.object({ nx: integer, ny: integer, nz: integer });
const blockModelUser = z.object({
  id: uuid,
  name: optionalString,
  email: optionalString,
  first_name: optionalString,
  last_name: optionalString,
});

export const blockModelSizeSchema = z.union([
  z.object({ model_type: z.literal('regular'), n_blocks: counts, block_size: xyz }),
  z.object({
    model_type: z.enum(['fully-sub-blocked', 'flexible', 'variable-octree']),
    n_parent_blocks: counts,
    n_subblocks_per_parent: counts,
    parent_block_size: xyz,
  }),
]);

export const blockModelSchema = z.object({
  bm_uuid: uuid,
  org_uuid: uuid,
  workspace_id: uuid,
  name: z.string(),
  created_at: zonedTime,
  last_updated_at: zonedTime,
  created_by: blockModelUser,
  last_updated_by: blockModelUser,
  bbox: z.object({ x_minmax: minMax, y_minmax: minMax, z_minmax: minMax }),
  block_rotation: z.array(z.object({ axis: z.enum(['x', 'y', 'z']), angle: z.number() })),
  normalized_rotation: z.tuple([z.number(), z.number(), z.number()]),
  model_origin: xyz,
  size_options: blockModelSizeSchema,
  description: optionalString,
  coordinate_reference_system: optionalString,
  size_unit_id: optionalString,
  geoscience_object_id: z.nullish(uuid),
  fill_subblocks: z.nullish(z.boolean()),
});
export type BlockModel = z.infer<typeof blockModelSchema>;

// ---------------------------------------------------------------- Health

export const healthSchema = z.object({
  status: z.enum(['pass', 'degraded', 'fail']),
  version: z.optional(z.string()),
  dependencies: z.nullish(z.record(z.string(), z.enum(['pass', 'fail']))),
});

// ---------------------------------------------------------------- Lists

/**
 * A list endpoint: the fields around the items, the key the items are under, and the item schema.
 * `strict` checks every item (the contract); `envelope` leaves them unread, for {@link readItems}.
 */
export interface ListEndpoint<Item> {
  itemsKey: string;
  item: z.ZodMiniType<Item>;
  envelope: z.ZodMiniType<Record<string, unknown>>;
}

function listEndpoint<const Key extends string, Item extends z.ZodMiniType, Shape extends z.core.$ZodLooseShape>(
  itemsKey: Key,
  item: Item,
  shape: Shape,
) {
  const strictShape = { ...shape, [itemsKey]: z.array(item) } as Shape & Record<Key, z.ZodMiniArray<Item>>;
  return {
    itemsKey,
    item: item as z.ZodMiniType<z.output<Item>>,
    /** Every item checked: the contract. */
    strict: z.object(strictShape),
    /** The items left unread, for {@link readItems}. */
    envelope: z.object({ ...shape, [itemsKey]: z.array(z.unknown()) }) as unknown as z.ZodMiniType<
      Record<string, unknown>
    >,
  };
}

const offsetPage = { count: integer, limit: integer, offset: integer, total: integer };

/** `GET {hub}/workspace/orgs/{org}/workspaces` */
export const workspaceList = listEndpoint('results', workspaceSchema, { links: workspaceLinksSchema });
/** `GET {hub}/workspace/orgs/{org}/workspaces/summary` */
export const workspaceSummaryList = listEndpoint('results', workspaceSummarySchema, { links: workspaceLinksSchema });
/** `GET {hub}/workspace/orgs/{org}/workspaces/{ws}/users` */
export const workspaceUserList = listEndpoint('results', workspaceUserSchema, {
  links: z.record(z.string(), z.unknown()),
});
/** `GET {hub}/geoscience-object/orgs/{org}/workspaces/{ws}/objects`: `total` optional, `links.next/prev`. */
export const objectList = listEndpoint('objects', geoscienceObjectSchema, {
  links: z.object({ next: nullableLink, prev: nullableLink }),
  count: z.optional(integer),
  limit: z.optional(integer),
  offset: z.optional(integer),
  total: z.optional(integer),
});
/** `GET {hub}/file/v2/orgs/{org}/workspaces/{ws}/files` */
export const fileList = listEndpoint('files', fileSchema, {
  ...offsetPage,
  links: z.object({ self: z.string(), next: nullableLink, prev: nullableLink }),
});
/** `GET {hub}/blockmodel/orgs/{org}/workspaces/{ws}/block-models`: no `links`. */
export const blockModelList = listEndpoint('results', blockModelSchema, offsetPage);

// ---------------------------------------------------------------- Times

/**
 * An Evo time as a Date. Object and file times may come without a time zone; Evo means UTC, so
 * they are read as UTC (JavaScript would read them as local time) and say so.
 */
export function readEvoTime(value: string | null | undefined): { date: Date; zoneAssumed: boolean } | undefined {
  if (!value) return undefined;
  const zoned = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(value);
  const date = new Date(zoned ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : { date, zoneAssumed: !zoned };
}
