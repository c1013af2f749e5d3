import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import type { SnapshotFile } from '../../snapshot/files.js';

/** Where the snapshot was read from, and which of its files changed. */
export interface WriteTreeInput {
  /** The path the snapshot was loaded from: a directory tree or one JSON file. */
  readonly source: string;
  readonly files: readonly SnapshotFile[];
  /** Files (as `origin.file`) whose items changed; only these are written anew. */
  readonly touched: ReadonlySet<string>;
}

/**
 * Writes a snapshot back as the same tree of `describe-*` files it was read from, so the normal
 * loader reads it again: every file at its relative path (`accounts/<id>/<region>/` kept), each
 * changed file with all the items of all its keys, every other file copied byte for byte. A
 * snapshot read from one file (a Terraform plan, a template) is written as one `.json` file.
 * Returns the files written anew.
 */
export function writeSnapshotTree(input: WriteTreeInput, outDir: string): string[] {
  const sourceIsDir = statSync(input.source).isDirectory();
  const root = sourceIsDir ? input.source : dirname(input.source);
  if (resolve(outDir) === resolve(root)) {
    throw new InputError({
      file: outDir,
      message: 'is the snapshot being fixed; the patched copy must go elsewhere',
      hint: 'give --write-snapshot a new or empty folder',
    });
  }
  const written: string[] = [];
  for (const file of input.files) {
    const given = sourceIsDir ? file.origin.file : basename(file.origin.file);
    // A Terraform plan or CloudFormation template comes back as describe-* documents, which the
    // loader reads from a .json file (a .yaml name would make it read a template).
    const touched = input.touched.has(file.origin.file);
    const name = touched && !given.endsWith('.json') ? `${given}.json` : given;
    const from = sourceIsDir ? join(root, file.origin.file) : input.source;
    const to = join(outDir, name);
    if (isAbsolute(name) || relative(outDir, to).startsWith('..')) continue;
    mkdirSync(dirname(to), { recursive: true });
    if (!touched && existsSync(from)) {
      copyFileSync(from, to);
    } else {
      writeFileSync(to, `${JSON.stringify(file.document, null, 2)}\n`);
      written.push(name);
    }
  }
  return written;
}
