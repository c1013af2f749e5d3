/**
 * Reads generated documents back, independently of the generator's model, and indexes them so
 * integrity checks can resolve every reference the way a loader would.
 */
import type { SnapshotKey } from '../../src/snapshot/keys.js';

/** One account's documents, as generated or as read back from disk. */
export interface AccountDocs {
  readonly accountId: string;
  readonly documents: Partial<Record<SnapshotKey, unknown[]>>;
}

/** Merged documents of all accounts, indexes by ID, and the problems found. */
export class IntegrityContext {
  readonly problems: string[] = [];
  readonly byKey = new Map<SnapshotKey, unknown[]>();
  /** Items of a key with the account whose directory held them. */
  readonly owners = new Map<unknown, string>();
  readonly index = new Map<string, Map<string, unknown>>();

  constructor(accounts: readonly AccountDocs[]) {
    for (const account of accounts) {
      for (const [key, items] of Object.entries(account.documents) as [SnapshotKey, unknown[]][]) {
        const list = this.byKey.get(key) ?? [];
        for (const item of items) {
          list.push(item);
          this.owners.set(item, account.accountId);
        }
        this.byKey.set(key, list);
      }
    }
  }

  /** The items of `key`, seen through the fields a check reads (the shapes in integrity-shapes). */
  items<T>(key: SnapshotKey): T[] {
    return (this.byKey.get(key) ?? []) as T[];
  }

  /** Indexes `key`'s items by `field`, reporting duplicates. */
  indexBy<T>(key: SnapshotKey, field: keyof T & string): Map<string, T> {
    const map = new Map<string, T>();
    for (const item of this.items<T>(key)) {
      const id = item[field] as string;
      if (map.has(id)) this.fail(`${key}: duplicate ${field} ${id}`);
      map.set(id, item);
    }
    this.index.set(`${key}.${field}`, map);
    return map;
  }

  get<T>(key: SnapshotKey, field: keyof T & string, id: string): T | undefined {
    return this.index.get(`${key}.${field}`)?.get(id) as T | undefined;
  }

  /** Reports `message` unless `condition` holds. */
  expect(condition: boolean, message: string): void {
    if (!condition) this.fail(message);
  }

  fail(message: string): void {
    // Cap the list: one broken generator can produce thousands of identical complaints.
    if (this.problems.length < 200) this.problems.push(message);
  }
}
