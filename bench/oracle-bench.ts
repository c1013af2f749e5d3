/**
 * Runs the brute-force oracle of test/oracle/ on the same workload and questions as the engine
 * (performance.md §7: every figure gets an engine/oracle ratio that survives a noisy machine) and
 * counts verdict mismatches between the two on every trace and on a few reach questions.
 */
import type { ReachToResult } from '../src/analysis/reach/reach.js';
import type { TraceResult } from '../src/analysis/trace.js';
import {
  type OracleQuestion,
  type OracleSnapshot,
  oracleSources,
  oracleTrace,
  prepareSnapshot,
} from '../test/oracle/index.js';
import type { EngineAnswers } from './engine-bench.js';
import type { QueryMix } from './generate/queries.js';
import {
  type MixTiming,
  percentile,
  type RunTiming,
  timeMix,
  timeMs,
  timeRuns,
} from './measure.js';
import { describeReach, describeTrace, reachQuestion, traceQuestion } from './questions.js';

/** A question on which the engine and the oracle disagree. */
export interface Mismatch {
  readonly question: string;
  readonly engine: string;
  readonly oracle: string;
}

export interface OracleFigures {
  readonly load: RunTiming;
  readonly traces: MixTiming;
  readonly tracesCompared: number;
  readonly traceMismatches: readonly Mismatch[];
  readonly reach: MixTiming;
  readonly reachCompared: number;
  readonly reachMismatches: readonly Mismatch[];
}

/** Times the oracle and compares its verdicts with the engine's answers. */
export function benchOracle(
  dir: string,
  mix: QueryMix,
  engine: EngineAnswers,
  options: { reachQuestions?: number } = {},
): OracleFigures {
  const load = timeRuns(() => prepareSnapshot(dir));
  const snapshot = prepareSnapshot(dir);
  const asked = mix.traces
    .map((query, index) => ({ index, question: traceQuestion(query) }))
    .filter(({ index }) => engine.verdicts.has(index));
  const traceMismatches: Mismatch[] = [];
  // The oracle is slow enough that one timed pass, after warming up on a few questions, is the
  // figure; the same pass compares verdicts.
  for (let i = 0; i < 3; i++)
    for (const { question } of asked.slice(0, 50)) askOracle(snapshot, question);
  const latencies: number[] = [];
  for (const { index, question } of asked) {
    let oracle: TraceResult['verdict'] = 'unreachable';
    latencies.push(
      timeMs(() => {
        oracle = askOracle(snapshot, question);
      }) * 1000,
    );
    const verdict = engine.verdicts.get(index)!;
    if (oracle !== verdict)
      traceMismatches.push({ question: describeTrace(question), engine: verdict, oracle });
  }
  const total = latencies.reduce((sum, us) => sum + us, 0);
  const traces: MixTiming = {
    p50Us: percentile(latencies, 50),
    p99Us: percentile(latencies, 99),
    perSecond: latencies.length / (total / 1e6),
    queries: latencies.length,
    passes: 1,
  };
  const reachAsked = pickReach(mix, engine, options.reachQuestions ?? 5);
  const reachMismatches = reachAsked.flatMap(({ index }) =>
    compareReach(snapshot, mix, index, engine.reach.get(index)!),
  );
  const reach = timeMix(
    reachAsked,
    ({ index }) => {
      sourcesOf(snapshot, mix, index);
      return true;
    },
    { warmups: 1, passes: 3, budgetMs: 20_000 },
  );
  return {
    load,
    traces,
    tracesCompared: asked.length,
    traceMismatches,
    reach,
    reachCompared: reachAsked.length,
    reachMismatches,
  };
}

function askOracle(
  snapshot: OracleSnapshot,
  question: ReturnType<typeof traceQuestion>,
): TraceResult['verdict'] {
  const oracleQuestion: OracleQuestion = {
    from: question.from,
    to: question.to,
    protocol: question.protocol === 'udp' ? 'udp' : 'tcp',
    port: question.port ?? 0,
  };
  return oracleTrace(snapshot, oracleQuestion).verdict;
}

/** Reach questions on one port (the oracle enumerates ports one representative at a time). */
function pickReach(mix: QueryMix, engine: EngineAnswers, count: number): { index: number }[] {
  return mix.reach
    .map((query, index) => ({ query, index }))
    .filter(({ query, index }) => query.port !== undefined && engine.reach.has(index))
    .slice(0, count)
    .map(({ index }) => ({ index }));
}

function sourcesOf(snapshot: OracleSnapshot, mix: QueryMix, index: number): Set<string> {
  const query = mix.reach[index]!;
  const question = reachQuestion(query);
  const boxes = oracleSources(snapshot, question.to, {
    family: 4,
    protocol: query.protocol ?? 'tcp',
    ports: question.ports!,
  });
  return new Set(boxes.map((box) => box.eniId));
}

/** The ENIs that reach the destination per engine and per oracle must be the same. */
function compareReach(
  snapshot: OracleSnapshot,
  mix: QueryMix,
  index: number,
  engine: ReachToResult,
): Mismatch[] {
  const oracle = sourcesOf(snapshot, mix, index);
  const ours = new Set(
    engine.sources
      .filter((source) => source.reaches.some((item) => item.cidrs.some((c) => !c.includes(':'))))
      .map((source) => source.eniId),
  );
  const onlyEngine = [...ours].filter((id) => !oracle.has(id));
  const onlyOracle = [...oracle].filter((id) => !ours.has(id));
  if (onlyEngine.length === 0 && onlyOracle.length === 0) return [];
  return [
    {
      question: describeReach(reachQuestion(mix.reach[index]!)),
      engine: `${ours.size} sources, ${onlyEngine.length} not in oracle: ${onlyEngine.slice(0, 5).join(' ')}`,
      oracle: `${oracle.size} sources, ${onlyOracle.length} not in engine: ${onlyOracle.slice(0, 5).join(' ')}`,
    },
  ];
}
