import './settings.css';
import { useId, useLayoutEffect, useState, type ReactNode } from 'react';
import { IMS_AUTHORITY } from '../config/catalogue.ts';
import type { AppEnv } from '../config/env.ts';
import { ENVIRONMENT_IDS, type EnvironmentId } from '../config/environments.ts';
import { CopyButton } from '../ui/CopyButton.tsx';
import {
  isValid,
  normalizeSettings,
  settingsForEnvironment,
  validateSettings,
  type ConnectionSettings,
  type SettingsErrors,
} from './connectionSettings.ts';
import { ScopePicker } from './ScopePicker.tsx';

interface SettingsFormProps {
  env: AppEnv;
  saved: ConnectionSettings;
  onSave: (settings: ConnectionSettings) => void;
  redirectUri: string;
  /** A link that opens the app with the saved settings. */
  shareLink: string;
  /** Rendered under the form, told whether the saved settings are ready to sign in with. */
  children?: (state: { dirty: boolean; errors: SettingsErrors }) => ReactNode;
  /** Told the same, for controls that live elsewhere on the page (the Sign in button at the top). */
  onStatus?: (state: { dirty: boolean; errors: SettingsErrors }) => void;
}

function Field({
  label,
  hint,
  error,
  children,
  id,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  id: string;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The connection settings: environment, authority, client ID, Discovery URL and scopes. */
export function SettingsForm({ env, saved, onSave, redirectUri, shareLink, children, onStatus }: SettingsFormProps) {
  const [draft, setDraft] = useState(saved);
  const [sharing, setSharing] = useState(false);
  const ids = { authority: useId(), clientId: useId(), discoveryUrl: useId(), redirect: useId(), share: useId() };
  const errors = validateSettings(draft);
  const savedErrors = validateSettings(saved);
  const dirty = JSON.stringify(normalizeSettings(draft)) !== JSON.stringify(normalizeSettings(saved));
  const savedErrorText = JSON.stringify(savedErrors);
  useLayoutEffect(() => {
    onStatus?.({ dirty, errors: JSON.parse(savedErrorText) as SettingsErrors });
  }, [onStatus, dirty, savedErrorText]);
  const preset = env.presets[draft.environment];
  const update = (patch: Partial<ConnectionSettings>) => setDraft((current) => ({ ...current, ...patch }));
  const invalid = (field: 'authority' | 'clientId' | 'discoveryUrl') =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${ids[field]}-error` } : {};

  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (isValid(errors)) onSave(normalizeSettings(draft));
      }}
    >
      <fieldset>
        <legend>App type</legend>
        <label className="scope-option">
          <input
            type="radio"
            name="appType"
            checked={draft.appType !== 'web'}
            onChange={() => setDraft(({ appType: _web, ...rest }) => rest)}
          />
          <span>
            <strong>SPA: the token lives in this tab</strong> (default)
            <span className="field-hint">This page is a public client and calls Evo with the bearer itself.</span>
          </span>
        </label>
        <label className="scope-option">
          <input
            type="radio"
            name="appType"
            checked={draft.appType === 'web'}
            onChange={() => update({ appType: 'web' })}
          />
          <span>
            <strong>Web app: the token lives on the server</strong>
            <span className="field-hint">
              The lab&apos;s backend-for-frontend (server/) signs in as a confidential client with its own registration
              and secret; this page gets only an HttpOnly cookie.
            </span>
          </span>
        </label>
      </fieldset>

      <fieldset>
        <legend>Identity environment</legend>
        <div className="environment-options">
          {ENVIRONMENT_IDS.map((id: EnvironmentId) => (
            <label key={id} className="environment-option">
              <input
                type="radio"
                name="environment"
                value={id}
                checked={draft.environment === id}
                onChange={() =>
                  setDraft({
                    ...settingsForEnvironment(env, id, draft.scopes, draft.tokenStorage),
                    ...(draft.appType ? { appType: draft.appType } : {}),
                  })
                }
              />
              <span>
                <strong>{env.presets[id].label}</strong>
                <span className="field-hint">{env.presets[id].description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <Field id={ids.authority} label="Authority (identity provider)" error={errors.authority}>
        <input
          id={ids.authority}
          className="input"
          value={draft.authority}
          readOnly={preset.authority !== undefined}
          spellCheck={false}
          placeholder={draft.environment === 'custom' ? 'https://login.example.com' : IMS_AUTHORITY}
          onChange={(event) => update({ authority: event.target.value })}
          {...invalid('authority')}
        />
      </Field>

      <Field
        id={ids.clientId}
        label="Client ID"
        error={errors.clientId}
        hint={
          draft.environment === 'sandbox'
            ? 'Sandbox clients: evo-sandbox-spa (all scopes), evo-sandbox-limited (only the two required scopes), evo-sandbox-short-lived (90-second tokens).'
            : draft.environment === 'custom'
              ? 'The client ID of a public client (no secret) registered at your provider for Authorization Code with PKCE.'
              : 'From your single-page app registration in the Seequent Developer Portal.'
        }
      >
        <input
          id={ids.clientId}
          className="input"
          value={draft.clientId}
          spellCheck={false}
          autoCapitalize="off"
          onChange={(event) => update({ clientId: event.target.value })}
          {...invalid('clientId')}
        />
      </Field>

      <Field id={ids.discoveryUrl} label="Evo Discovery URL" error={errors.discoveryUrl}>
        <input
          id={ids.discoveryUrl}
          className="input"
          value={draft.discoveryUrl}
          spellCheck={false}
          onChange={(event) => update({ discoveryUrl: event.target.value })}
          {...invalid('discoveryUrl')}
        />
      </Field>

      <Field
        id={ids.redirect}
        label={
          draft.environment === 'custom'
            ? 'Redirect URI (register this with your provider)'
            : draft.environment === 'sandbox'
              ? 'Redirect URI (the sandbox registers it for you)'
              : 'Redirect URI (register this in the Seequent Developer Portal)'
        }
        hint="Derived from where this page is served; the identity provider only sends the person back to an exactly registered URI."
      >
        <div className="input-row">
          <input id={ids.redirect} className="input" value={redirectUri} readOnly />
          <CopyButton value={() => redirectUri} label="Copy" />
        </div>
      </Field>

      {draft.appType === 'web' ? (
        <p className="field-hint">
          Web app: the server signs in with its own registration, secret and scopes (its BFF_* settings), and keeps the
          token itself; the scopes and token storage below apply to the SPA only.
        </p>
      ) : null}

      <ScopePicker value={draft.scopes} onChange={(scopes) => update({ scopes })} error={errors.scopes} />

      <fieldset>
        <legend>Where the token is kept after sign-in</legend>
        <label className="scope-option">
          <input
            type="radio"
            name="tokenStorage"
            checked={draft.tokenStorage === 'session'}
            onChange={() => update({ tokenStorage: 'session' })}
          />
          <span>
            <strong>This tab&apos;s session storage</strong> (default)
            <span className="field-hint">
              Survives a reload; other tabs and closed tabs never see it. Script injected into this page could read it.
            </span>
          </span>
        </label>
        <label className="scope-option">
          <input
            type="radio"
            name="tokenStorage"
            checked={draft.tokenStorage === 'memory'}
            onChange={() => update({ tokenStorage: 'memory' })}
          />
          <span>
            <strong>Memory only</strong>
            <span className="field-hint">
              Tokens stay in this page&apos;s memory; a reload or a new tab means signing in again. Besides these
              settings, the only storage write is the sign-in&apos;s state (with its PKCE code verifier) in this
              tab&apos;s session storage while you are at the provider, removed when you come back.
            </span>
          </span>
        </label>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={!dirty || !isValid(errors)}>
          Save settings
        </button>
        <button type="button" className="button button-quiet" disabled={!dirty} onClick={() => setDraft(saved)}>
          Undo changes
        </button>
        <button type="button" className="button button-quiet" onClick={() => setSharing(true)} disabled={sharing}>
          Share these settings
        </button>
      </div>
      {sharing ? (
        <Field
          id={ids.share}
          label="Share link"
          hint={
            dirty
              ? 'This link carries the saved settings; save your changes first to share them.'
              : 'Opens this app with these settings (environment, client ID, Discovery URL, scopes, token storage). It never carries a token.'
          }
        >
          <div className="input-row">
            <input id={ids.share} className="input" value={shareLink} readOnly />
            <CopyButton value={() => shareLink} label="Copy" />
          </div>
        </Field>
      ) : null}
      {children?.({ dirty, errors: savedErrors })}
    </form>
  );
}
