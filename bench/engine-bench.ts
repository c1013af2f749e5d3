/**
 * Measures the engine on one written workload with the real loader: load + build, concrete
 * traces, who-can-reach, the all-pairs matrix, and single-rule edits followed by a rebuild and a
 * re-query. Figures follow performance.md §7 (see measure.ts).
 */
import { reachMatrix } from '../src/analysis/reach/matrix.js';
import { type ReachToResult, reachTo } from '../src/analysis/reach/reach.js';
import { type TraceResult, traceFlow } from '../src/analysis/trace.js';
import { loadSnapshot } from '../src/ingest/load.js';
import { buildNetwork } from '../src/network/build.js';
import type { Network } from '../src/network/types.js';
import type { Snapshot } from '../src/snapshot/snapshot.js';
import { applyEdit } from './edits.js';
import type { QueryMix } from './generate/queries.js';
import {
  type MixTiming,
  peakRssMb,
  percentile,
  type RunTiming,
  timeMix,
  timeMs,
  timeRuns,
} from './measure.js';
import {
  askOrRefuse,
  describeReach,
  describeTrace,
  type Refusal,
  reachQuestion,
  traceQuestion,
} from './questions.js';

/** Every engine figure of one workload. */
export interface EngineFigures {
  readonly load: RunTiming & { readonly loadMs: number; readonly buildMs: number };
  readonly traces: MixTiming & { readonly refused: readonly Refusal[] };
  readonly reach: MixTiming & { readonly refused: readonly Refusal[] };
  readonly matrix: RunTiming & {
    readonly cells: number;
    readonly classes: number;
    /** Set when the budget ran out: the figure is the time so far scaled to all classes. */
    readonly estimatedFrom?: { readonly classesDone: number; readonly elapsedMs: number };
  };
  readonly edits: {
    readonly applied: number;
    readonly skipped: number;
    readonly rebuildP50Ms: number;
    readonly rebuildP99Ms: number;
    readonly requeryP50Us: number;
  };
  readonly peakRssMb: number;
  /** CPU time over wall time while measuring: below 1, the machine gave this process less than a core. */
  readonly cpuShare: number;
}

/** What the oracle comparison needs from the engine: the network and the answers. */
export interface EngineAnswers {
  readonly network: Network;
  readonly verdicts: ReadonlyMap<number, TraceResult['verdict']>;
  readonly reach: ReadonlyMap<number, ReachToResult>;
}

/** Runs every measurement on the workload written at `dir`. */
export function benchEngine(
  dir: string,
  mix: QueryMix,
  options: { reachBudgetMs?: number; matrixBudgetMs?: number } = {},
): { figures: EngineFigures; answers: EngineAnswers } {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const load = benchLoad(dir);
  const snapshot = loadSnapshot(dir);
  const network = buildNetwork(snapshot);
  const questions = mix.traces.map(traceQuestion);
  const verdicts = new Map<number, TraceResult['verdict']>();
  const traceRefused: Refusal[] = [];
  questions.forEach((question, index) => {
    const asked = askOrRefuse(describeTrace(question), () => traceFlow(network, question));
    if (asked.refusal) traceRefused.push(asked.refusal);
    else verdicts.set(index, asked.answer.verdict);
  });
  const answerable = questions.filter((_, index) => verdicts.has(index));
  const traces = timeMix(answerable, (question) => {
    traceFlow(network, question);
    return true;
  });
  const reachQuestions = mix.reach.map(reachQuestion);
  const reachAnswers = new Map<number, ReachToResult>();
  const reachRefused: Refusal[] = [];
  reachQuestions.forEach((question, index) => {
    const asked = askOrRefuse(describeReach(question), () => reachTo(network, question));
    if (asked.refusal) reachRefused.push(asked.refusal);
    else reachAnswers.set(index, asked.answer);
  });
  const reachable = reachQuestions.filter((_, index) => reachAnswers.has(index));
  const reach = timeMix(
    reachable,
    (question) => {
      reachTo(network, question);
      return true;
    },
    { budgetMs: options.reachBudgetMs ?? 60_000 },
  );
  const matrix = benchMatrix(network, options.matrixBudgetMs ?? 600_000);
  const edits = benchEdits(snapshot, mix, answerable[0]);
  const cpu = process.cpuUsage(cpuStart);
  const wallUs = Number(process.hrtime.bigint() - wallStart) / 1e3;
  return {
    figures: {
      load,
      traces: { ...traces, refused: traceRefused },
      reach: { ...reach, refused: reachRefused },
      matrix,
      edits,
      peakRssMb: peakRssMb(),
      cpuShare: (cpu.user + cpu.system) / wallUs,
    },
    answers: { network, verdicts, reach: reachAnswers },
  };
}

