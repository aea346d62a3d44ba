import type { DefaultOptions } from '@tanstack/react-query';
import { isTransient } from './evoApiError.ts';

/**
 * The defaults of every query client that calls Evo (the SPA's and the Web app page's), in one
 * place: retry only what may succeed by itself (5xx, network, timeout), twice, with backoff; never
 * a 4xx. Answers stay fresh for a minute; no refetch on focus, so switching tabs during a workshop
 * does not fire calls the person did not ask for, nor when the network returns (the token may have
 * expired meanwhile: renewal comes first, and a renewed token's queries are new ones).
 */
export const queryDefaults = {
  queries: {
    retry: (failureCount, error) => isTransient(error) && failureCount < 2,
    retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  },
} satisfies DefaultOptions;
