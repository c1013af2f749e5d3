import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SNAPSHOT_KEYS, type SnapshotDocument, type SnapshotKey } from '../../snapshot/keys.js';
import { toCliJson } from './cli-json.js';

/** Writes the files of one account/region of a snapshot directory. */
export interface SnapshotWriter {
  /**
   * Writes `accounts/<account>/<region>/<Key>.json` for each key present, and removes the file
   * of any other key left there by an earlier run, so a failed call never leaves stale data
   * behind. Returns the written paths, relative to the output directory, in key order.
   */
  writeRegion(account: string, region: string, document: SnapshotDocument): Promise<string[]>;
}

const KEYS = Object.keys(SNAPSHOT_KEYS) as SnapshotKey[];

/** `{"<Key>": [...]}` as the AWS CLI prints it (4-space indent, CLI timestamps), plus newline. */
export function formatSnapshotFile(key: SnapshotKey, items: readonly unknown[]): string {
  return `${JSON.stringify({ [key]: toCliJson(items) }, null, 4)}\n`;
}

/** The writer for a snapshot directory rooted at `outDir`. */
export function createSnapshotWriter(outDir: string): SnapshotWriter {
  return {
    async writeRegion(account, region, document) {
      const relativeDir = path.join('accounts', account, region);
      const dir = path.join(outDir, relativeDir);
      await mkdir(dir, { recursive: true });
      const written: string[] = [];
      for (const key of KEYS) {
        const file = path.join(dir, `${key}.json`);
        const items = document[key];
        if (items === undefined) {
          await rm(file, { force: true });
          continue;
        }
        await writeFileAtomically(file, formatSnapshotFile(key, items));
        written.push(path.join(relativeDir, `${key}.json`));
      }
      return written;
    },
  };
}

/** A reader never sees half a file: write beside it, then rename over it. */
async function writeFileAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text, 'utf8');
  await rename(partial, file);
}
