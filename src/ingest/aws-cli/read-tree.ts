import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../../errors.js';
import type { Origin } from '../../snapshot/snapshot.js';
import type { SourceDocument } from '../../snapshot/validate.js';
import { parseJsonFile } from '../parse-json.js';

/**
 * Reads every `.json` file under a directory, in a stable order. Files are recognised later by
 * their top-level key, never by name, so any tree of AWS CLI output works; an
 * `accounts/<account-id>/<region>/` path records which account and Region a file describes.
 */
export function readSnapshotTree(root: string): SourceDocument[] {
  const files = listJsonFiles(root).sort();
  if (files.length === 0) {
    throw new InputError({
      file: root,
      message: 'holds no .json files',
      hint: 'point --snapshot at a folder of `aws ec2 describe-*` / `aws elbv2 describe-*` outputs',
    });
  }
  return files.map((path) => {
    const file = relative(root, path) || path;
    return { document: parseJsonFile(path, file), origin: originOf(file) };
  });
}

function listJsonFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listJsonFiles(path));
    else if (entry.name.endsWith('.json') && statSync(path).isFile()) found.push(path);
  }
  return found;
}

function originOf(file: string): Origin {
  const parts = file.split(sep);
  const at = parts.indexOf('accounts');
  if (at >= 0 && parts.length > at + 3 && /^\d{12}$/.test(parts[at + 1]!)) {
    return { file, account: parts[at + 1]!, region: parts[at + 2]! };
  }
  return { file };
}

/** Reads one JSON file as a single-document snapshot (vpcreach's own one-file format). */
export function readSnapshotFile(path: string): SourceDocument[] {
  return [{ document: parseJsonFile(path, path), origin: { file: path } }];
}
