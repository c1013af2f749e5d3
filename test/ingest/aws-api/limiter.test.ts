import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createLimiter } from '../../../src/ingest/aws-api/limiter.js';

/** A promise with its resolve exposed, so a test decides when each task ends. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createLimiter', () => {
  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 })])(
    'never runs more than the limit at once, and runs every task',
    async (limit, count) => {
      const run = createLimiter(limit);
      let active = 0;
      let peak = 0;
      const gates = Array.from({ length: count }, deferred);
      const done = gates.map((gate, index) =>
        run(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await gate.promise;
          active -= 1;
          return index;
        }),
      );
      // Release the tasks in reverse order; queued ones start as earlier ones end.
      for (const gate of [...gates].reverse()) gate.resolve();
      expect(await Promise.all(done)).toEqual(gates.map((_, index) => index));
      expect(peak).toBeLessThanOrEqual(limit);
      expect(peak).toBe(Math.min(limit, count));
    },
  );

  test('a rejected task frees its place and passes its error to the caller', async () => {
    const run = createLimiter(1);
    const failed = run(() => Promise.reject(new Error('denied')));
    const next = run(async () => 'ran');
    await expect(failed).rejects.toThrow('denied');
    await expect(next).resolves.toBe('ran');
  });

  test('refuses a limit below one', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
