import type { SnapshotDocument, SnapshotKey } from '../../snapshot/keys.js';
import { describeCallError } from './call-error.js';
import type { Limiter } from './limiter.js';
import {
  LIST_CALLS,
  LIST_KEYS,
  type ListedItems,
  type ListKey,
  type RegionLists,
} from './list-calls.js';
import {
  RESOURCE_CALLS,
  WRAPPER_KEYS,
  type WrapperItems,
  type WrapperKey,
} from './resource-calls.js';
import type { AwsClients, CallFailure, CollectProgressListener } from './types.js';

/** A failed call before it is known which account folder the region goes to. */
export type RegionFailure = Omit<CallFailure, 'account' | 'region'>;

/** Everything read in one account and region: the documents and the calls that failed. */
export interface RegionCollection {
  region: string;
  documents: SnapshotDocument;
  /** Region-wide lists, typed, for finding the account ID. */
  lists: RegionLists;
  failures: RegionFailure[];
}

/** One account/region to read: its clients, its limiter, and where progress goes. */
export interface CollectRegionOptions {
  clients: AwsClients;
  /** The target's label, for progress events. */
  target: string;
  region: string;
  limiter: Limiter;
  onProgress?: CollectProgressListener | undefined;
}

interface RegionContext extends CollectRegionOptions {
  lists: RegionLists;
  wrappers: { [K in WrapperKey]?: WrapperItems[K][] };
  failures: RegionFailure[];
}

interface CallName {
  key: SnapshotKey;
  call: string;
  resource?: string;
}

/**
 * Reads one account/region: first the region-wide `Describe*` lists, then the per-resource
 * calls that need IDs or ARNs from them. A failed call is recorded and the rest goes on; a
 * per-resource call whose list failed is not made (the list's failure already says why).
 */
export async function collectRegion(options: CollectRegionOptions): Promise<RegionCollection> {
  const context: RegionContext = { ...options, lists: {}, wrappers: {}, failures: [] };
  await Promise.all(LIST_KEYS.map((key) => runListCall(key, context)));
  await Promise.all(WRAPPER_KEYS.map((key) => runResourceCalls(key, context)));
  const documents: SnapshotDocument = { ...context.lists, ...context.wrappers };
  return { region: options.region, documents, lists: context.lists, failures: context.failures };
}

async function runListCall<K extends ListKey>(key: K, context: RegionContext): Promise<void> {
  const { call, run } = LIST_CALLS[key];
  const items = await attempt(context, { key, call }, () => run(context.clients));
  // Narrowed to the one key, so the mapped type accepts this key's item type.
  const lists: { [P in K]?: ListedItems[P][] } = context.lists;
  if (items !== undefined) lists[key] = items;
}

async function runResourceCalls<K extends WrapperKey>(
  key: K,
  context: RegionContext,
): Promise<void> {
  const { call, resources, run } = RESOURCE_CALLS[key];
  const ids = resources(context.lists);
  if (ids === undefined) return;
  const results = await Promise.all(
    ids.map((id) => attempt(context, { key, call, resource: id }, () => run(context.clients, id))),
  );
  const wrappers: { [P in K]?: WrapperItems[P][] } = context.wrappers;
  wrappers[key] = results.filter((item) => item !== undefined);
}

/** Runs one call under the limiter; a failure is recorded and answered with undefined. */
async function attempt<T>(
  context: RegionContext,
  name: CallName,
  task: () => Promise<T>,
): Promise<T | undefined> {
  const where = { target: context.target, region: context.region, call: name.call };
  return context.limiter(async () => {
    context.onProgress?.({ kind: 'call-started', ...where });
    try {
      const result = await task();
      const items = Array.isArray(result) ? result.length : 1;
      context.onProgress?.({ kind: 'call-finished', ...where, items });
      return result;
    } catch (error) {
      const { code, message } = describeCallError(error);
      context.failures.push({ ...name, code, message });
      context.onProgress?.({ kind: 'call-failed', ...where, code });
      return undefined;
    }
  });
}
