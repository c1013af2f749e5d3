import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { StabbingIndex } from '../../src/net/box-stabbing-index.js';

const interval = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
  .map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));

test.prop([
  fc.array(interval, { maxLength: 30 }),
  fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1 }),
])('a query lists exactly the stored ranges that hold the value', (ranges, queries) => {
  const values = Float64Array.from(queries).sort();
  const index = new StabbingIndex(values);
  for (const [id, range] of ranges.entries()) index.insert(id, range.lo, range.hi);
  for (const value of values) {
    const found: number[] = [];
    index.some(value, (id) => {
      found.push(id);
      return false;
    });
    const expected = ranges.flatMap((r, id) => (r.lo <= value && value <= r.hi ? [id] : []));
    expect(found.sort((a, b) => a - b)).toEqual(expected);
  }
});
