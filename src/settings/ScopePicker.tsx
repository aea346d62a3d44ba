import { useId, useState } from 'react';
import { parseScopeInput, SCOPE_CATALOGUE, SCOPES_EVO_APPS_CANNOT_HAVE } from '../config/scopes.ts';

interface ScopePickerProps {
  /** Chosen scopes beyond the required ones. */
  value: readonly string[];
  onChange: (scopes: string[]) => void;
  error?: string;
}

const CATALOGUED = new Set(SCOPE_CATALOGUE.map((info) => info.scope));

/** Chooses the scopes to request, saying what each one unlocks. */
export function ScopePicker({ value, onChange, error }: ScopePickerProps) {
  const extraId = useId();
  const chosen = new Set(value);
  const extras = value.filter((scope) => !CATALOGUED.has(scope));
  const [extraText, setExtraText] = useState(extras.join(' '));
  const refused = extras.filter((scope) => SCOPES_EVO_APPS_CANNOT_HAVE.includes(scope));

  const toggle = (scope: string, on: boolean) => {
    const next = new Set(value);
    if (on) next.add(scope);
    else next.delete(scope);
    onChange(
      SCOPE_CATALOGUE.map((info) => info.scope)
        .filter((s) => next.has(s))
        .concat(extras),
    );
  };

  return (
    <fieldset className="scope-picker">
      <legend>Scopes to request</legend>
      <ul className="scope-list">
        {SCOPE_CATALOGUE.map((info) => (
          <li key={info.scope}>
            <label className="scope-option">
              <input
                type="checkbox"
                checked={info.required || chosen.has(info.scope)}
                disabled={info.required}
                onChange={(event) => toggle(info.scope, event.target.checked)}
              />
              <span>
                <code>{info.scope}</code>
                {info.required ? <span className="tag">always</span> : null}
                <span className="scope-unlocks">{info.unlocks}</span>
                {info.note ? <span className="scope-note">{info.note}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <label htmlFor={extraId} className="field-label">
        Other scopes (optional, separated by spaces)
      </label>
      <input
        id={extraId}
        className="input"
        value={extraText}
        spellCheck={false}
        autoCapitalize="off"
        placeholder="e.g. evo.audit"
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setExtraText(event.target.value);
          const typed = parseScopeInput(event.target.value).filter(
            (scope) => !CATALOGUED.has(scope) || !chosen.has(scope),
          );
          const catalogued = SCOPE_CATALOGUE.map((info) => info.scope).filter((scope) => chosen.has(scope));
          onChange([...new Set([...catalogued, ...typed])]);
        }}
      />
      {error ? <p className="field-error">{error}</p> : null}
      {refused.length > 0 ? (
        <p className="field-warning">
          IMS refuses {refused.join(', ')} for Evo app registrations (<code>invalid_scope</code>): there is no ID token
          or userinfo. Request it only to see that answer.
        </p>
      ) : null}
    </fieldset>
  );
}
