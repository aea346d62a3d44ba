import { SCOPE_CATALOGUE } from '../config/scopes.ts';
import type { ScopeComparison } from './tokenScopes.ts';

const UNLOCKS = new Map(SCOPE_CATALOGUE.map((info) => [info.scope, info.unlocks]));

/** Requested scopes beside granted ones, each difference explained. */
export function ScopeComparisonTable({ comparison }: { comparison: ScopeComparison }) {
  const rows = [
    ...comparison.granted.map((scope) => ({ scope, status: 'granted' as const })),
    ...comparison.notGranted.map((scope) => ({ scope, status: 'not-granted' as const })),
    ...comparison.unrequested.map((scope) => ({ scope, status: 'unrequested' as const })),
  ];
  const words = {
    granted: 'Requested and granted',
    'not-granted': 'Requested, not granted: the calls it unlocks will be refused (403).',
    unrequested: 'Granted without being requested.',
  };
  return (
    <table className="scope-table stack-table">
      <caption>Requested vs granted scopes</caption>
      <thead>
        <tr>
          <th scope="col">Scope</th>
          <th scope="col">Requested</th>
          <th scope="col">Granted</th>
          <th scope="col">What it means</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ scope, status }) => (
          <tr key={scope} className={`scope-${status}`}>
            <th scope="row">
              <code>{scope}</code>
            </th>
            <td data-label="Requested">{status === 'unrequested' ? 'no' : 'yes'}</td>
            <td data-label="Granted">{status === 'not-granted' ? <strong>no</strong> : 'yes'}</td>
            <td data-label="What it means">
              {words[status]}
              {UNLOCKS.has(scope) ? <span className="muted"> {UNLOCKS.get(scope)}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
