/**
 * Discrete distributions fitted to the shapes performance.md §6 states: rules per security group
 * follow a Zipf–Mandelbrot law (a few huge groups, many small ones) fitted to a median, an
 * optional 99th percentile and a maximum; security groups per ENI follow a truncated geometric
 * law fitted to a mean.
 */
import type { Rng } from './prng.js';

/** A sampler over integers `min..max` by inverse cumulative table. */
export interface DiscreteSampler {
  readonly min: number;
  readonly max: number;
  sample(rng: Rng): number;
  /** Smallest value whose cumulative probability reaches `q`. */
  quantile(q: number): number;
}

function samplerFromWeights(min: number, weights: readonly number[]): DiscreteSampler {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  const quantile = (q: number): number => {
    const i = cumulative.findIndex((c) => c / total >= q);
    return min + (i < 0 ? weights.length - 1 : i);
  };
  return {
    min,
    max: min + weights.length - 1,
    sample: (rng) => min + rng.pickCumulative(cumulative),
    quantile,
  };
}

function zipfWeights(max: number, exponent: number, shift: number): number[] {
  const weights: number[] = [];
  for (let k = 1; k <= max; k++) weights.push((k + shift) ** -exponent);
  return weights;
}

/** Fits the exponent so the median lands on `median` for a given shift (bisection). */
function fitExponent(median: number, max: number, shift: number): number {
  let lo = 0.01;
  let hi = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const weights = zipfWeights(max, mid, shift);
    const total = weights.reduce((s, w) => s + w, 0);
    const below = weights.slice(0, median).reduce((s, w) => s + w, 0);
    const at = weights[median - 1] ?? 0;
    // Put most of the median's own step above one half, so samples of a few hundred groups
    // (default groups included, which have two or three rules) still land on the median.
    if ((below - at * 0.2) / total < 0.5) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Shape of a Zipf-like count: its median, optional 99th percentile, and hard maximum. */
export interface ZipfShape {
  readonly median: number;
  readonly max: number;
  readonly p99?: number;
}

/**
 * Zipf–Mandelbrot law `P(k) ∝ (k + q)^-s` on `1..max`. Without a p99 target the shift `q` is 0
 * and `s` is fitted to the median; with one, `q` is searched on a grid and the pair that puts
 * the 99th percentile closest to the target (on a log scale) is kept.
 */
export function createZipfSampler(shape: ZipfShape): DiscreteSampler {
  const shifts = shape.p99 === undefined ? [0] : Array.from({ length: 41 }, (_, i) => i * 0.5);
  let best = samplerFromWeights(1, zipfWeights(shape.max, 1, 0));
  let bestError = Number.POSITIVE_INFINITY;
  for (const shift of shifts) {
    const sampler = samplerFromWeights(
      1,
      zipfWeights(shape.max, fitExponent(shape.median, shape.max, shift), shift),
    );
    const error =
      Math.abs(sampler.quantile(0.5) - shape.median) * 10 +
      (shape.p99 === undefined ? 0 : Math.abs(Math.log(sampler.quantile(0.99) / shape.p99)));
    if (error < bestError) {
      best = sampler;
      bestError = error;
    }
  }
  return best;
}

/** Truncated geometric law on `min..max` whose mean is `mean` (ratio fitted by bisection). */
export function createGeometricSampler(options: {
  min: number;
  max: number;
  mean: number;
}): DiscreteSampler {
  const { min, max, mean } = options;
  const weightsFor = (ratio: number): number[] =>
    Array.from({ length: max - min + 1 }, (_, i) => ratio ** i);
  const meanFor = (ratio: number): number => {
    const w = weightsFor(ratio);
    const total = w.reduce((s, x) => s + x, 0);
    return w.reduce((s, x, i) => s + x * (min + i), 0) / total;
  };
  let lo = 0.001;
  let hi = 0.999999;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (meanFor(mid) < mean) lo = mid;
    else hi = mid;
  }
  return samplerFromWeights(min, weightsFor((lo + hi) / 2));
}

/** Cumulative weights `1/(rank+1)^exponent`, for picking popular items more often. */
export function popularityCumulative(count: number, exponent = 1): Float64Array {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += (i + 1) ** -exponent;
    cumulative[i] = total;
  }
  return cumulative;
}

/** The `q` quantile of numbers (nearest rank), 0 for an empty list. */
export function quantileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
