import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { evoGetWithBody } from './apiClient.ts';
import {
  discoveryEnvelopeSchema,
  hubSchema,
  organizationSchema,
  readItems,
  serviceAccessSchema,
  serviceSchema,
} from './discoverySchemas.ts';
import { arrivedDiscovery, takeEarlyDiscovery } from './earlyDiscovery.ts';
import { discoveryEndpoint } from '../config/catalogue.ts';
import { allowHubs, type BearerCredential } from '../http/index.ts';
import { stringClaim } from '../token/decodeAccessToken.ts';

export { discoveryEndpoint };

/**
 * The body of `GET /evo/identity/v2/discovery`, its lists not yet read: `services` and
 * `accounts` may be absent or `null`, and each entry is read on its own by {@link joinDiscovery}.
 */
export type DiscoveryResponse = z.infer<typeof discoveryEnvelopeSchema>;

export interface HubView {
  code: string;
  name: string;
  /** The hub's API base URL; undefined when Discovery names the hub but does not describe it. */
  url: string | undefined;
}

export interface InstanceAccess {
  hub: HubView;
  services: { code: string; name: string }[];
}

/** An instance (organisation) as a person reads it: its hub(s) and the services it can use. */
export interface InstanceView {
  id: string;
  name: string;
  access: InstanceAccess[];
  /** Things in the answer that do not add up, said plainly (an unknown hub, no hub at all). */
  notes: string[];
}

const collators = new Map<string, Intl.Collator>();

/**
 * Orders names as the browser's collator does when it ignores case and accents, with a collator
 * for the language made once (`localeCompare` with options would make one per call).
 */
export function compareNames(a: string, b: string, language = globalThis.navigator?.language ?? ''): number {
  let collator = collators.get(language);
  if (!collator)
    collators.set(language, (collator = new Intl.Collator(language || undefined, { sensitivity: 'base' })));
  return collator.compare(a, b);
}

/** By name, then by id or code: any fixed order will do for the rare tie. */
const byName = (a: { name: string; id?: string; code?: string }, b: { name: string; id?: string; code?: string }) => {
  const x = a.id ?? a.code ?? '';
  const y = b.id ?? b.code ?? '';
  return compareNames(a.name, b.name) || (x < y ? -1 : x > y ? 1 : 0);
};

/** A string field of an entry that failed its schema, if it has one (read as a claim is read). */
function stringField(raw: unknown, key: string): string | undefined {
  return typeof raw === 'object' && raw !== null ? stringClaim(raw as Record<string, unknown>, key) : undefined;
}

const offShape = (list: string, problem: string) =>
  `Its entry in Discovery's ${list} does not have the documented shape (${problem}).`;

/**
 * Joins Discovery's `organizations`, `hubs` and `service_access` into one entry per instance,
 * sorted by name. Nothing is dropped: an instance with no hub, a hub that is not described, access
 * for an instance that is not listed, or an entry of the wrong shape all appear, with a note.
 */
export function joinDiscovery(response: DiscoveryResponse): InstanceView[] {
  const { organizations, hubs, services, service_access } = response.discovery;
  const hubsByCode = new Map<string, HubView & { note?: string }>();
  for (const read of readItems(hubs, hubSchema)) {
    if (read.ok) {
      hubsByCode.set(read.value.code, { code: read.value.code, name: read.value.display_name, url: read.value.url });
      continue;
    }
    const code = stringField(read.raw, 'code');
    if (code) {
      hubsByCode.set(code, {
        code,
        name: stringField(read.raw, 'display_name') ?? code,
        url: stringField(read.raw, 'url'),
        note: `Its hub "${code}" is described in a shape Discovery does not document (${read.problem}).`,
      });
    }
  }
  const serviceNames = new Map<string, string>();
  for (const read of readItems(services ?? [], serviceSchema)) {
    if (read.ok) serviceNames.set(read.value.code, read.value.display_name);
  }
  const instances = new Map<string, InstanceView>();

  readItems(organizations, organizationSchema).forEach((read, index) => {
    const id = read.ok ? read.value.id : (stringField(read.raw, 'id') ?? `organizations[${index}]`);
    if (instances.has(id)) return;
    instances.set(
      id,
      read.ok
        ? { id, name: read.value.display_name, access: [], notes: [] }
        : {
            id,
            name: stringField(read.raw, 'display_name') ?? id,
            access: [],
            notes: [offShape('organizations', read.problem)],
          },
    );
  });
  readItems(service_access, serviceAccessSchema).forEach((read, index) => {
    const orgId = read.ok ? read.value.org_id : (stringField(read.raw, 'org_id') ?? `service_access[${index}]`);
    const hubCode = read.ok ? read.value.hub_code : stringField(read.raw, 'hub_code');
    const codes = read.ok
      ? read.value.services
      : (() => {
          const raw = (read.raw as { services?: unknown } | null)?.services;
          return Array.isArray(raw) ? raw.filter((code): code is string => typeof code === 'string') : [];
        })();
    let instance = instances.get(orgId);
    if (!instance) {
      instance = {
        id: orgId,
        name: orgId,
        access: [],
        notes: ['Discovery grants access to this instance but does not list it among your organizations.'],
      };
      instances.set(orgId, instance);
    }
    if (!read.ok) instance.notes.push(offShape('service_access', read.problem));
    if (hubCode === undefined) return;
    const hub = hubsByCode.get(hubCode);
    if (!hub) {
      instance.notes.push(`Its hub "${hubCode}" is not described in the Discovery answer, so its URL is unknown.`);
    } else if (hub.note) {
      instance.notes.push(hub.note);
    }
    instance.access.push({
      hub: hub ? { code: hub.code, name: hub.name, url: hub.url } : { code: hubCode, name: hubCode, url: undefined },
      services: [...new Set(codes)].map((code) => ({ code, name: serviceNames.get(code) ?? code })).sort(byName),
    });
  });
  for (const instance of instances.values()) {
    if (instance.access.length === 0) instance.notes.push('Discovery lists no hub or services for this instance.');
  }
  return [...instances.values()].sort(byName);
}

