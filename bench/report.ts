/**
 * The goals of performance.md §7 beside the measured figures: one table per workload, each row
 * with the goal, ✓ or ✗, and on W1 the oracle's figure and the engine/oracle ratio.
 */
import type { EngineFigures } from './engine-bench.js';
import type { OracleFigures } from './oracle-bench.js';

type Name = 'W1' | 'W2' | 'W3' | 'W4';

/** What one benchmarked workload produced. */
export interface WorkloadResult {
  readonly workload: Name;
  readonly seed: number;
  readonly stats: { readonly enis: number; readonly files: number; readonly megabytes: number };
  readonly engine: EngineFigures;
  readonly oracle?: OracleFigures;
}

/** One table row: a figure, its goal (smaller is better unless `atLeast`), the oracle's. */
export interface Row {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly goal?: number;
  readonly atLeast?: boolean;
  readonly oracle?: number;
  readonly note?: string;
}

const GOALS: Record<Exclude<Name, 'W4'>, Record<string, number>> = {
  W1: {
    load: 150,
    p50: 15,
    p99: 100,
    rate: 200_000,
    r50: 1,
    r99: 10,
    matrix: 500,
    edit: 5,
    rss: 150,
  },
  W2: {
    load: 1500,
    p50: 25,
    p99: 200,
    rate: 100_000,
    r50: 5,
    r99: 50,
    matrix: 5000,
    edit: 20,
    rss: 600,
  },
  W3: {
    load: 10_000,
    p50: 30,
    p99: 300,
    rate: 50_000,
    r50: 30,
    r99: 300,
    matrix: 60_000,
    edit: 50,
    rss: 2048,
  },
};

/**
 * W4's goal is "≤ 10× its W1 counterpart": W1's measured figures times ten (a tenth for rates).
 * performance.md sets no memory goal for W4.
 */
function goalsFor(result: WorkloadResult, w1?: WorkloadResult): Record<string, number> | undefined {
  if (result.workload !== 'W4') return GOALS[result.workload];
  if (w1 === undefined) return undefined;
  const rows = rowsOf(w1, undefined);
  const goals: Record<string, number> = {};
  for (const row of rows) {
    const key = ROW_KEYS[row.metric];
    if (key !== undefined && key !== 'rss')
      goals[key] = row.atLeast ? row.value / 10 : row.value * 10;
  }
  return goals;
}

const ROW_KEYS: Record<string, string> = {
  'load + build, ms': 'load',
  'trace p50, µs': 'p50',
  'trace p99, µs': 'p99',
  'trace throughput, /s': 'rate',
  'who-can-reach p50, ms': 'r50',
  'who-can-reach p99, ms': 'r99',
  'all-pairs matrix, ms': 'matrix',
  'edit → rebuild p50, ms': 'edit',
  'peak RSS (VmHWM), MB': 'rss',
};

