import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element when it appears (or when `key` changes), and scrolls it to the top of
 * the window if it is off screen, so that a result or an error shown after an action is where the person, and
 * their screen reader, already are. The element needs `tabIndex={-1}` unless it is focusable.
 */
export function useFocusOnShow<T extends HTMLElement>(enabled = true, key?: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element) return;
    element.focus({ preventScroll: true });
    // Off screen (a list drawn below the fold): bring it to the top, where reading starts.
    const { top, bottom } = element.getBoundingClientRect();
    if (top < 0 || bottom > window.innerHeight) element.scrollIntoView({ block: 'start' });
  }, [enabled, key]);
  return ref;
}
