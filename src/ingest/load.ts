import { existsSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { buildSnapshot, type SourceDocument } from '../snapshot/validate.js';
import { readSnapshotFile, readSnapshotTree } from './aws-cli/read-tree.js';

/**
 * Loads a snapshot from a path: a directory tree of AWS CLI `describe-*` JSON files (with
 * optional `accounts/<id>/<region>/` subtrees), or one JSON file holding several of those
 * top-level keys (vpcreach's own one-file format).
 */
export function loadSnapshot(path: string): Snapshot {
  return buildSnapshot(readSources(path));
}

export function readSources(path: string): SourceDocument[] {
  if (!existsSync(path)) {
    throw new InputError({
      file: path,
      message: 'does not exist',
      hint: 'give --snapshot a folder of describe-* JSON files or a snapshot .json file',
    });
  }
  return statSync(path).isDirectory() ? readSnapshotTree(path) : readSnapshotFile(path);
}
