import { inferAccountId, UNKNOWN_ACCOUNT } from './account-id.js';
import { createLimiter } from './limiter.js';
import { collectRegion, type RegionCollection } from './region-collector.js';
import type {
  CallFailure,
  ClientFactory,
  CollectProgressListener,
  CollectResult,
  CollectTarget,
  RegionSummary,
} from './types.js';
import type { SnapshotWriter } from './writer.js';

/** What to collect, with what, and where to write it. */
export interface CollectOptions {
  /** One entry per set of credentials (base credentials, or each assumed role). */
  targets: readonly CollectTarget[];
  regions: readonly string[];
  /** Builds the SDK clients; `createAwsClientFactory` for real accounts, mocks in tests. */
  clients: ClientFactory;
  writer: SnapshotWriter;
  /**
   * Calls in flight at once per account and region. EC2 and Elastic Load Balancing throttle
   * per account and region, so regions and accounts run side by side.
   * @default 4
   */
  maxInFlight?: number;
  onProgress?: CollectProgressListener;
}

/**
 * Reads every target account in every region with read-only `Describe*`/`Get*` calls and writes
 * the snapshot tree `accounts/<account>/<region>/<Key>.json`. A failed call is reported in the
 * result and the rest is written: the snapshot is then partial (`complete: false`).
 */
export async function collectSnapshot(options: CollectOptions): Promise<CollectResult> {
  const perTarget = await Promise.all(options.targets.map((t) => collectTarget(t, options)));
  const regions = perTarget.flatMap((result) => result.regions);
  const failures = perTarget.flatMap((result) => result.failures);
  return { complete: failures.length === 0, regions, failures };
}

async function collectTarget(
  target: CollectTarget,
  options: CollectOptions,
): Promise<Omit<CollectResult, 'complete'>> {
  const maxInFlight = options.maxInFlight ?? 4;
  const collections = await Promise.all(
    options.regions.map((region) =>
      collectRegion({
        clients: options.clients(target, region),
        target: target.label,
        region,
        limiter: createLimiter(maxInFlight),
        onProgress: options.onProgress,
      }),
    ),
  );
  const account =
    target.accountId ?? inferAccountId(collections.map((c) => c.lists)) ?? UNKNOWN_ACCOUNT;
  const regions: RegionSummary[] = [];
  const failures: CallFailure[] = [];
  for (const collection of collections) {
    regions.push(await writeCollection(options.writer, account, collection));
    failures.push(
      ...collection.failures.map((f) => ({ ...f, account, region: collection.region })),
    );
  }
  return { regions, failures };
}

async function writeCollection(
  writer: SnapshotWriter,
  account: string,
  collection: RegionCollection,
): Promise<RegionSummary> {
  const files = await writer.writeRegion(account, collection.region, collection.documents);
  const items = Object.values(collection.documents).reduce((sum, list) => sum + list.length, 0);
  return {
    account,
    region: collection.region,
    files,
    items,
    failedCalls: collection.failures.length,
  };
}
