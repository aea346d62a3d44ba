import { useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has had a moment: parts a person reads second
 * (long tables, the walkthrough) render after the first screen instead of delaying it.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // When the browser is next idle (the first screen painted, its answers handled), or at the
    // latest after half a second.
    if ('requestIdleCallback' in window) {
      const handle = window.requestIdleCallback(() => setPainted(true), { timeout: 500 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(() => setPainted(true), 50);
    return () => clearTimeout(timer);
  }, []);
  return painted;
}
