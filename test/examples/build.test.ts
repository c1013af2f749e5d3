import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, GENERATED_DIRECTORIES, renderExampleFiles } from '../../examples/build.js';
import { isSnapshotKey } from '../../src/snapshot/keys.js';

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** Every committed file the generator owns, keyed by its path relative to `examples/`. */
function readCommittedFiles(): Map<string, string> {
  const paths = [
    ...GENERATED_DIRECTORIES.flatMap((d) => listFiles(join(EXAMPLES_DIR, d))),
    join(EXAMPLES_DIR, 'expectations.json'),
    join(EXAMPLES_DIR, 'README.md'),
  ];
  const files = new Map<string, string>();
  for (const path of paths) {
    files.set(relative(EXAMPLES_DIR, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

/** The snapshot root (`privatelink`, `broken/<name>`) of a file, or the file itself. */
function rootOf(path: string): string {
  return path.split('/accounts/')[0] ?? path;
}

const generated = renderExampleFiles();
const committed = readCommittedFiles();
const roots = [...new Set([...generated.keys()].map(rootOf))].sort();

function filesUnder(files: Map<string, string>, root: string): [string, string][] {
  return [...files]
    .filter(([path]) => rootOf(path) === root)
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('committed examples', () => {
  it.each(roots)('%s is exactly what `npx tsx examples/build.ts` writes now', (root) => {
    expect(filesUnder(committed, root)).toEqual(filesUnder(generated, root));
  });

  it('hold no file the generator no longer writes', () => {
    expect([...committed.keys()].filter((path) => !generated.has(path))).toEqual([]);
  });

  it('include the correct network and at least fifteen broken variants', () => {
    expect(roots).toContain('privatelink');
    expect(roots.filter((root) => root.startsWith('broken/')).length).toBeGreaterThanOrEqual(15);
  });
});

function snapshotKeysOf(text: string): string[] {
  const document: unknown = JSON.parse(text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return [];
  return Object.entries(document)
    .filter(([, value]) => Array.isArray(value))
    .map(([key]) => key);
}

describe('every snapshot file', () => {
  const snapshotRoots = roots.filter(
    (root) => root === 'privatelink' || root.startsWith('broken/'),
  );

  it.each(snapshotRoots)('of %s holds one known key, named like the file', (root) => {
    for (const [path, text] of filesUnder(committed, root)) {
      const keys = snapshotKeysOf(text);
      expect(keys, path).toHaveLength(1);
      expect(Object.keys(JSON.parse(text)), path).toEqual(keys);
      expect(isSnapshotKey(keys[0] ?? ''), path).toBe(true);
      expect(basename(path), path).toBe(`${keys[0]}.json`);
    }
  });

  it.each(snapshotRoots)('of %s is pretty JSON under accounts/<id>/us-east-1/', (root) => {
    for (const [path, text] of filesUnder(committed, root)) {
      expect(text, path).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(path).toMatch(/^[a-z0-9/-]+\/accounts\/\d{12}\/us-east-1\/[A-Za-z]+\.json$/);
    }
  });
});
