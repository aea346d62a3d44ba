/** "in 54 min", "3 h ago", "in 12 s": the distance from `now` to `at`, in the largest whole unit. */
export function relativeTime(at: Date, now: Date): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const [size, unit] = units.find(([size]) => magnitude >= size) ?? [1, 's'];
  const amount = Math.floor(magnitude / size);
  if (seconds === 0) return 'now';
  return seconds > 0 ? `in ${amount} ${unit}` : `${amount} ${unit} ago`;
}

/** A countdown such as "59:07" or "1:02:03"; negative durations are shown as their size. */
export function clock(totalSeconds: number): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

/** A NumericDate claim (seconds since the epoch) as a Date, or undefined if it is not a number. */
export function numericDate(value: unknown): Date | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value * 1000);
  // Beyond ±8.64e15 ms a Date is invalid: a number that large is no moment at all.
  return Number.isNaN(date.getTime()) ? undefined : date;
}
