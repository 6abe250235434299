import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DistinctTuples } from './bulk-references.js';

describe('DistinctTuples', () => {
  it('keeps each tuple of the chosen columns once, whatever repeats and nulls the rows have', () => {
    const t = new DistinctTuples(['a', 'c'], [0, 2]);
    for (const row of [
      ['x', 1, 'p'],
      ['x', 2, 'p'],
      ['y', 3, 'p'],
      ['x', 4, 'p'],
      ['x', 5, null],
      [null, 6, null],
      [null, 7, null],
      ['x', 8, 'q'],
    ]) t.add(row);
    expect(t.columns()).toEqual([
      ['x', 'x', 'x', 'y', null],
      ['p', null, 'q', 'p', null],
    ]);
  });

  it('gives nothing for no rows, and numbers and booleans as text', () => {
    expect(new DistinctTuples(['a'], [0]).columns()).toEqual([[]]);
    const t = new DistinctTuples(['n', 'b'], [1, 0]);
    t.add([true, 12]);
    t.add([false, 12]);
    expect(t.columns()).toEqual([
      ['12', '12'],
      ['true', 'false'],
    ]);
  });

  it('gives the same set of tuples as a set of joined keys would (fast-check)', () => {
    const value = fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value, value), { maxLength: 60 }), (rows) => {
        const t = new DistinctTuples(['w', 'y'], [3, 1]);
        for (const r of rows) t.add(r);
        const cols = t.columns();
        const got = cols[0]!.map((_, i) => JSON.stringify([cols[0]![i], cols[1]![i]]));
        const want = new Set(rows.map((r) => JSON.stringify([r[3], r[1]])));
        expect(got.length).toBe(want.size);
        expect(new Set(got)).toEqual(want);
      }),
    );
  });

  it('gives the same set of tuples as a set of joined keys would, over three columns whose changes start at any of them (fast-check)', () => {
    const value = fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value, value), { maxLength: 80 }), (rows) => {
        const t = new DistinctTuples(['w', 'x', 'y'], [3, 0, 1]);
        for (const r of rows) t.add(r);
        const cols = t.columns();
        const got = cols[0]!.map((_, i) => JSON.stringify([cols[0]![i], cols[1]![i], cols[2]![i]]));
        const want = new Set(rows.map((r) => JSON.stringify([r[3], r[0], r[1]])));
        expect(got.length).toBe(want.size);
        expect(new Set(got)).toEqual(want);
      }),
    );
  });
});
