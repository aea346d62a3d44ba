import { queryOptions, useQueries } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { evoGet } from './apiClient.ts';
import type { BearerCredential } from '../http/index.ts';
import type { TokenIdentity } from './discovery.ts';
import { EvoApiError } from './evoApiError.ts';
import type { InstanceRef } from './workspaces.ts';

/** One Evo API and the cheapest call that shows whether a token may use it. */
export interface ProbeTarget {
  api: string;
  scope: string;
  /**
   * The Discovery service code an instance must list for this API to let it in; none for
   * Workspaces, which every instance has (real Discovery answers need not list it).
   */
  service?: string;
  url: (hub: string, org: string, workspace: string) => string;
}

/** How many items of each workspace's contents the probe's call lists (and the page shows). */
export const CONTENTS_LIMIT = 20;

export const PROBE_TARGETS: readonly ProbeTarget[] = [
  {
    api: 'Workspaces',
    scope: 'evo.workspace',
    url: (hub, org, ws) => `${hub}/workspace/orgs/${org}/workspaces/${ws}/current-user-role`,
  },
  {
    api: 'Geoscience Objects',
    scope: 'evo.object',
    service: 'geoscienceobject',
    url: (hub, org, ws) =>
      `${hub}/geoscience-object/orgs/${org}/workspaces/${ws}/objects?limit=${CONTENTS_LIMIT}&offset=0`,
  },
  {
    api: 'Files',
    scope: 'evo.file',
    service: 'file',
    url: (hub, org, ws) => `${hub}/file/v2/orgs/${org}/workspaces/${ws}/files?limit=${CONTENTS_LIMIT}&offset=0`,
  },
  {
    api: 'Block Models',
    scope: 'evo.blocksync',
    service: 'blockmodel',
    url: (hub, org, ws) =>
      `${hub}/blockmodel/orgs/${org}/workspaces/${ws}/block-models?limit=${CONTENTS_LIMIT}&offset=0`,
  },
];

/** What one probe call found. */
export interface ProbeOutcome {
  status: number | undefined;
  /** let in (2xx), refused for scope or access (403), not signed in (401), or something else. */
  verdict: 'allowed' | 'forbidden' | 'unauthorized' | 'other';
  detail?: string;
  /** The problem's title, when the API refused with one. */
  title?: string;
  /** The JSON body of an answer that let the token in, for the workspace's contents. */
  body?: unknown;
}

/** Calls the API once and reports the status instead of throwing. */
export async function probe(url: string, credential: BearerCredential): Promise<ProbeOutcome> {
  try {
    const body = await evoGet(url, credential, z.unknown());
    return { status: 200, verdict: 'allowed', body };
  } catch (error) {
    if (!(error instanceof EvoApiError)) throw error;
    const verdict = error.kind === 'forbidden' ? 'forbidden' : error.kind === 'unauthorized' ? 'unauthorized' : 'other';
    return {
      status: error.status,
      verdict,
      detail: error.details.detail ?? error.message,
      ...(error.details.title ? { title: error.details.title } : {}),
    };
  }
}

/** Whether the API's answer matches what the granted scopes predict, in words. */
export function probeMeaning(
  outcome: ProbeOutcome,
  scopeGranted: boolean,
  scope: string,
  /** The API's name and whether Discovery lists its service for the instance (undefined: not asked). */
  service?: { api: string; listed: boolean },
): { expected: boolean; words: string } {
  if (service && !service.listed && outcome.verdict !== 'unauthorized') {
    return outcome.verdict === 'allowed'
      ? {
          expected: false,
          words: `Let in although Discovery does not list the ${service.api} service for this instance.`,
        }
      : {
          expected: true,
          words: `This instance has no ${service.api} service (Discovery does not list it), so the API refuses it whatever the scopes.`,
        };
  }
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
  instance: Pick<InstanceRef, 'id' | 'hubUrl'>,
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
      return probe(url, token.credential);
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
