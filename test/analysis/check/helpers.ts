import { join } from 'node:path';
import { type CheckResult, checkIntents, parseIntents } from '../../../src/analysis/check/check.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';
import type { Network } from '../../../src/network/types.js';

export const EXAMPLES = join(import.meta.dirname, '../../../examples');

/** The IDs of the bundled example network (examples/README.md). */
export const EX = {
  client: 'i-0732e91f550b85803',
  clientEni: 'eni-0d6a3d84f597824be',
  endpoint: 'vpce-07a5c64d82c04e64b',
  endpointEni1: 'eni-07a16a493ea6dfe19',
  endpointEni2: 'eni-0778caa3a8c1cde49',
  service: 'vpce-svc-0a2feefb9af2299c6',
  target1: 'i-016f704c435b64dbd',
  target2: 'i-0c9b68460d2decb8b',
  target1Eni: 'eni-073856d5383d4d2ac',
  target2Eni: 'eni-09d47dda2ffd4f64a',
  clientAcl: 'acl-07adee8b9317c2ef8',
  endpointSg: 'sg-0c0e82b7fea6aca8e',
} as const;

const networks = new Map<string, Network>();

/** `privatelink` or `broken/<name>`, loaded once per test file. */
export function exampleNetwork(snapshot: string): Network {
  const known = networks.get(snapshot);
  if (known !== undefined) return known;
  const network = buildNetwork(loadSnapshot(join(EXAMPLES, snapshot)));
  networks.set(snapshot, network);
  return network;
}

/** Parses `yaml` as `intents.yaml` and checks it against an example snapshot. */
export function checkExample(snapshot: string, yaml: string): CheckResult {
  const intents = parseIntents(yaml, 'intents.yaml');
  return checkIntents(exampleNetwork(snapshot), intents, { file: 'intents.yaml' });
}

/** One intent as a YAML file. */
export function intentYaml(kind: string, body: string, name = 'the intent'): string {
  return `intents:\n  - name: ${name}\n    ${kind}: ${body}\n`;
}
