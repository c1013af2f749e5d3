import yoctoSpinner from 'yocto-spinner';
import type {
  CallFailure,
  CollectProgressListener,
  CollectResult,
} from '../ingest/aws-api/types.js';

/** A progress display that can be stopped before the final report is printed. */
export interface CollectProgress {
  listener: CollectProgressListener | undefined;
  stop(): void;
}

/**
 * A spinner on stderr naming the account, region and call in flight, with running counts.
 * Only on an interactive terminal: when stderr is a file or a pipe, `TERM=dumb` or `CI` is set,
 * nothing is drawn, so logs stay clean.
 */
export function startCollectProgress(
  stderr: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv = process.env,
): CollectProgress {
  const interactive = stderr.isTTY === true && env.TERM !== 'dumb' && !('CI' in env);
  if (!interactive) return { listener: undefined, stop: () => {} };
  const spinner = yoctoSpinner({ text: 'Collecting', stream: stderr }).start();
  let calls = 0;
  let items = 0;
  let failed = 0;
  const listener: CollectProgressListener = (event) => {
    if (event.kind === 'call-finished') [calls, items] = [calls + 1, items + event.items];
    if (event.kind === 'call-failed') [calls, failed] = [calls + 1, failed + 1];
    const counts = `${calls} calls, ${items} items${failed > 0 ? `, ${failed} failed` : ''}`;
    spinner.text = `${event.target} ${event.region}: ${event.call} (${counts})`;
  };
  return { listener, stop: () => spinner.stop() };
}

/** `DescribeSecurityGroups failed in 111122223333 us-east-1: UnauthorizedOperation: ...` */
export function formatFailure(failure: CallFailure): string {
  const resource = failure.resource === undefined ? '' : ` for ${failure.resource}`;
  const message = failure.message === '' ? '' : `: ${failure.message}`;
  return `${failure.call}${resource} failed in ${failure.account} ${failure.region}: ${failure.code}${message}`;
}

/** One line per account/region, then whether the snapshot is complete. */
export function formatSummary(result: CollectResult, outDir: string): string[] {
  const lines = result.regions.map(
    (r) =>
      `${r.account} ${r.region}: ${r.files.length} files, ${r.items} items, ${r.failedCalls} failed calls`,
  );
  const failed = result.failures.length;
  lines.push(
    result.complete
      ? `Snapshot written to ${outDir} (complete).`
      : `Partial snapshot written to ${outDir}: ${failed} ${failed === 1 ? 'call' : 'calls'} failed.`,
  );
  return lines;
}
