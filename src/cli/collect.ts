import { readdir } from 'node:fs/promises';
import {
  type Command,
  InvalidArgumentError,
  Option,
  type OptionValues,
} from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import {
  type AwsClientOptions,
  createAwsClientFactory,
  DEFAULT_MAX_ATTEMPTS,
  type RetryMode,
  resolveDefaultRegion,
} from '../ingest/aws-api/clients.js';
import { collectSnapshot } from '../ingest/aws-api/collect.js';
import { createTargets, type TargetOptions } from '../ingest/aws-api/targets.js';
import type { ClientFactory, CollectTarget } from '../ingest/aws-api/types.js';
import { createSnapshotWriter } from '../ingest/aws-api/writer.js';
import { formatFailure, formatSummary, startCollectProgress } from './collect-output.js';

/** Exit code of `collect` when some calls failed and the snapshot written is partial. */
export const EXIT_PARTIAL_SNAPSHOT = 3;
/** Exit code for a command line that cannot be carried out. */
export const EXIT_USAGE = 2;

/** What `collect` reaches outside the process; tests replace the AWS side with mocks. */
export interface CollectDependencies {
  createClients: (options: AwsClientOptions) => ClientFactory;
  createTargets: (options: TargetOptions) => CollectTarget[];
  resolveDefaultRegion: (profile?: string) => Promise<string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** The parsed options of `vpcreach collect`. */
export interface CollectCommandOptions {
  out: string;
  profile?: string | undefined;
  region?: string[] | undefined;
  roleArn?: string[] | undefined;
  maxAttempts: number;
  retryMode: RetryMode;
  maxInFlight: number;
  overwrite?: true | undefined;
}

const defaultDependencies: CollectDependencies = {
  createClients: createAwsClientFactory,
  createTargets,
  resolveDefaultRegion,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Adds `vpcreach collect` to a program. Exit codes: 0 complete snapshot, 3 partial snapshot
 * written (some calls failed, each reported on stderr), 2 bad usage.
 */
export function registerCollect<P extends Command<unknown[], OptionValues, OptionValues>>(
  program: P,
  dependencies: CollectDependencies = defaultDependencies,
): void {
  program
    .command('collect')
    .description('Read AWS accounts with read-only Describe/Get calls into a snapshot directory')
    .requiredOption('-o, --out <dir>', 'snapshot directory to write')
    .option('--profile <name>', 'profile of the shared AWS config files (default: SDK chain)')
    .addOption(
      new Option(
        '--region <region>',
        'region to read; repeatable (default: AWS_REGION, profile)',
      ).argParser(append),
    )
    .addOption(
      new Option('--role-arn <arn>', 'role to assume, one account each; repeatable').argParser(
        append,
      ),
    )
    .option(
      '--max-attempts <n>',
      'attempts per call, retries included',
      parseCount,
      DEFAULT_MAX_ATTEMPTS,
    )
    .addOption(
      new Option('--retry-mode <mode>', 'SDK retry mode')
        .choices(['standard', 'adaptive'] as const)
        .default('standard' as const),
    )
    .option('--max-in-flight <n>', 'calls in flight per account and region', parseCount, 4)
    .option('--overwrite', 'write into a directory that is not empty')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      process.exitCode = await runCollect(options, dependencies);
    });
}

/** Runs `collect` and returns its exit code; usage errors are printed as one line. */
export async function runCollect(
  options: CollectCommandOptions,
  dependencies: CollectDependencies,
): Promise<number> {
  try {
    return await collectAndReport(options, dependencies);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.hint === undefined ? '' : ` (${error.hint})`;
      dependencies.stderr.write(`vpcreach collect: ${error.message}${hint}\n`);
      return EXIT_USAGE;
    }
    // A file system error while writing the snapshot (no space, no permission): one line.
    if (error instanceof Error && 'code' in error && 'syscall' in error) {
      dependencies.stderr.write(`vpcreach collect: cannot write the snapshot: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

async function collectAndReport(
  options: CollectCommandOptions,
  dependencies: CollectDependencies,
): Promise<number> {
  // The SDK warns on every run under Node 20 about its future Node 22 requirement; the SDK
  // version is vpcreach's choice, not the user's, so the warning is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const regions = await chooseRegions(options, dependencies);
  await checkOutputDirectory(options);
  const targets = dependencies.createTargets({
    profile: options.profile,
    roleArns: options.roleArn ?? [],
    stsRegion: regions[0]!,
  });
  const clients = dependencies.createClients({
    maxAttempts: options.maxAttempts,
    retryMode: options.retryMode,
  });
  const progress = startCollectProgress(dependencies.stderr, dependencies.env);
  const result = await collectSnapshot({
    targets,
    regions,
    clients,
    writer: createSnapshotWriter(options.out),
    maxInFlight: options.maxInFlight,
    ...(progress.listener === undefined ? {} : { onProgress: progress.listener }),
  }).finally(() => progress.stop());
  for (const failure of result.failures) dependencies.stderr.write(`${formatFailure(failure)}\n`);
  for (const line of formatSummary(result, options.out)) dependencies.stdout.write(`${line}\n`);
  return result.complete ? 0 : EXIT_PARTIAL_SNAPSHOT;
}

async function chooseRegions(
  options: CollectCommandOptions,
  dependencies: CollectDependencies,
): Promise<string[]> {
  const regions = [...new Set(options.region ?? [])];
  if (regions.length === 0) {
    const fallback = await dependencies.resolveDefaultRegion(options.profile);
    if (fallback === undefined) {
      throw new UsageError(
        'no region to read',
        'pass --region, or set AWS_REGION or a region in the profile',
      );
    }
    regions.push(fallback);
  }
  const bad = regions.find((region) => !REGION.test(region));
  if (bad !== undefined) {
    throw new UsageError(
      `--region ${JSON.stringify(bad)} is not an AWS region name`,
      'for example us-east-1',
    );
  }
  return regions;
}

/** Refuses to mix a new snapshot into old files unless asked to. */
async function checkOutputDirectory(options: CollectCommandOptions): Promise<void> {
  const entries = await readdir(options.out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new UsageError(`--out ${JSON.stringify(options.out)} cannot be used: ${error.message}`);
  });
  if (entries.length > 0 && options.overwrite !== true) {
    throw new UsageError(
      `--out ${JSON.stringify(options.out)} is not empty`,
      'choose a new directory, or pass --overwrite to replace the files of the accounts and regions read',
    );
  }
}

function append(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a positive whole number.`);
  }
  return count;
}