function benchLoad(dir: string): EngineFigures['load'] {
  const loads: number[] = [];
  const builds: number[] = [];
  const total = timeRuns(() => {
    let snapshot: Snapshot | undefined;
    loads.push(
      timeMs(() => {
        snapshot = loadSnapshot(dir);
      }),
    );
    builds.push(timeMs(() => buildNetwork(snapshot!)));
  });
  const timed = total.runs;
  return {
    ...total,
    loadMs: percentile(loads.slice(-timed), 50),
    buildMs: percentile(builds.slice(-timed), 50),
  };
}

/**
 * Each edit: change the snapshot, rebuild the network (the engine keeps no incremental index,
 * so "indexes consistent" means a full rebuild), re-ask a trace from the mix, and undo.
 */
function benchEdits(
  snapshot: Snapshot,
  mix: QueryMix,
  requery: ReturnType<typeof traceQuestion> | undefined,
  budgetMs = 30_000,
): EngineFigures['edits'] {
  const rebuilds: number[] = [];
  const requeries: number[] = [];
  let skipped = 0;
  for (let i = 0; i < 3; i++) buildNetwork(snapshot);
  const started = process.hrtime.bigint();
  for (const edit of mix.edits) {
    // Every edit is a full rebuild: past the budget, the edits done so far are the sample.
    if (rebuilds.length >= 10 && Number(process.hrtime.bigint() - started) / 1e6 > budgetMs) break;
    const undo = applyEdit(snapshot, edit);
    if (undo === undefined) {
      skipped++;
      continue;
    }
    let network: Network | undefined;
    rebuilds.push(
      timeMs(() => {
        network = buildNetwork(snapshot);
      }),
    );
    if (requery) requeries.push(timeMs(() => traceFlow(network!, requery)) * 1000);
    undo();
  }
  return {
    applied: rebuilds.length,
    skipped,
    rebuildP50Ms: percentile(rebuilds, 50),
    rebuildP99Ms: percentile(rebuilds, 99),
    requeryP50Us: percentile(requeries, 50),
  };
}

class BudgetSpent extends Error {}

/**
 * The all-pairs matrix: timed like the other figures when it fits in the budget; otherwise it is
 * stopped when the budget runs out and the time so far is scaled by the share of source classes
 * done. Classes come in VPC and subnet order, not at random, so the estimate is rough; the note
 * says so. A budget of 0 leaves the matrix out.
 */
export function benchMatrix(network: Network, budgetMs: number): EngineFigures['matrix'] {
  if (budgetMs <= 0) return { medianMs: Number.NaN, runs: 0, warmups: 0, cells: 0, classes: 0 };
  let cells = 0;
  let classes = 0;
  let classesDone = 0;
  const start = process.hrtime.bigint();
  const elapsedMs = () => Number(process.hrtime.bigint() - start) / 1e6;
  let first: ReturnType<typeof reachMatrix>;
  try {
    first = reachMatrix(network, {}, {}, (done, total) => {
      classes = total;
      if (done > 0 && done < total && elapsedMs() > budgetMs) {
        classesDone = done;
        throw new BudgetSpent();
      }
    });
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    const spent = elapsedMs();
    return {
      medianMs: (spent * classes) / classesDone,
      runs: 0,
      warmups: 0,
      cells: Number.NaN,
      classes,
      estimatedFrom: { classesDone, elapsedMs: spent },
    };
  }
  const firstMs = elapsedMs();
  cells = first.cells.length;
  // A first run this long is dominated by the work, not by warm-up: it is the figure.
  if (firstMs > 2000) return { medianMs: firstMs, runs: 1, warmups: 0, cells, classes };
  const timing = timeRuns(
    () => {
      const result = reachMatrix(network);
      cells = result.cells.length;
      classes = result.classes.length;
    },
    { longMs: 2000 },
  );
  return { ...timing, cells, classes };
}
