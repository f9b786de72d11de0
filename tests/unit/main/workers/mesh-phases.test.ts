import { describe, expect, it } from 'vitest';
import { phaseCounters, runPhase, runRanges } from '../../../../main/workers/mesh-phases';

describe('sharing a phase between two threads (mesh-phases.ts)', () => {
  it('takes chunks in turn, in increasing order, without `end`', () => {
    const counters = phaseCounters(1);
    const seen: number[] = [];
    expect(runPhase(counters, 0, 5, (c) => seen.push(c))).toBe(5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes chunks from its end: thread 0 from the first up, thread 1 from the last down, never one the other did', () => {
    // Thread 1 has done three chunks (its end's: 9, 8, 7) when thread 0 comes: thread 0 does the other seven.
    const counters = phaseCounters(1);
    const first: number[] = [];
    Atomics.store(counters, 1, 3);
    Atomics.store(counters, 2, 3);
    expect(runPhase(counters, 0, 10, (c) => first.push(c), 0)).toBe(7);
    expect(first).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // And the other way round: thread 0 did two (0, 1); thread 1 does 9 down to 2.
    const again = phaseCounters(1);
    const last: number[] = [];
    Atomics.store(again, 1, 2);
    Atomics.store(again, 2, 2);
    expect(runPhase(again, 0, 10, (c) => last.push(c), 1)).toBe(8);
    expect(last).toEqual([9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it('cuts ranges for either end the same way', () => {
    const counters = phaseCounters(1);
    const ranges: number[][] = [];
    runRanges(counters, 0, 10, 4, (from, to) => ranges.push([from, to]), 1);
    expect(ranges).toEqual([
      [8, 10],
      [4, 8],
      [0, 4],
    ]);
  });
});
