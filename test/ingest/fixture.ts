import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'iac');

/** The text of a fixture under test/fixtures/iac/. */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Items of one key of a snapshot document, as records. */
export function itemsOf(document: Record<string, unknown[] | undefined>, key: string) {
  return (document[key] ?? []) as Array<Record<string, unknown>>;
}

/** The item of `key` whose `idField` equals `id`; fails the test when missing. */
export function itemById(
  document: Record<string, unknown[] | undefined>,
  key: string,
  idField: string,
  id: string,
): Record<string, unknown> {
  const item = itemsOf(document, key).find((candidate) => candidate[idField] === id);
  if (item === undefined) throw new Error(`${key} has no item with ${idField} ${id}`);
  return item;
}
