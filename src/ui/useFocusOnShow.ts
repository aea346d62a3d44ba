import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element when it appears (or when `key` changes), and scrolls it into view if
 * it is off screen, so that a result or an error shown after an action is where the person, and
 * their screen reader, already are. The element needs `tabIndex={-1}` unless it is focusable.
 */
export function useFocusOnShow<T extends HTMLElement>(enabled = true, key?: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element) return;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'nearest' });
  }, [enabled, key]);
  return ref;
}