/** The rows of one workload's table. */
export function rowsOf(result: WorkloadResult, w1: WorkloadResult | undefined): Row[] {
  const { engine, oracle } = result;
  const goals = goalsFor(result, w1) ?? {};
  const mismatches = oracle
    ? oracle.traceMismatches.length + oracle.reachMismatches.length
    : undefined;
  const rows: Row[] = [
    {
      metric: 'load + build, ms',
      value: engine.load.medianMs,
      unit: 'ms',
      oracle: oracle?.load.medianMs,
      note: `load ${fmt(engine.load.loadMs)} + build ${fmt(engine.load.buildMs)}`,
    },
    {
      metric: 'trace p50, µs',
      value: engine.traces.p50Us,
      unit: 'µs',
      oracle: oracle?.traces.p50Us,
    },
    {
      metric: 'trace p99, µs',
      value: engine.traces.p99Us,
      unit: 'µs',
      oracle: oracle?.traces.p99Us,
    },
    {
      metric: 'trace throughput, /s',
      value: engine.traces.perSecond,
      unit: '/s',
      atLeast: true,
      oracle: oracle?.traces.perSecond,
    },
    {
      metric: 'who-can-reach p50, ms',
      value: engine.reach.p50Us / 1000,
      unit: 'ms',
      oracle: oracle ? oracle.reach.p50Us / 1000 : undefined,
    },
    {
      metric: 'who-can-reach p99, ms',
      value: engine.reach.p99Us / 1000,
      unit: 'ms',
      oracle: oracle ? oracle.reach.p99Us / 1000 : undefined,
    },
    {
      metric: 'all-pairs matrix, ms',
      value: engine.matrix.medianMs,
      unit: 'ms',
      note: matrixNote(engine.matrix),
    },
    {
      metric: 'edit → rebuild p50, ms',
      value: engine.edits.rebuildP50Ms,
      unit: 'ms',
      note: `p99 ${fmt(engine.edits.rebuildP99Ms)}; re-query p50 ${fmt(engine.edits.requeryP50Us)} µs; ${engine.edits.applied} edits`,
    },
    { metric: 'peak RSS (VmHWM), MB', value: engine.peakRssMb, unit: 'MB' },
  ];
  const keyed = rows.map((row) => ({ ...row, goal: goals[ROW_KEYS[row.metric] ?? ''] }));
  if (mismatches !== undefined)
    keyed.push({
      metric: 'oracle mismatches',
      value: mismatches,
      unit: '',
      goal: 0,
      note: `${oracle!.tracesCompared} traces, ${oracle!.reachCompared} reach questions`,
    });
  return keyed;
}

function matrixNote(matrix: EngineFigures['matrix']): string {
  const estimate = matrix.estimatedFrom;
  if (estimate !== undefined) {
    const seconds = Math.round(estimate.elapsedMs / 1000);
    const done = `${estimate.classesDone} of ${matrix.classes} classes done`;
    return `estimated: stopped after ${seconds} s with ${done}, scaled to all`;
  }
  if (matrix.runs === 0) return 'not run (--no-matrix)';
  const runs = matrix.runs === 1 ? 'one cold run' : `median of ${matrix.runs}`;
  return `${matrix.classes} classes, ${matrix.cells} cells, ${runs}`;
}

/** A number that was measured: NaN (not measured) arrives as null once sent between processes. */
function isFigure(value: number | null | undefined): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/** Whether a row meets its goal; undefined without a goal. */
export function meets(row: Row): boolean | undefined {
  if (row.goal === undefined || !isFigure(row.value)) return undefined;
  return row.atLeast ? row.value >= row.goal : row.value <= row.goal;
}

/** A figure with three significant digits, thousands grouped. */
export function fmt(value: number | null | undefined): string {
  if (!isFigure(value)) return '—';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

/** The workload's table as Markdown, so the README can carry it as printed. */
export function renderTable(result: WorkloadResult, w1: WorkloadResult | undefined): string {
  const rows = rowsOf(result, w1);
  const withOracle = result.oracle !== undefined;
  const head = [
    'metric',
    'measured',
    'goal',
    '',
    ...(withOracle ? ['oracle', 'engine/oracle'] : []),
    'notes',
  ];
  const lines = [head, head.map(() => '---')].map((cells) => `| ${cells.join(' | ')} |`);
  for (const row of rows) {
    const ok = meets(row);
    const goal = row.goal === undefined ? '—' : `${row.atLeast ? '≥' : '≤'} ${fmt(row.goal)}`;
    const ratio = row.oracle === undefined ? '—' : ratioOf(row);
    const cells = [
      row.metric,
      fmt(row.value),
      goal,
      ok === undefined ? '' : ok ? '✓' : '✗',
      ...(withOracle ? [fmt(row.oracle), ratio] : []),
      row.note ?? '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Engine time over oracle time (for a rate, oracle rate over engine rate): below 1 is faster. */
function ratioOf(row: Row): string {
  const ratio = row.atLeast ? row.oracle! / row.value : row.value / row.oracle!;
  return ratio < 0.01 ? ratio.toExponential(1) : fmt(ratio);
}
