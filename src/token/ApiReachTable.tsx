import { Breakable } from '../ui/Breakable.tsx';
import { apiReach } from '../config/scopes.ts';
import type { TokenVerdict } from './tokenVerdict.ts';

/** What one call to an API answered, as the scope probe saw it. */
export interface ReachObservation {
  status: number | undefined;
  verdict: 'allowed' | 'forbidden' | 'unauthorized' | 'other';
  /** When the answer came. */
  at: Date;
  /** The workspace the call was made in (none for Discovery). */
  workspace?: string;
  /** The person's role in that workspace, when the Workspaces API said it. */
  role?: string;
}

/** What the page knows beyond the token: the instance chosen, and the answers it has seen. */
export interface ReachContext {
  /** The instance chosen in Discovery, with the services Discovery lists for it. */
  instance?: { name: string; services: readonly string[] };
  /** The answers seen from each API (by its name), for this very token. */
  observed: Readonly<Record<string, ReachObservation>>;
}

const NOTHING_SEEN: ReachContext = { observed: {} };

function timeOf(at: Date): string {
  return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

type Row = ReturnType<typeof apiReach>[number];

/**
 * What the token can do with one API. An answer seen says "seen at"; anything else says "would",
 * from the scopes, the verdict and the instance's services, and never claims an answer for an
 * API this page has not called.
 */
export function reachWords(row: Row, verdict: TokenVerdict, context: ReachContext): { words: string; yes: boolean } {
  const seen = context.observed[row.api];
  if (seen) {
    const when = `${seen.status ?? 'no answer'} seen at ${timeOf(seen.at)}${seen.workspace ? ` in ${seen.workspace}` : ''}`;
    const role = seen.role ? `; your role there: ${seen.role}` : '';
    switch (seen.verdict) {
      case 'allowed':
        return { words: `let in: ${when}${role}`, yes: true };
      case 'forbidden':
        return {
          words: `refused: ${when} (${row.reachable ? `scope granted: the role or the instance does not allow it${role}` : 'scope not granted'})`,
          yes: false,
        };
      case 'unauthorized':
        return { words: `refused: ${when} (the API did not accept the token)`, yes: false };
      default:
        return { words: `answered ${when}`, yes: false };
    }
  }
  const never = row.calledHere ? '' : '; this page never calls it';
  // A token the page cannot read: it says so, and does not guess what the API would answer.
  if (verdict.standing === 'opaque')
    return { words: `cannot tell: ${verdict.refusal ?? 'not a JWT'}${never}`, yes: false };
  // A signature whose check could not finish: neither "let in" nor "refused" is known.
  if (verdict.standing === 'unverifiable') {
    return { words: `cannot tell: ${verdict.refusal ?? 'its signature could not be checked'}${never}`, yes: false };
  }
  if (!verdict.usable)
    return { words: `would be refused: ${verdict.refusal ?? 'the token is not usable'}${never}`, yes: false };
  if (!row.reachable) return { words: `would be refused (scope not granted)${never}`, yes: false };
  if (row.service && context.instance && !context.instance.services.includes(row.service)) {
    return {
      words: `would be refused in ${context.instance.name}: Discovery lists no ${row.api} service there${never}`,
      yes: false,
    };
  }
  if (verdict.standing === 'unverified') {
    return { words: `would be let in (scope granted), if the signature holds${never}`, yes: true };
  }
  return { words: `would be let in (scope granted)${never}`, yes: true };
}

/** Which Evo APIs a token with these granted scopes may call, and which it may not: seen, or inferred. */
export function ApiReachTable({
  granted,
  verdict,
  context = NOTHING_SEEN,
}: {
  granted: readonly string[];
  verdict: TokenVerdict;
  context?: ReachContext;
}) {
  return (
    <table className="reach-table stack-table">
      <caption>Which Evo APIs this token can reach (“would”: inferred; “seen”: an answer this page got)</caption>
      <thead>
        <tr>
          <th scope="col">API</th>
          <th scope="col">Needs</th>
          <th scope="col">This token</th>
          <th scope="col">For example</th>
        </tr>
      </thead>
      <tbody>
        {apiReach(granted).map((row) => {
          const { words, yes } = reachWords(row, verdict, context);
          return (
            <tr key={row.scope} className={yes ? 'reach-yes' : 'reach-no'}>
              <th scope="row">{row.api}</th>
              <td data-label="Needs">
                <code>{row.scope}</code>
              </td>
              <td data-label="This token">{words}</td>
              <td className="muted" data-label="For example">
                {row.calls.map((call, index) => (
                  <span key={call}>
                    {index > 0 ? ', ' : null}
                    <Breakable text={call} />
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
