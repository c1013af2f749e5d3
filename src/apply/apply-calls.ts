import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Ec2Call } from '../analysis/fix/ec2-calls.js';
import { sendCall } from './ec2-commands.js';

/** How calls reach AWS, and what to tell the user. */
export interface ApplyOptions {
  /** A client for a Region (undefined: the default Region of the environment). */
  readonly clientFor: (region: string | undefined) => EC2Client;
  /** Make the calls for real after the dry run; without it only the dry run happens. */
  readonly real: boolean;
  readonly log: (line: string) => void;
  /** Waits between retries after throttling; injectable so tests do not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retries after throttling, on top of the SDK's own. @default 4 */
  readonly retries?: number;
}

/** What happened to each call. */
export interface ApplyReport {
  /** All calls passed the dry run (AWS answered `DryRunOperation`). */
  readonly dryRunPassed: boolean;
  readonly done: readonly Ec2Call[];
  readonly skipped: readonly Ec2Call[];
  /** The first call AWS refused, with its error, when one did. */
  readonly failed?: { readonly call: Ec2Call; readonly error: string };
}

/** Errors that mean the change is already in place (or, for an undo, already gone). */
const ALREADY = new Set([
  'InvalidPermission.Duplicate',
  'NetworkAclEntryAlreadyExists',
  'InvalidPermission.NotFound',
  'InvalidNetworkAclEntry.NotFound',
]);

const THROTTLED = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException']);

/**
 * Applies calls the careful way: a DryRun of every call first — AWS answers `DryRunOperation`
 * when the call would succeed and `UnauthorizedOperation` when the credentials may not make it —
 * and only if all pass, and only when asked, the real calls, in order. A rule or entry that
 * already exists counts as done and is skipped, so running the same fix twice is harmless.
 * Throttling is retried with backoff. Stops at the first refusal.
 */
export async function applyCalls(
  calls: readonly Ec2Call[],
  options: ApplyOptions,
): Promise<ApplyReport> {
  const skipped: Ec2Call[] = [];
  for (const call of calls) {
    const outcome = await attempt(call, { dryRun: true }, options);
    if (outcome === 'already') continue;
    if (outcome !== 'dry-run-ok' && outcome !== 'ok') {
      options.log(`dry run refused: ${describeCall(call)}: ${outcome}`);
      return { dryRunPassed: false, done: [], skipped, failed: { call, error: outcome } };
    }
  }
  options.log(`dry run: AWS would accept all ${calls.length} call(s)`);
  if (!options.real) return { dryRunPassed: true, done: [], skipped };
  const done: Ec2Call[] = [];
  for (const call of calls) {
    const outcome = await attempt(call, { dryRun: false }, options);
    if (outcome === 'ok') {
      done.push(call);
      options.log(`done: ${describeCall(call)}`);
    } else if (outcome === 'already') {
      skipped.push(call);
      options.log(`already in place, skipped: ${describeCall(call)}`);
    } else {
      options.log(`failed: ${describeCall(call)}: ${outcome}`);
      return { dryRunPassed: true, done, skipped, failed: { call, error: outcome } };
    }
  }
  return { dryRunPassed: true, done, skipped };
}

async function attempt(
  call: Ec2Call,
  { dryRun }: { dryRun: boolean },
  options: ApplyOptions,
): Promise<string> {
  const client = options.clientFor(call.region);
  const retries = options.retries ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let tries = 0; ; tries++) {
    try {
      await sendCall(client, call, { dryRun });
      return 'ok';
    } catch (error) {
      const name = errorName(error);
      if (dryRun && name === 'DryRunOperation') return 'dry-run-ok';
      if (ALREADY.has(name)) return 'already';
      if (THROTTLED.has(name) && tries < retries) {
        await sleep(200 * 2 ** tries);
        continue;
      }
      return `${name}${error instanceof Error && error.message ? `: ${error.message}` : ''}`;
    }
  }
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const named = error as { name?: unknown; Code?: unknown };
  return String(named.Code ?? named.name ?? 'Error');
}

/** One line for the log: the operation and what it acts on. */
export function describeCall(call: Ec2Call): string {
  const input = call.input;
  const target = input.GroupId ?? input.NetworkAclId;
  const rule = input.RuleNumber === undefined ? '' : ` rule ${String(input.RuleNumber)}`;
  const where = call.region === undefined ? '' : ` in ${call.region}`;
  return `${call.operation} ${String(target)}${rule}${where}`;
}
