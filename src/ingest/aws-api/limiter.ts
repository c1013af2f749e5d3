/** Runs a task when fewer than the limit are in flight, else queues it (first in, first out). */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A concurrency limiter: at most `maxInFlight` tasks run at once. EC2 and Elastic Load
 * Balancing throttle per account and region, so the collector keeps a few calls in flight per
 * account/region rather than firing every per-ARN call at once.
 */
export function createLimiter(maxInFlight: number): Limiter {
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];
  const startNext = (): void => {
    if (active >= maxInFlight) return;
    const start = waiting.shift();
    if (start === undefined) return;
    active += 1;
    start();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active -= 1;
            startNext();
          });
      });
      startNext();
    });
}
