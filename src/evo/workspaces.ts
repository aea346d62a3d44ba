import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { evoGet } from './apiClient.ts';
import { readItems, workspaceLinksSchema, workspaceList, type ReadItem, type Workspace } from './evoSchemas.ts';
import type { TokenIdentity } from './discovery.ts';

export type { Workspace };

/** One page of `GET {hub}/workspace/orgs/{org}/workspaces`, each workspace read on its own. */
export interface WorkspacePage {
  links: { count: number; total: number; next?: string | null; previous?: string | null };
  results: ReadItem<Workspace>[];
}

/** Reads a workspace list body: the paging links must be right, a malformed workspace is shown as such. */
export function readWorkspacePage(body: Record<string, unknown>): WorkspacePage {
  const links = workspaceLinksSchema.parse(body.links);
  const results = Array.isArray(body.results) ? body.results : [];
  return { links, results: readItems(results, workspaceList.item) };
}

/** Where an instance's APIs are: its id and its hub's base URL. */
export interface InstanceRef {
  id: string;
  name: string;
  hubUrl: string;
  hubName: string;
  /** The service codes Discovery lists for the instance on this hub. */
  services: readonly string[];
}

export const WORKSPACE_PAGE_SIZE = 20;
export const WORKSPACE_PAGE_SIZES = [10, 20, 50, 100] as const;

/** Which page of an instance's workspaces: where it starts, how long it is, and a name filter. */
export interface WorkspacePageRequest {
  offset: number;
  limit: number;
  /** Part of a workspace name (the API's `name` filter); empty for all. */
  name: string;
}

export function workspacesUrl(
  instance: InstanceRef,
  { offset, limit, name }: WorkspacePageRequest = { offset: 0, limit: WORKSPACE_PAGE_SIZE, name: '' },
): string {
  const url = new URL(
    `${instance.hubUrl.replace(/\/+$/, '')}/workspace/orgs/${encodeURIComponent(instance.id)}/workspaces`,
  );
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset));
  url.searchParams.set('order_by', 'asc:name');
  if (name.trim()) url.searchParams.set('name', name.trim());
  return url.toString();
}

/** Page `n` (1-based) of `total` items, `limit` a page, and how many pages there are. */
export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / limit));
}

/** "Showing 21–27 of 27" for a page that starts at `offset`. */
export function pageSummary(page: WorkspacePage, offset: number): string {
  if (page.results.length === 0) return offset === 0 ? 'No workspaces' : 'No workspaces on this page';
  const last = offset + page.results.length;
  return `Showing ${offset + 1}–${last} of ${page.links.total}`;
}

/** Query options for one page of an instance's workspaces, keyed by instance, page and token. */
export function workspacesQueryOptions(instance: InstanceRef, request: WorkspacePageRequest, token: TokenIdentity) {
  // The token is kept out of the key on purpose: it is named by subject, issue time and fingerprint.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [
      'evo',
      'workspaces',
      token.session,
      instance.hubUrl,
      instance.id,
      request.offset,
      request.limit,
      request.name.trim(),
      token.subject,
      token.issuedAt,
      token.fingerprint,
    ] as const,
    queryFn: async () => {
      const url = workspacesUrl(instance, request);
      return readWorkspacePage(await evoGet(url, token.credential, workspaceList.envelope));
    },
    placeholderData: keepPreviousData,
  });
}

export function useWorkspaces(instance: InstanceRef, request: WorkspacePageRequest, token: TokenIdentity) {
  return useQuery(workspacesQueryOptions(instance, request, token));
}
