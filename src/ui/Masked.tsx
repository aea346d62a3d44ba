import { useState } from 'react';

/** A secret shown as dots until the person asks to see it, and hidden again on request. */
export function Masked({ value, label }: { value: string; label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="masked">
      <code aria-label={label}>{shown ? value : `${'•'.repeat(12)} (${value.length} characters)`}</code>{' '}
      <button
        type="button"
        className="button button-small"
        onClick={() => setShown((now) => !now)}
        aria-pressed={shown}
      >
        {shown ? `Hide ${label}` : `Reveal ${label}`}
      </button>
    </span>
  );
}
