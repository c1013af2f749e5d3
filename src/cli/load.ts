import { loadSnapshot } from '../ingest/load.js';
import { buildNetwork } from '../network/build.js';
import type { Network } from '../network/types.js';

/** Loads and resolves the snapshot a command names. */
export function loadNetwork(path: string): Network {
  return buildNetwork(loadSnapshot(path));
}
