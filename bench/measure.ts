/**
 * Timing helpers that follow performance.md §7: `process.hrtime.bigint()`, warm-up runs before
 * timing, medians of several runs, nearest-rank percentiles, and peak RSS from
 * `/proc/self/status` (VmHWM).
 */
import { readFileSync } from 'node:fs';

/** Milliseconds elapsed while `work` runs. */
export function timeMs(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Nearest-rank percentile of `values` (`p` in 0–100); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Warm-ups and timed runs of a whole operation, with the median and how many runs it took. */
export interface RunTiming {
  readonly medianMs: number;
  readonly runs: number;
  readonly warmups: number;
}

/**
 * Times `work` after `warmups` untimed runs and returns the median of `runs` timed runs. When the
 * first run exceeds `longMs`, that run alone is the figure, so a slow workload still finishes;
 * the counts say what was done.
 */
export function timeRuns(
  work: () => void,
  options: { warmups?: number; runs?: number; longMs?: number } = {},
): RunTiming {
  const wantedWarmups = options.warmups ?? 3;
  const wantedRuns = options.runs ?? 5;
  const longMs = options.longMs ?? 5000;
  const first = timeMs(work);
  // A run this long is dominated by the work, not by warm-up: one cold run is the figure.
  if (first > longMs) return { medianMs: first, runs: 1, warmups: 0 };
  for (let i = 1; i < wantedWarmups; i++) work();
  const times: number[] = [];
  for (let i = 0; i < wantedRuns; i++) times.push(timeMs(work));
  return { medianMs: median(times), runs: wantedRuns, warmups: wantedWarmups };
}

/** Per-query latencies of a mix: p50/p99 in microseconds, throughput per second. */
export interface MixTiming {
  readonly p50Us: number;
  readonly p99Us: number;
  readonly perSecond: number;
  readonly queries: number;
  readonly passes: number;
}

/**
 * Times each item of a mix separately, `passes` times after `warmups` passes, and returns the
 * median over passes of each pass's p50, p99 and throughput (items per second of that pass).
 * Items for which `run` returns false (refused) are left out of the figures.
 */
export function timeMix<T>(
  items: readonly T[],
  run: (item: T) => boolean,
  options: { warmups?: number; passes?: number; budgetMs?: number } = {},
): MixTiming {
  const warmups = options.warmups ?? 3;
  const budgetMs = options.budgetMs ?? 60_000;
  const firstPass = timeMs(() => {
    for (const item of items) run(item);
  });
  const passes = Math.max(1, Math.min(options.passes ?? 5, Math.floor(budgetMs / firstPass)));
  for (let i = 1; i < Math.min(warmups, passes + 1); i++) for (const item of items) run(item);
  const p50s: number[] = [];
  const p99s: number[] = [];
  const rates: number[] = [];
  let queries = 0;
  for (let pass = 0; pass < passes; pass++) {
    const latencies = timeEach(items, run);
    const total = latencies.reduce((sum, us) => sum + us, 0);
    p50s.push(percentile(latencies, 50));
    p99s.push(percentile(latencies, 99));
    rates.push(latencies.length / (total / 1e6));
    queries = latencies.length;
  }
  return { p50Us: median(p50s), p99Us: median(p99s), perSecond: median(rates), queries, passes };
}

function timeEach<T>(items: readonly T[], run: (item: T) => boolean): number[] {
  const latencies: number[] = [];
  for (const item of items) {
    const start = process.hrtime.bigint();
    const answered = run(item);
    const us = Number(process.hrtime.bigint() - start) / 1e3;
    if (answered) latencies.push(us);
  }
  return latencies;
}

/** Peak resident set size of this process in MB (VmHWM), or NaN off Linux. */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
