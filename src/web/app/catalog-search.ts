import type { CatalogEntry } from '../catalog.js';

const MAX_MATCHES = 8;

/** Entries whose ID, Name tag, address or detail contains the text, case-insensitively. */
export function matchEntries(entries: readonly CatalogEntry[], text: string): CatalogEntry[] {
  const needle = text.trim().toLowerCase();
  const haystack = (e: CatalogEntry) =>
    [e.id, e.name ?? '', e.detail ?? '', ...e.addresses].join(' ').toLowerCase();
  return entries.filter((e) => needle === '' || haystack(e).includes(needle)).slice(0, MAX_MATCHES);
}