/** What the Discovery panel shows: the joined instances, and the body as Evo sent it. */
export interface DiscoveryResult {
  instances: InstanceView[];
  /** How many entries the optional `accounts` list has, when Discovery sends one. */
  accountCount: number | undefined;
  body: unknown;
}

/**
 * Who is asking. The cache is keyed by the token's subject, issue time and a one-way
 * fingerprint (so two tokens never share an answer), never by the token itself.
 */
export interface TokenIdentity {
  /** The token's handle at the door (src/http/): features never hold the token itself. */
  credential: BearerCredential;
  /** The session the token belongs to (its connection), or `pasted`. */
  session: string;
  /** The Discovery URL of the settings: the one host, with Discovery's hubs, the token goes to. */
  discoveryUrl: string;
  subject: string;
  issuedAt: number;
  fingerprint: string;
  /** Who attaches the bearer, in words, when not this page (Web app mode: the server). */
  bearerAttachedBy?: string;
}

/** Joins an answer into instances and notes the hubs it names: the only other hosts this token may go to. */
function discoveryResult(token: TokenIdentity, data: DiscoveryResponse, body: unknown): DiscoveryResult {
  const instances = joinDiscovery(data);
  const refused = allowHubs(
    token.credential,
    instances.flatMap((instance) => instance.access.flatMap(({ hub }) => (hub.url ? [hub.url] : []))),
  );
  // A hub the token will not go to (not https, nor http on this machine) is said on its instance.
  for (const instance of instances) {
    for (const { url, reason } of refused) {
      if (instance.access.some(({ hub }) => hub.url === url) && !instance.notes.includes(reason)) {
        instance.notes.push(reason);
      }
    }
  }
  return { instances, accountCount: data.discovery.accounts?.length, body };
}

/**
 * Query options for Discovery. The key runs from general to specific and names the token by its
 * subject and issue time, so a new token never shows another token's answer.
 */
export function discoveryQueryOptions(token: TokenIdentity) {
  const { discoveryUrl } = token;
  // The token is kept out of the key on purpose: the key names it by subject, issue time and
  // fingerprint.
  // No abort signal is passed: React Query would cancel and repeat the call when StrictMode
  // remounts the panel, and one call per sign-in is the budget.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [
      'evo',
      'discovery',
      token.session,
      discoveryUrl,
      token.subject,
      token.issuedAt,
      token.fingerprint,
    ] as const,
    queryFn: async (): Promise<DiscoveryResult> => {
      const endpoint = discoveryEndpoint(discoveryUrl);
      // The call the sign-in started as soon as it had the token, if this is that token's first ask.
      const started = takeEarlyDiscovery(token.fingerprint, discoveryUrl);
      const { data, body } = await evoGetWithBody(
        endpoint,
        token.credential,
        discoveryEnvelopeSchema,
        undefined,
        started,
      );
      return discoveryResult(token, data, body);
    },
    // The sign-in's early call may already have its answer: then the first render shows it.
    initialData: () => {
      const arrived = arrivedDiscovery(token.fingerprint, discoveryUrl);
      if (!arrived) return undefined;
      const parsed = z.safeParse(discoveryEnvelopeSchema, arrived.body);
      // A body of the wrong shape is left to the query, which reads the same answer and explains it.
      if (!parsed.success) return undefined;
      arrived.use();
      return discoveryResult(token, parsed.data, arrived.body);
    },
  });
}

export function useDiscovery(token: TokenIdentity) {
  return useQuery(discoveryQueryOptions(token));
}
