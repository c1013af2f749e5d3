/**
 * `npm run bench`: generates W1, W2 and W4 (W3 with `--w3`) from a fixed seed, measures each
 * with the real loader in a child process of its own (so peak RSS is the engine's alone, not
 * the generator's or an earlier workload's), and prints one table per workload with the goals of
 * performance.md §7. On W1 the brute-force oracle answers the same questions.
 *
 *   npm run bench                      # W1, W2, W4
 *   npm run bench -- --w3              # and W3
 *   npm run bench -- --only W1,W4      # just these
 *   npm run -s bench -- --json         # one JSON document on stdout
 *   npm run bench -- --seed 2          # another seed (1 by default)
 *   npm run bench -- --no-matrix       # leave out the all-pairs matrix (the slowest figure)
 *   npm run bench -- --matrix-budget 60  # stop a matrix after 60 s and estimate it (default 600)
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchEngine } from './engine-bench.js';
import { writeWorkload } from './generate/generate.js';
import { generateQueryMix, type QueryMix } from './generate/queries.js';
import type { WorkloadName } from './generate/workload-spec.js';
import { benchOracle } from './oracle-bench.js';
import { renderTable, type WorkloadResult } from './report.js';

interface Options {
  readonly workloads: WorkloadName[];
  readonly json: boolean;
  readonly seed: number;
  /** Seconds the all-pairs matrix may take before it is stopped and estimated; 0 skips it. */
  readonly matrixBudget: number;
}

function parseArgs(argv: readonly string[]): Options {
  let workloads: WorkloadName[] = ['W1', 'W2', 'W4'];
  let json = false;
  let seed = 1;
  let matrixBudget = 600;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--w3') workloads = [...workloads, 'W3'];
    else if (arg === '--only') workloads = parseNames(argv[++i] ?? '');
    else if (arg === '--seed') seed = Number(argv[++i]);
    else if (arg === '--no-matrix') matrixBudget = 0;
    else if (arg === '--matrix-budget') matrixBudget = Number(argv[++i]);
    else usage(`unknown option ${arg}`);
  }
  if (!Number.isInteger(seed)) usage('--seed takes an integer');
  if (!(matrixBudget >= 0)) usage('--matrix-budget takes a number of seconds');
  return { workloads, json, seed, matrixBudget };
}

function parseNames(text: string): WorkloadName[] {
  const names = text.split(',').map((name) => name.trim().toUpperCase());
  for (const name of names)
    if (!['W1', 'W2', 'W3', 'W4'].includes(name)) usage(`no workload ${name}`);
  return names as WorkloadName[];
}

function usage(message: string): never {
  console.error(
    `bench: ${message}\nusage: npm run bench -- [--w3] [--only W1,W4] [--json] [--seed N] ` +
      '[--no-matrix | --matrix-budget S]',
  );
  process.exit(2);
}

/** Generates one workload into a temporary directory and measures it in a child process. */
async function runWorkload(
  name: WorkloadName,
  seed: number,
  matrixBudget: number,
): Promise<WorkloadResult> {
  const root = mkdtempSync(join(tmpdir(), `vpcreach-bench-${name}-`));
  try {
    const dir = join(root, 'snapshot');
    const written = writeWorkload({ name, seed, outDir: dir });
    const mix = generateQueryMix(written.model, { seed });
    const mixFile = join(root, 'queries.json');
    writeFileSync(mixFile, JSON.stringify(mix));
    const stats = {
      enis: written.model.enis.length,
      files: written.files,
      megabytes: written.bytes / 1e6,
    };
    const measured = await inChild(name, dir, mixFile, matrixBudget);
    return { workload: name, seed, stats, ...measured };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

type Measured = Pick<WorkloadResult, 'engine' | 'oracle'>;

function inChild(
  name: WorkloadName,
  dir: string,
  mixFile: string,
  matrixBudget: number,
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    // A heap ceiling well above the goals, so a workload that misses them is still measured
    // rather than stopped by V8's default limit.
    const child = fork(process.argv[1]!, ['--child', name, dir, mixFile, String(matrixBudget)], {
      stdio: 'inherit',
      execArgv: [...process.execArgv, '--max-old-space-size=16384'],
    });
    let result: Measured | undefined;
    child.on('message', (message) => {
      result = message as Measured;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`${name}: the measuring process exited with code ${code}`));
    });
  });
}

/** The child: measure the engine (and on W1 the oracle) and send the figures back. */
function measureChild(name: string, dir: string, mixFile: string, matrixBudget: number): void {
  const mix = JSON.parse(readFileSync(mixFile, 'utf8')) as QueryMix;
  const { figures, answers } = benchEngine(dir, mix, { matrixBudgetMs: matrixBudget * 1000 });
  const oracle = name === 'W1' ? benchOracle(dir, mix, answers) : undefined;
  process.send!({ engine: figures, oracle } satisfies Measured, () => process.exit(0));
}

function machine(): string {
  const cpu = cpus();
  const memory = (totalmem() / 2 ** 30).toFixed(1);
  const load = loadavg()[0]!.toFixed(1);
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${memory} GiB, Node ${process.version}, load average ${load} at start`;
}

function printText(result: WorkloadResult, w1: WorkloadResult | undefined): void {
  const { stats, engine, oracle } = result;
  console.log(
    `\n### ${result.workload} (seed ${result.seed}: ${stats.enis} ENIs, ${stats.files} files, ${stats.megabytes.toFixed(1)} MB)\n`,
  );
  console.log(renderTable(result, w1));
  console.log(
    `\nThe measuring process got ${(engine.cpuShare * 100).toFixed(0)}% of one core (CPU time over wall time).`,
  );
  const refusals = [...engine.traces.refused, ...engine.reach.refused];
  console.log(
    `\nRefused as usage errors: ${engine.traces.refused.length} traces, ${engine.reach.refused.length} reach questions; timed: ${engine.traces.queries} traces, ${engine.reach.queries} reach questions (${engine.reach.passes} passes).`,
  );
  for (const refusal of firstByMessage(refusals))
    console.log(`  - ${refusal.question}: ${refusal.message}`);
  for (const m of [...(oracle?.traceMismatches ?? []), ...(oracle?.reachMismatches ?? [])].slice(
    0,
    20,
  ))
    console.log(`  mismatch: ${m.question}: engine ${m.engine}, oracle ${m.oracle}`);
}

function firstByMessage<T extends { message: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const key = item.message.replace(/\S*-[0-9a-f]{8,}\S*/g, 'ID');
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--child') return measureChild(argv[1]!, argv[2]!, argv[3]!, Number(argv[4]));
  const options = parseArgs(argv);
  const results: WorkloadResult[] = [];
  if (!options.json) console.log(`Machine: ${machine()}`);
  for (const name of ['W1', 'W2', 'W3', 'W4'] as const) {
    if (!options.workloads.includes(name)) continue;
    if (!options.json) console.error(`bench: ${name}…`);
    const result = await runWorkload(name, options.seed, options.matrixBudget);
    results.push(result);
    if (!options.json)
      printText(
        result,
        results.find((r) => r.workload === 'W1'),
      );
  }
  if (options.json) console.log(JSON.stringify({ machine: machine(), results }, null, 2));
}

await main(process.argv.slice(2));
