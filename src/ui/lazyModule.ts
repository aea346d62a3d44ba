import { useEffect, useState } from 'react';

/** A module loaded on demand, once, whose value is at hand synchronously after it has loaded. */
export interface LazyModule<T> {
  load(): Promise<T>;
  /** The loaded value, once the load has finished. */
  readonly value: T | undefined;
}

export function lazyModule<T>(loader: () => Promise<T>): LazyModule<T> {
  let promise: Promise<T> | undefined;
  let value: T | undefined;
  return {
    load() {
      promise ??= loader().then(
        (loaded) => (value = loaded),
        (error: unknown) => {
          promise = undefined; // a later render may try again
          throw error;
        },
      );
      return promise;
    },
    get value() {
      return value;
    },
  };
}

/**
 * The module's value once loaded (at once if it already is), or the load error. Unlike
 * `React.lazy` with Suspense, content shows the moment the code is there: React 19 holds back
 * content that replaces a Suspense fallback for up to 300 ms.
 */
export function useLazyModule<T>(module: LazyModule<T>, enabled = true): { value: T | undefined; error: unknown } {
  const [state, setState] = useState<{ value: T | undefined; error: unknown }>(() => ({
    value: module.value,
    error: undefined,
  }));
  useEffect(() => {
    if (!enabled || state.value !== undefined) return;
    let live = true;
    module.load().then(
      (value) => live && setState({ value, error: undefined }),
      (error: unknown) => live && setState({ value: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, [module, enabled, state.value]);
  return state;
}
