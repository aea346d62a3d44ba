import { QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { onSessionEvent } from '../auth/sessionEvents.ts';
import { isTransient } from '../evo/evoApiError.ts';
import { forgetBearers } from '../http/index.ts';

/**
 * Query defaults, in one place: retry only what may succeed by itself (5xx, network, timeout),
 * twice, with backoff; never a 4xx. Answers stay fresh for a minute; no refetch on focus, so
 * switching tabs during a workshop does not fire calls the person did not ask for, nor when the
 * network returns (the token may have expired meanwhile: renewal comes first, and a renewed
 * token's queries are new ones).
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

/**
 * The app's one query client. Only views that call Evo import it, so React Query loads with them,
 * after sign-in, not on first paint.
 */
export const queryClient = new QueryClient({ defaultOptions: queryDefaults });

// Answers belong to a session: when it ends (sign-out, forget, another person, changed
// settings), every answer and every hub it was allowed to reach goes with it.
onSessionEvent('ended', () => {
  queryClient.clear();
  forgetBearers();
});
