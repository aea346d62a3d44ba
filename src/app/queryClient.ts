import { QueryClient } from '@tanstack/react-query';
import { onSessionEvent } from '../auth/sessionEvents.ts';
import { queryDefaults } from '../evo/queryDefaults.ts';
import { forgetBearers } from '../http/index.ts';

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
