import { describe, expect, it } from 'vitest';
import { gainVerdict, stat, trickVerdict } from './readmeTable.ts';

describe('the bench’s round statistics', () => {
  it('gives the median and the spread of the rounds', () => {
    expect(stat([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, rounds: [30, 10, 20] });
    expect(stat([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('says a trick pays only when it helped in every round', () => {
    expect(gainVerdict(stat([5, 12, 30]))).toBe('pays');
    expect(gainVerdict(stat([-5, 12, 30]))).toBe('within the noise');
    expect(gainVerdict(stat([-5, -12, -1]))).toBe('costs');
    const trick = (press: number[], callback: number[], slow: number[]) => ({
      name: 'font-stack' as const,
      what: '',
      pressToDiscovery: stat(press),
      callbackToDiscovery: stat(callback),
      slowPressToDiscovery: stat(slow),
    });
    expect(trickVerdict(trick([-3, 4], [-2, 9], [1, 40]))).toBe('pays');
    expect(trickVerdict(trick([-3, 4], [-2, 9], [-1, 40]))).toBe('within the noise');
  });
});
