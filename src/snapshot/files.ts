import { SNAPSHOT_KEYS, type SnapshotKey } from './keys.js';
import type { Origin, Snapshot } from './snapshot.js';
import type { SourceDocument } from './validate.js';

/** One file of a snapshot as it was read: its keys with their items, and where it lives. */
export interface SnapshotFile {
  readonly origin: Origin;
  readonly document: { [key: string]: unknown[] };
}

/**
 * The snapshot split back into the files it came from, each with every item of every key it
 * held, in the order they were read. Items with no recorded origin go to `snapshot.json`.
 */
export function snapshotFiles(snapshot: Snapshot): SnapshotFile[] {
  const files = new Map<string, SnapshotFile>();
  for (const file of snapshot.files) files.set(file, { origin: { file }, document: {} });
  for (const key of Object.keys(SNAPSHOT_KEYS) as SnapshotKey[]) {
    for (const item of snapshot[key] as readonly object[]) {
      const origin = snapshot.origin.get(item) ?? { file: 'snapshot.json' };
      const known = files.get(origin.file);
      // The file list knows only names; the first item brings the account and Region.
      const entry = { origin, document: known?.document ?? {} };
      files.set(origin.file, entry);
      const list = entry.document[key] ?? [];
      list.push(item);
      entry.document[key] = list;
    }
  }
  return [...files.values()];
}

/** The files as sources for `buildSnapshot`, which validates them again. */
export function asSources(files: readonly SnapshotFile[]): SourceDocument[] {
  return files.map((file) => ({ document: file.document, origin: file.origin }));
}
