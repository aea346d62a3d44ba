import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { evoGetWithBody } from './apiClient.ts';
import { allowHubs, bearerFor } from './hostPolicy.ts';

const organizationSchema = z.object({ id: z.string(), display_name: z.string() });
const hubSchema = z.object({ code: z.string(), display_name: z.string(), url: z.string() });
const serviceSchema = z.object({ code: z.string(), display_name: z.string() });
const serviceAccessSchema = z.object({
  org_id: z.string(),
  hub_code: z.string(),
  services: z.array(z.string()),
});

/** The body of `GET /evo/identity/v2/discovery?service=evo`. `services` and `accounts` are optional. */
export const discoveryResponseSchema = z.object({
  discovery: z.object({
    organizations: z.array(organizationSchema),
    hubs: z.array(hubSchema),
    services: z.array(serviceSchema).optional(),
    service_access: z.array(serviceAccessSchema),
    accounts: z.array(z.unknown()).optional(),
  }),
});
export type DiscoveryResponse = z.infer<typeof discoveryResponseSchema>;

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

const byName = (a: { name: string; id?: string; code?: string }, b: { name: string; id?: string; code?: string }) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
  (a.id ?? a.code ?? '').localeCompare(b.id ?? b.code ?? '');

/**
 * Joins Discovery's `organizations`, `hubs` and `service_access` into one entry per instance,
 * sorted by name. Nothing is dropped: an instance with no hub, a hub that is not described, or
 * access for an instance that is not listed all appear, with a note.
 */
export function joinDiscovery(response: DiscoveryResponse): InstanceView[] {
  const { organizations, hubs, services = [], service_access } = response.discovery;
  const hubsByCode = new Map(hubs.map((hub) => [hub.code, hub]));
  const serviceNames = new Map(services.map((service) => [service.code, service.display_name]));
  const instances = new Map<string, InstanceView>();

  for (const org of organizations) {
    if (!instances.has(org.id)) instances.set(org.id, { id: org.id, name: org.display_name, access: [], notes: [] });
  }
  for (const entry of service_access) {
    let instance = instances.get(entry.org_id);
    if (!instance) {
      instance = {
        id: entry.org_id,
        name: entry.org_id,
        access: [],
        notes: ['Discovery grants access to this instance but does not list it among your organizations.'],
      };
      instances.set(entry.org_id, instance);
    }
    const hub = hubsByCode.get(entry.hub_code);
    if (!hub)
      instance.notes.push(
        `Its hub "${entry.hub_code}" is not described in the Discovery answer, so its URL is unknown.`,
      );
    instance.access.push({
      hub: hub
        ? { code: hub.code, name: hub.display_name, url: hub.url }
        : { code: entry.hub_code, name: entry.hub_code, url: undefined },
      services: [...new Set(entry.services)]
        .map((code) => ({ code, name: serviceNames.get(code) ?? code }))
        .sort(byName),
    });
  }
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

/** The Discovery address for a base URL such as https://discover.api.seequent.com. */
export function discoveryEndpoint(discoveryUrl: string): string {
  return `${discoveryUrl.replace(/\/+$/, '')}/evo/identity/v2/discovery?service=evo`;
}

/**
 * Who is asking. The cache is keyed by the token's subject, issue time and a one-way
 * fingerprint (so two tokens never share an answer), never by the token itself.
 */
export interface TokenIdentity {
  accessToken: string;
  /** The session the token belongs to (its connection), or `pasted`. */
  session: string;
  /** The Discovery URL of the settings: the one host, with Discovery's hubs, the token goes to. */
  discoveryUrl: string;
  subject: string;
  issuedAt: number;
  fingerprint: string;
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
      const { data, body } = await evoGetWithBody(endpoint, bearerFor(token, endpoint), discoveryResponseSchema);
      // The hubs named here are the only other hosts this token may be sent to.
      allowHubs(
        token.fingerprint,
        data.discovery.hubs.map((hub) => hub.url),
      );
      return { instances: joinDiscovery(data), accountCount: data.discovery.accounts?.length, body };
    },
  });
}

export function useDiscovery(token: TokenIdentity) {
  return useQuery(discoveryQueryOptions(token));
}
