import type { ReactNode } from 'react';
import { useLazyModule, type LazyModule } from './lazyModule.ts';
import { Notice } from './Notice.tsx';

interface LoadedProps<T> {
  module: LazyModule<T>;
  /** Load only once this is true (a panel a person has asked for). */
  enabled?: boolean;
  /** What is loading, for the words shown meanwhile or on failure: "token inspector". */
  what: string;
  className?: string;
  children: (value: T) => ReactNode;
}

/**
 * Shows a part of the app that is downloaded on demand: a status while it loads, a failure in
 * words with what to do, then the part itself.
 */
export function Loaded<T>({ module, enabled = true, what, className, children }: LoadedProps<T>) {
  const { value, error } = useLazyModule(module, enabled);
  if (error) {
    return (
      <Notice tone="error" title={`The ${what} could not be loaded`}>
        <p>
          Its code did not download (the server may have been updated, or the connection dropped). Reload the page and
          try again; your settings are kept.
        </p>
      </Notice>
    );
  }
  if (value === undefined) {
    return (
      <p role="status" className={className}>
        Opening the {what}…
      </p>
    );
  }
  return children(value);
}
