/**
 * Public entry points: `generateWorkload` returns a workload's documents in memory (tests,
 * in-process benchmarks); `writeWorkload` renders and writes one account at a time, so W3 never
 * holds all its JSON at once. A single-account workload is written flat into the output
 * directory; several accounts go to `accounts/<account-id>/us-east-1/`, as `collect` writes them.
 */
import { join } from 'node:path';
import { sliceByAccount } from './account-slices.js';
import { type AccountDocuments, renderAccount } from './documents.js';
import { generateModel } from './generate-model.js';
import { REGION } from './ids.js';
import { createLookups } from './lookups.js';
import type { NetworkModel } from './model.js';
import { computeStats, type WorkloadStats } from './stats.js';
import type { WorkloadName, WorkloadSpec } from './workload-spec.js';
import { W1 } from './workloads/w1.js';
import { W2 } from './workloads/w2.js';
import { W3 } from './workloads/w3.js';
import { W4 } from './workloads/w4.js';
import { writeAccountDocuments } from './writer.js';

/** The four workload specs by name. */
export const WORKLOADS: Readonly<Record<WorkloadName, WorkloadSpec>> = { W1, W2, W3, W4 };

/** One account's rendered documents and where they are written. */
export interface GeneratedAccount {
  readonly accountId: string;
  /** Directory of this account's files relative to the output root (`''` when flat). */
  readonly directory: string;
  readonly documents: AccountDocuments;
}

/** A generated workload: spec, seed, model, documents and realized statistics. */
export interface GeneratedWorkload {
  readonly spec: WorkloadSpec;
  readonly seed: number;
  readonly model: NetworkModel;
  readonly accounts: GeneratedAccount[];
  readonly stats: WorkloadStats;
}

/** Whether `name` is one of W1–W4. */
export function isWorkloadName(name: string): name is WorkloadName {
  return Object.hasOwn(WORKLOADS, name);
}

function accountDirectory(model: NetworkModel, accountId: string): string {
  return model.accounts.length === 1 ? '' : join('accounts', accountId, REGION);
}

/** Generates a workload and renders every account's documents in memory. */
export function generateWorkload(name: WorkloadName, seed: number): GeneratedWorkload {
  return generateFromSpec(WORKLOADS[name], seed);
}

/** As `generateWorkload`, for a spec of one's own (a scaled-down W2 in tests, say). */
export function generateFromSpec(spec: WorkloadSpec, seed: number): GeneratedWorkload {
  const model = generateModel(spec, seed);
  const lookups = createLookups(model);
  const accounts = sliceByAccount(model).map((slice) => ({
    accountId: slice.accountId,
    directory: accountDirectory(model, slice.accountId),
    documents: renderAccount(lookups, slice),
  }));
  return { spec, seed, model, accounts, stats: computeStats(model) };
}

/** What `writeWorkload` wrote, with the realized statistics. */
export interface WriteResult {
  readonly model: NetworkModel;
  readonly stats: WorkloadStats;
  readonly files: number;
  readonly bytes: number;
}

/** Generates a workload and writes its tree under `outDir`, one account at a time. */
export function writeWorkload(options: {
  name: WorkloadName;
  seed: number;
  outDir: string;
  /** Overrides the named workload's spec. */
  spec?: WorkloadSpec;
}): WriteResult {
  const model = generateModel(options.spec ?? WORKLOADS[options.name], options.seed);
  const lookups = createLookups(model);
  let files = 0;
  let bytes = 0;
  for (const slice of sliceByAccount(model)) {
    const documents = renderAccount(lookups, slice);
    bytes += writeAccountDocuments(
      join(options.outDir, accountDirectory(model, slice.accountId)),
      documents,
    );
    files += Object.keys(documents).length;
  }
  return { model, stats: computeStats(model), files, bytes };
}
