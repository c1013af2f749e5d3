/**
 * Writes a benchmark workload as a snapshot tree and prints its realized statistics: JSON on
 * stdout, a short table on stderr.
 *
 *   npx tsx bench/generate/cli.ts --workload W1 --seed 1 --out DIR [--check] [--queries FILE]
 *
 * `--check` reads the tree back and verifies its integrity; `--queries` writes the seeded query
 * mix (traces, who-can-reach targets, rule edits) to FILE, which must lie outside DIR.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { checkIntegrity } from './check-integrity.js';
import { isWorkloadName, writeWorkload } from './generate.js';
import { generateQueryMix } from './queries.js';
import { readWorkloadTree } from './read-back.js';
import type { WorkloadStats } from './stats.js';

const USAGE =
  'usage: npx tsx bench/generate/cli.ts --workload W1|W2|W3|W4 [--seed N] --out DIR [--check] [--queries FILE]';

function statsTable(stats: WorkloadStats): string {
  const table = new Table({ head: ['statistic', 'value'], style: { head: [], border: [] } });
  const c = stats.counts;
  const r = stats.sgRulesPerGroup;
  table.push(
    ['accounts / VPCs / subnets', `${c.accounts} / ${c.vpcs} / ${c.subnets}`],
    [
      'ENIs (instance, Lambda, ECS, endpoint, NLB)',
      `${c.enis} (${[c.instanceEnis, c.lambdaEnis, c.ecsEnis, c.endpointEnis, c.nlbNodeEnis].join(', ')})`,
    ],
    ['security groups / rules', `${c.securityGroups} / ${c.sgRules}`],
    ['SG rules per group median / p99 / max', `${r.median} / ${r.p99} / ${r.max}`],
    [
      'SG-reference share / prefix-list share',
      `${pct(stats.sgReferenceShare)} / ${pct(stats.prefixListRuleShare)}`,
    ],
    ['SGs per workload ENI mean / max', `${stats.sgsPerEni.mean} / ${stats.sgsPerEni.max}`],
    ['max rules x SGs on one ENI', String(stats.maxEniRuleProduct)],
    [
      'custom NACLs, rules per direction mean / max',
      `${c.networkAcls}, ${stats.naclRulesPerDirection.mean} / ${stats.naclRulesPerDirection.max}`,
    ],
    [
      'endpoint services / interface endpoints / AWS-service endpoints',
      `${c.endpointServices} / ${c.interfaceEndpoints} / ${c.awsServiceEndpoints}`,
    ],
    ['prefix lists (entries)', `${c.prefixLists} (${c.prefixListEntries})`],
    ['dual-stack ENI share', pct(stats.dualStackShare)],
    ['port atoms', String(stats.portAtoms)],
    ['IP atoms IPv4 / IPv6', `${stats.ipAtoms.ipv4} / ${stats.ipAtoms.ipv6}`],
    ['classes / class compression', `${stats.classes} / ${stats.classCompression}`],
  );
  return table.toString();
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function parseOptions() {
  return parseArgs({
    options: {
      workload: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
      queries: { type: 'string' },
    },
  }).values;
}

function main(): number {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const seed = Number(values.seed);
  if (
    !values.workload ||
    !isWorkloadName(values.workload) ||
    !values.out ||
    !Number.isInteger(seed)
  ) {
    console.error(USAGE);
    return 2;
  }
  const started = process.hrtime.bigint();
  const result = writeWorkload({ name: values.workload, seed, outDir: values.out });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const problems = values.check ? checkIntegrity(readWorkloadTree(values.out)) : [];
  if (values.queries) {
    // Outside the snapshot tree: a loader would not recognise its top-level keys.
    const mix = generateQueryMix(result.model, { seed });
    writeFileSync(values.queries, `${JSON.stringify(mix, null, 2)}\n`);
  }
  const summary = {
    workload: values.workload,
    seed,
    files: result.files,
    bytes: result.bytes,
    seconds: Number(seconds.toFixed(2)),
    ...(values.check ? { integrityProblems: problems } : {}),
    stats: result.stats,
  };
  console.log(JSON.stringify(summary, null, 2));
  console.error(statsTable(result.stats));
  console.error(
    `${result.files} files, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`,
  );
  for (const problem of problems) console.error(`integrity: ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();
