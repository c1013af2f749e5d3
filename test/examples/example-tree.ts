import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../examples/build.js';
import { ip } from '../../src/net/address.js';
import { cidr, cidrContains } from '../../src/net/cidr.js';

/** A JSON object from an AWS response, read loosely: the tests check its shape themselves. */
export type Item = Record<string, unknown>;

/** One account of an example snapshot: each top-level key with the list it holds. */
export interface AccountTree {
  id: string;
  docs: Map<string, Item[]>;
}

/** The accounts of one example snapshot, read from `examples/<root>/accounts/<id>/us-east-1/`. */
export function readExampleTree(root: string): AccountTree[] {
  const accountsDir = join(EXAMPLES_DIR, root, 'accounts');
  return readdirSync(accountsDir).map((id) => {
    const regionDir = join(accountsDir, id, 'us-east-1');
    const docs = new Map<string, Item[]>();
    for (const file of readdirSync(regionDir)) {
      const doc = JSON.parse(readFileSync(join(regionDir, file), 'utf8')) as Record<string, Item[]>;
      for (const [key, items] of Object.entries(doc)) docs.set(key, items);
    }
    return { id, docs };
  });
}

/** The list an account holds under one top-level key (empty when absent). */
export function itemsOf(account: AccountTree, key: string): Item[] {
  return account.docs.get(key) ?? [];
}

/** Every item of `key` across all accounts of the snapshot. */
export function allItems(tree: AccountTree[], key: string): Item[] {
  return tree.flatMap((account) => itemsOf(account, key));
}

/** A string field of an item, or `''`. */
export function str(item: Item | undefined, field: string): string {
  const value = item?.[field];
  return typeof value === 'string' ? value : '';
}

/** A list-of-objects field of an item, or `[]`. */
export function list(item: Item | undefined, field: string): Item[] {
  const value = item?.[field];
  return Array.isArray(value) ? (value as Item[]) : [];
}

/** A list-of-strings field of an item, or `[]`. */
export function strings(item: Item | undefined, field: string): string[] {
  const value = item?.[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The first item whose string field equals the value. */
export function byField(items: Item[], field: string, value: string): Item | undefined {
  return items.find((item) => str(item, field) === value);
}

/** Every (field name, string value) pair in a JSON tree, depth first. */
export function walkStrings(value: unknown, field = ''): [string, string][] {
  if (typeof value === 'string') return [[field, value]];
  if (Array.isArray(value)) return value.flatMap((v) => walkStrings(v, field));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => walkStrings(v, k));
  }
  return [];
}

/** Whether an address lies in a CIDR block. */
export function inCidr(address: string, block: string): boolean {
  return cidrContains(cidr(block), ip(address));
}
