import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlockedItem } from '../../src/analysis/blocked.js';
import { traceFlow } from '../../src/analysis/trace.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';

interface Expected {
  verdict: string;
  blocked: Array<Record<string, unknown>>;
  paths: Array<{ endpointEni: string; target: string | null; verdict: string }>;
}

const root = join(import.meta.dirname, '../../examples');
const expectations = JSON.parse(readFileSync(join(root, 'expectations.json'), 'utf8')) as {
  question: { from: string; to: string; port: number; sourcePorts: { from: number; to: number } };
  examples: Array<Expected & { name: string; snapshot: string }>;
};

const FILTERS = new Set(['security-group', 'network-acl']);

/** Filters are compared field by field; gates by kind and code (their component is a choice). */
function comparable(item: Record<string, unknown>): Record<string, unknown> {
  if (!FILTERS.has(String(item.kind))) return { kind: item.kind, code: item.code };
  return {
    kind: item.kind,
    component: item.component,
    securityGroups: item.securityGroups ?? null,
    direction: item.direction,
    path: item.path,
    rule: item.rule ?? null,
    code: item.code,
  };
}

function unique(items: Record<string, unknown>[]) {
  const seen = new Map(items.map((i) => [JSON.stringify(i), i]));
  return [...seen.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('the bundled examples trace to their documented outcome', () => {
  for (const expected of expectations.examples) {
    it(`${expected.name}: ${expected.verdict}`, () => {
      const dir = join(root, expected.snapshot);
      const result = traceFlow(buildNetwork(loadSnapshot(dir)), expectations.question);
      expect(result.verdict).toBe(expected.verdict);
      const actual = unique(
        result.blocked.map((b: BlockedItem) => comparable(b as unknown as Record<string, unknown>)),
      );
      expect(actual).toEqual(unique(expected.blocked.map(comparable)));
      // A path that stops before the NLB is expected without a target; vpcreach still follows
      // it to every target, so that every blocking hop is reported, with the same verdict.
      const paths = result.paths.map((p) => {
        const stopsEarly = expected.paths.some(
          (e) => e.target === null && e.endpointEni === p.waypoints.endpoint?.eniId,
        );
        return {
          endpointEni: p.waypoints.endpoint?.eniId,
          target: stopsEarly ? null : (p.waypoints.target?.id ?? null),
          verdict: p.verdict,
        };
      });
      expect(unique(paths)).toEqual(unique(expected.paths));
    });
  }
});
