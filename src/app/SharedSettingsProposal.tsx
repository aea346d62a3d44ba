import type { AppEnv } from '../config/env.ts';
import { requestedScopes } from '../config/scopes.ts';
import type { ConnectionSettings } from '../settings/connectionSettings.ts';
import { Notice } from '../ui/Notice.tsx';

const FIELDS: { key: keyof ConnectionSettings; label: string }[] = [
  { key: 'environment', label: 'Environment' },
  { key: 'authority', label: 'Authority' },
  { key: 'clientId', label: 'Client ID' },
  { key: 'discoveryUrl', label: 'Discovery URL' },
  { key: 'scopes', label: 'Scopes' },
  { key: 'tokenStorage', label: 'Token storage' },
];

function shown(settings: ConnectionSettings, key: keyof ConnectionSettings, env: AppEnv): string {
  if (key === 'scopes') return requestedScopes(settings.scopes).join(' ');
  if (key === 'environment') return env.presets[settings.environment].label;
  return String(settings[key]);
}

function host(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Hosts the proposed settings would send the browser (and a token) to that the current ones do not. */
export function newHosts(current: ConnectionSettings, proposed: ConnectionSettings): string[] {
  const known = new Set([host(current.authority), host(current.discoveryUrl)]);
  return [...new Set([host(proposed.authority), host(proposed.discoveryUrl)])].filter(
    (name): name is string => name !== undefined && !known.has(name),
  );
}

interface SharedSettingsProposalProps {
  env: AppEnv;
  current: ConnectionSettings;
  proposed: ConnectionSettings;
  complete: boolean;
  onApply: () => void;
  onDecline: () => void;
}

/**
 * A share link proposes settings; nothing changes until the person confirms. Every change is
 * listed, and every host the link would send the browser (and so a token) to that is new is named.
 */
export function SharedSettingsProposal(props: SharedSettingsProposalProps) {
  const { env, current, proposed, complete, onApply, onDecline } = props;
  const changes = FIELDS.filter(({ key }) => shown(current, key, env) !== shown(proposed, key, env));
  const hosts = newHosts(current, proposed);
  return (
    <Notice
      tone={hosts.length > 0 ? 'warning' : 'info'}
      title="A shared link proposes other settings"
      actions={
        <>
          <button type="button" className="button button-primary" onClick={onApply}>
            Use the shared settings
          </button>
          <button type="button" className="button" onClick={onDecline}>
            Keep my settings
          </button>
        </>
      }
    >
      {changes.length === 0 ? (
        <p>They are the same as yours: nothing would change.</p>
      ) : (
        <table className="proposal-table">
          <caption>What would change</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Yours</th>
              <th scope="col">The link&apos;s</th>
            </tr>
          </thead>
          <tbody>
            {changes.map(({ key, label }) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td data-label="Yours">
                  <code>{shown(current, key, env)}</code>
                </td>
                <td data-label="The link's">
                  <code>{shown(proposed, key, env)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hosts.length > 0 ? (
        <p>
          <strong>New hosts:</strong> signing in with these settings sends you to, and your token to,{' '}
          {hosts.map((name, index) => (
            <span key={name}>
              {index > 0 ? ', ' : ''}
              <code>{name}</code>
            </span>
          ))}
          . Use them only if you trust whoever sent the link.
        </p>
      ) : null}
      {!complete ? <p>Some settings were missing from the link; those keep their defaults.</p> : null}
      <p>If you are signed in, using them ends that session in this tab: a session belongs to its settings.</p>
    </Notice>
  );
}
