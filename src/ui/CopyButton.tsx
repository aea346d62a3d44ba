import { useEffect, useState } from 'react';

interface CopyButtonProps {
  /** What to copy; read only when the button is pressed. */
  value: () => string;
  label: string;
  /** Said after copying, e.g. "Copied". */
  doneLabel?: string;
  /** A full-size button, for a main action; small beside a value by default. */
  large?: boolean;
}

/** Copies a value to the clipboard on an explicit press, and says whether it worked. */
export function CopyButton({ value, label, doneLabel = 'Copied', large = false }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className={large ? 'button' : 'button button-small'}
      onClick={() => {
        navigator.clipboard.writeText(value()).then(
          () => setState('done'),
          () => setState('failed'),
        );
      }}
    >
      <span aria-live="polite">
        {state === 'done' ? doneLabel : state === 'failed' ? 'Copy failed: select and copy by hand' : label}
      </span>
    </button>
  );
}
