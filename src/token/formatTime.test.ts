import { describe, expect, it } from 'vitest';
import { clock, numericDate, relativeTime } from './formatTime.ts';

const now = new Date('2026-01-01T12:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('relativeTime', () => {
  it.each([
    [3240, 'in 54 min'],
    [-7200, '2 h ago'],
    [12, 'in 12 s'],
    [0, 'now'],
    [-90_000, '1 d ago'],
  ])('%i s is "%s"', (seconds, words) => {
    expect(relativeTime(at(seconds), now)).toBe(words);
  });
});

describe('clock', () => {
  it('counts down as minutes and seconds, with hours when needed', () => {
    expect(clock(3599)).toBe('59:59');
    expect(clock(3723)).toBe('1:02:03');
    expect(clock(-5)).toBe('0:05');
  });
});

describe('numericDate', () => {
  it('reads seconds since the epoch and rejects anything else', () => {
    expect(numericDate(1_700_000_000)?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(numericDate('1700000000')).toBeUndefined();
  });
});
