import { apiReach } from '../config/scopes.ts';

/** Which Evo APIs a token with these granted scopes may call, and which it may not. */
export function ApiReachTable({ granted }: { granted: readonly string[] }) {
  return (
    <table className="reach-table">
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
          <tr key={row.scope} className={row.reachable ? 'reach-yes' : 'reach-no'}>
            <th scope="row">{row.api}</th>
            <td>
              <code>{row.scope}</code>
            </td>
            <td>{row.reachable ? 'can call it' : 'refused (403)'}</td>
            <td className="muted">{row.calls.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
