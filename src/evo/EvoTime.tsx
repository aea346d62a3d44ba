import { readEvoTime } from './evoSchemas.ts';

/**
 * An Evo time as a local date, the full time on hover. A time sent without a zone is read as UTC
 * (as Evo means it) and says so, instead of being taken for local time.
 */
export function EvoTime({ value, withTime = false }: { value: string | null | undefined; withTime?: boolean }) {
  const time = readEvoTime(value);
  if (!time) return <>{value ? value : '—'}</>;
  const shown = withTime ? time.date.toLocaleString() : time.date.toLocaleDateString();
  return (
    <time
      dateTime={time.date.toISOString()}
      title={`${time.date.toISOString()}${time.zoneAssumed ? ' (sent without a time zone, read as UTC)' : ''}`}
    >
      {shown}
      {time.zoneAssumed ? <span className="visually-hidden"> (UTC assumed)</span> : null}
    </time>
  );
}
