import * as z from 'zod/mini';

/**
 * The Evo API answers as Seequent's own Python SDK expects them (its generated response models,
 * see EVO-API.md in the team's shared notes), one schema per endpoint. They are used twice: the
 * app reads the APIs with them, and the sandbox's contract test checks every Evo twin answer
 * against them. "Required" here is required there; optional fields may be absent or `null`;
 * unknown keys are ignored, as the SDK's models ignore them.
 *
 * Written with `zod/mini`, whose functions tree-shake, because Discovery is parsed on the path
 * from the sign-in callback to the first screen of results. This file holds what that path needs:
 * Discovery, problem documents, reading a list item by item. `evoSchemas.ts` holds the other APIs
 * and loads with the workspace views (building all of them took 10-15 ms of a callback page's
 * main thread on a 2-core machine).
 */

// zod compiles fast parsers with new Function() where it may; the Content-Security-Policy does
// not allow eval, and even zod's probe for it is reported as a violation. Parse without it.
// zod/mini carries no messages of its own: English ones name what was expected and what came.
z.config({ jitless: true, ...z.locales.en() });

export const uuid = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID'));
export const integer = z.int();
export const optionalString = z.nullish(z.string());

/** An RFC 7807 problem document, as every Evo API answers a refusal. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: integer,
  detail: optionalString,
  'invalid-params': z.optional(z.array(z.object({ name: z.string(), reason: z.string() }))),
});

// ---------------------------------------------------------------- Discovery

export const organizationSchema = z.object({ id: uuid, display_name: z.string() });
export const hubSchema = z.object({ code: z.string(), display_name: z.string(), url: z.string() });
export const serviceSchema = z.object({ code: z.string(), display_name: z.string() });
export const serviceAccessSchema = z.object({ org_id: uuid, hub_code: z.string(), services: z.array(z.string()) });
export const accountSchema = z.object({
  instances: z.nullish(
    z.array(
      z.object({
        id: z.string(),
        hub: z.object({ code: z.string() }),
        central: z.nullish(
          z.object({
            id: z.string(),
            display_name: optionalString,
            name: optionalString,
            host: optionalString,
            organization_name: optionalString,
          }),
        ),
      }),
    ),
  ),
});

/** `GET /evo/identity/v2/discovery`, every list item checked. */
export const discoverySchema = z.object({
  discovery: z.object({
    organizations: z.array(organizationSchema),
    hubs: z.array(hubSchema),
    service_access: z.array(serviceAccessSchema),
    services: z.nullish(z.array(serviceSchema)),
    accounts: z.nullish(z.array(accountSchema)),
  }),
});

/** The same answer with its lists unread, so one bad entry can be shown without hiding the rest. */
export const discoveryEnvelopeSchema = z.object({
  discovery: z.object({
    organizations: z.array(z.unknown()),
    hubs: z.array(z.unknown()),
    service_access: z.array(z.unknown()),
    services: z.nullish(z.array(z.unknown())),
    accounts: z.nullish(z.array(z.unknown())),
  }),
});

// ---------------------------------------------------------------- Reading

/** One item of a list as the app reads it: what it is, or why it does not match the spec. */
export type ReadItem<Item> =
  { ok: true; value: Item } | { ok: false; index: number; label: string; problem: string; raw: unknown };

/** `field: message` for the first thing wrong, like `created_by.id: expected a UUID`. */
export function describeIssues(error: z.core.$ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '(the whole body)', message: 'invalid' };
  const field = issue.path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
  return { field: field || '(the whole body)', message: issue.message };
}

/** The readable name of an item that failed its schema: its name or id, whatever it has. */
function labelOf(raw: unknown, index: number): string {
  if (typeof raw === 'object' && raw !== null) {
    for (const key of ['display_name', 'name', 'id', 'object_id', 'file_id', 'bm_uuid', 'code', 'org_id']) {
      const value = (raw as Record<string, unknown>)[key];
      if (typeof value === 'string' && value) return value.slice(0, 120);
    }
  }
  return `Entry ${index + 1}`;
}

/** Reads each item on its own: a malformed one is reported and the others still shown. */
export function readItems<Item>(items: readonly unknown[], item: z.ZodMiniType<Item>): ReadItem<Item>[] {
  return items.map((raw, index) => {
    const parsed = item.safeParse(raw);
    if (parsed.success) return { ok: true, value: parsed.data };
    const { field, message } = describeIssues(parsed.error);
    return { ok: false, index, label: labelOf(raw, index), problem: `${field}: ${message}`, raw };
  });
}
