import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../config/catalogue.ts';

describe('the Sign in press, carried across the redirect', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal('window', { sessionStorage: new MemoryStorage() });
    performance.clearMarks();
  });
  afterEach(() => vi.unstubAllGlobals());

  const pressMark = () => performance.getEntriesByName('evo-lab:sign-in-pressed') as PerformanceMark[];

  it('marks the callback page with the trusted press’s wall-clock time, once', async () => {
    const { markSignInPress, rememberSignInPress } = await import('./signInPress.ts');
    rememberSignInPress({ isTrusted: true, timeStamp: 1234.5 });
    markSignInPress();
    expect(pressMark()).toHaveLength(1);
    expect((pressMark()[0]!.detail as { at: number }).at).toBeCloseTo(performance.timeOrigin + 1234.5, 3);
    // Spent: a reload of the page does not measure from the same press again.
    markSignInPress();
    expect(pressMark()).toHaveLength(1);
  });

  it('ignores a click a script made', async () => {
    const { markSignInPress, rememberSignInPress } = await import('./signInPress.ts');
    rememberSignInPress({ isTrusted: false, timeStamp: 1234.5 });
    markSignInPress();
    expect(pressMark()).toHaveLength(0);
  });
});
