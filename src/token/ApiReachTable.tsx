import { Breakable } from '../ui/Breakable.tsx';
import { apiReach } from '../config/scopes.ts';
import type { TokenVerdict } from './tokenVerdict.ts';

/** What the token can do with one API, by its scopes and its standing, never contradicting either. */
function reachWords(reachable: boolean, verdict: TokenVerdict): string {
  if (!reachable) return 'refused (403): scope not granted';
  if (!verdict.usable) return `refused (401): ${verdict.refusal ?? 'the token is not usable'}`;
  if (verdict.standing === 'unverified') return 'can call it, if the signature holds';
  return 'can call it';
}

/** Which Evo APIs a token with these granted scopes may call, and which it may not. */
export function ApiReachTable({ granted, verdict }: { granted: readonly string[]; verdict: TokenVerdict }) {
  return (
    <table className="reach-table stack-table">
      <caption>Which Evo APIs this token can reach</caption>
      <thead>
        <tr>
          <th scope="col">API</th>
          <th scope="col">Needs</th>
          <th scope="col">This token</th>
          <th scope="col">For example</th>
        </tr>
      </thead>
      <tbody>
        {apiReach(granted).map((row) => (
          <tr key={row.scope} className={row.reachable && verdict.usable ? 'reach-yes' : 'reach-no'}>
            <th scope="row">{row.api}</th>
            <td data-label="Needs">
              <code>{row.scope}</code>
            </td>
            <td data-label="This token">{reachWords(row.reachable, verdict)}</td>
            <td className="muted" data-label="For example">
              {row.calls.map((call, index) => (
                <span key={call}>
                  {index > 0 ? ', ' : null}
                  <Breakable text={call} />
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
