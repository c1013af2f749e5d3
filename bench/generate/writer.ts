/**
 * Stable JSON output: object keys sorted (AWS gives them no meaningful order), arrays kept in
 * the order generated, two-space indentation and a final newline — so one seed always yields
 * byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotKey } from '../../src/snapshot/keys.js';
import { type AccountDocuments, fileNameOf } from './documents.js';

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

/** `{ "<key>": [...] }` as stable text. */
export function stringifyDocument(key: SnapshotKey, items: readonly unknown[]): string {
  return `${JSON.stringify({ [key]: items }, sortKeys, 2)}\n`;
}

/** Writes one file per key into `directory`; returns the bytes written. */
export function writeAccountDocuments(directory: string, documents: AccountDocuments): number {
  mkdirSync(directory, { recursive: true });
  let bytes = 0;
  for (const key of Object.keys(documents).sort() as SnapshotKey[]) {
    const text = stringifyDocument(key, documents[key]);
    writeFileSync(join(directory, fileNameOf(key)), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
