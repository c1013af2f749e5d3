/**
 * Reads a written workload tree back into per-account documents, recognising each file by its
 * top-level key, as the snapshot loader does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSnapshotKey, type SnapshotKey } from '../../src/snapshot/keys.js';
import type { AccountDocs } from './check-integrity.js';

function jsonFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

/** One entry per directory holding JSON files; the account ID is taken from `accounts/<id>/`. */
export function readWorkloadTree(root: string): AccountDocs[] {
  const byDirectory = new Map<string, Partial<Record<SnapshotKey, unknown[]>>>();
  for (const file of jsonFiles(root).sort()) {
    const directory = relative(root, join(file, '..'));
    const documents = byDirectory.get(directory) ?? {};
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>;
    for (const [key, items] of Object.entries(parsed))
      if (isSnapshotKey(key)) documents[key] = items;
    byDirectory.set(directory, documents);
  }
  return [...byDirectory.entries()].map(([directory, documents]) => ({
    accountId: directory.split('/')[1] ?? 'single',
    documents,
  }));
}
