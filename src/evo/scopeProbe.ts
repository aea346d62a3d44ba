import { queryOptions, useQueries } from '@tanstack/react-query';
import { z } from 'zod';
import { evoGet } from './apiClient.ts';
import { bearerFor } from './hostPolicy.ts';
import type { TokenIdentity } from './discovery.ts';
import { EvoApiError } from './evoApiError.ts';
import type { InstanceRef } from './workspaces.ts';

/** One Evo API and the cheapest call that shows whether a token may use it. */
export interface ProbeTarget {
  api: string;
  scope: string;
  url: (hub: string, org: string, workspace: string) => string;
}

export const PROBE_TARGETS: readonly ProbeTarget[] = [
  { api: 'Workspaces', scope: 'evo.workspace', url: (hub, org) => `${hub}/workspace/orgs/${org}/workspaces?limit=1` },
  {
    api: 'Geoscience Objects',
    scope: 'evo.object',
    url: (hub, org, ws) => `${hub}/geoscience-object/orgs/${org}/workspaces/${ws}/objects?limit=1`,
  },
  {
    api: 'Files',
    scope: 'evo.file',
    url: (hub, org, ws) => `${hub}/file/v2/orgs/${org}/workspaces/${ws}/files?limit=1`,
  },
  {
    api: 'Block Models',
    scope: 'evo.blocksync',
    url: (hub, org, ws) => `${hub}/blockmodel/orgs/${org}/workspaces/${ws}/block-models`,
  },
];

/** What one probe call found. */
export interface ProbeOutcome {
  status: number | undefined;
  /** let in (2xx), refused for scope or access (403), not signed in (401), or something else. */
  verdict: 'allowed' | 'forbidden' | 'unauthorized' | 'other';
  detail?: string;
}

/** Calls the API once and reports the status instead of throwing. */
export async function probe(url: string, accessToken: string): Promise<ProbeOutcome> {
  try {
    await evoGet(url, accessToken, z.unknown());
    return { status: 200, verdict: 'allowed' };
  } catch (error) {
    if (!(error instanceof EvoApiError)) throw error;
    const verdict = error.kind === 'forbidden' ? 'forbidden' : error.kind === 'unauthorized' ? 'unauthorized' : 'other';
    return { status: error.status, verdict, detail: error.details.detail ?? error.message };
  }
}

/** Whether the API's answer matches what the granted scopes predict, in words. */
export function probeMeaning(
  outcome: ProbeOutcome,
  scopeGranted: boolean,
  scope: string,
): { expected: boolean; words: string } {
  if (outcome.verdict === 'allowed') {
    return scopeGranted
      ? { expected: true, words: 'Let in, as the granted scope says.' }
      : { expected: false, words: `Let in although ${scope} was not granted: this API does not check that scope.` };
  }
  if (outcome.verdict === 'forbidden') {
    return scopeGranted
      ? {
          expected: false,
          words: `Refused although ${scope} was granted: you may lack a role in this workspace or instance.`,
        }
      : { expected: true, words: `Refused for scope: the token lacks ${scope}.` };
  }
  if (outcome.verdict === 'unauthorized') {
    return {
      expected: false,
      words: 'Not signed in: the API did not accept the token (expired, or another issuer or audience).',
    };
  }
  return {
    expected: false,
    words: `Answered ${outcome.status ?? 'nothing'}: ${outcome.detail ?? 'see the browser console for a network error'}.`,
  };
}

export function scopeProbeQueryOptions(
  target: ProbeTarget,
  instance: InstanceRef,
  workspaceId: string,
  token: TokenIdentity,
) {
  const hub = instance.hubUrl.replace(/\/+$/, '');
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [
      'evo',
      'probe',
      token.session,
      target.api,
      hub,
      instance.id,
      workspaceId,
      token.subject,
      token.issuedAt,
      token.fingerprint,
    ] as const,
    queryFn: () => {
      const url = target.url(hub, encodeURIComponent(instance.id), encodeURIComponent(workspaceId));
      return probe(url, bearerFor(token, url));
    },
    retry: false,
    staleTime: Infinity,
  });
}

export function useScopeProbe(instance: InstanceRef, workspaceId: string, token: TokenIdentity) {
  return useQueries({
    queries: PROBE_TARGETS.map((target) => scopeProbeQueryOptions(target, instance, workspaceId, token)),
  });
}
