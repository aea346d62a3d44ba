import './token.css';
import { orderClaims, TIME_CLAIMS } from './claimGlossary.ts';
import { numericDate, relativeTime } from './formatTime.ts';

interface ClaimsTableProps {
  caption: string;
  values: Record<string, unknown>;
  glossary: (name: string) => string;
  now: Date;
}

function ClaimValue({ name, value, now }: { name: string; value: unknown; now: Date }) {
  const date = TIME_CLAIMS.has(name) ? numericDate(value) : undefined;
  if (date) {
    return (
      <>
        <code>{String(value)}</code>
        <span className="claim-time">
          {date.toLocaleString()} ({relativeTime(date, now)})
        </span>
      </>
    );
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return (
      <ul className="chips">
        {value.map((item, index) => (
          <li key={index}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
    );
  }
  return <code className="claim-value">{printable(value)}</code>;
}

/** Any JSON value as text, shortened when huge: a claim's value comes from whoever wrote the token. */
function printable(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} characters in all)` : text;
}

/** Every claim (or header parameter) with its value and a one-line meaning. */
export function ClaimsTable({ caption, values, glossary, now }: ClaimsTableProps) {
  return (
    <table className="claims-table stack-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {orderClaims(values).map(([name, value]) => (
          <tr key={name}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td data-label="Value">
              <ClaimValue name={name} value={value} now={now} />
            </td>
            <td className="claim-meaning" data-label="Meaning">
              {glossary(name)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
