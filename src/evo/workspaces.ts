import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { evoGet } from './apiClient.ts';
import { bearerFor } from './hostPolicy.ts';
import type { TokenIdentity } from './discovery.ts';

const person = z.object({ id: z.string().optional(), name: z.string().nullish(), email: z.string().nullish() });

/** One page of `GET {hub}/workspace/orgs/{org}/workspaces`. Fields beyond these are allowed. */
export const workspacePageSchema = z.object({
  links: z.object({
    count: z.number().int(),
    total: z.number().int().optional(),
    next: z.string().nullish(),
    previous: z.string().nullish(),
  }),
  results: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullish(),
      current_user_role: z.string().nullish(),
      created_at: z.string().nullish(),
      created_by: person.nullish(),
      updated_at: z.string().nullish(),
    }),
  ),
});
export type WorkspacePage = z.infer<typeof workspacePageSchema>;
export type Workspace = WorkspacePage['results'][number];

/** Where an instance's APIs are: its id and its hub's base URL. */
export interface InstanceRef {
  id: string;
  name: string;
  hubUrl: string;
  hubName: string;
}

export const WORKSPACE_PAGE_SIZE = 20;

export function workspacesUrl(instance: InstanceRef, offset: number, limit = WORKSPACE_PAGE_SIZE): string {
  const url = new URL(
    `${instance.hubUrl.replace(/\/+$/, '')}/workspace/orgs/${encodeURIComponent(instance.id)}/workspaces`,
  );
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset));
  return url.toString();
}

/** "Showing 21–27 of 27" for a page that starts at `offset`. */
export function pageSummary(page: WorkspacePage, offset: number): string {
  if (page.results.length === 0) return offset === 0 ? 'No workspaces' : 'No workspaces on this page';
  const last = offset + page.results.length;
  return `Showing ${offset + 1}–${last}${page.links.total !== undefined ? ` of ${page.links.total}` : ''}`;
}

/** Query options for one page of an instance's workspaces, keyed by instance, page and token. */
export function workspacesQueryOptions(instance: InstanceRef, offset: number, token: TokenIdentity) {
  // The token is kept out of the key on purpose: it is named by subject, issue time and fingerprint.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [
      'evo',
      'workspaces',
      token.session,
      instance.hubUrl,
      instance.id,
      offset,
      WORKSPACE_PAGE_SIZE,
      token.subject,
      token.issuedAt,
      token.fingerprint,
    ] as const,
    queryFn: () => {
      const url = workspacesUrl(instance, offset);
      return evoGet(url, bearerFor(token, url), workspacePageSchema);
    },
    placeholderData: keepPreviousData,
  });
}

export function useWorkspaces(instance: InstanceRef, offset: number, token: TokenIdentity) {
  return useQuery(workspacesQueryOptions(instance, offset, token));
}
