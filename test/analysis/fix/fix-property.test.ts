import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { planFix } from '../../../src/analysis/fix/plan.js';
import { buildSnapshot } from '../../../src/snapshot/validate.js';
import { type Docs, IDS, item, privateLinkDocs } from '../../fixtures/privatelink-network.js';

type Json = Record<string, unknown>;

/** Every rule of the fixture's own groups and ACLs that a mistake could remove. */
const REMOVABLE = [
  ...[IDS.clientSg, IDS.endpointSg, IDS.targetSg].flatMap((id) => [
    { kind: 'sg' as const, id, member: 'IpPermissions' },
    { kind: 'sg' as const, id, member: 'IpPermissionsEgress' },
  ]),
  ...[IDS.clientAcl, IDS.endpointAcl, IDS.nlbAcl, IDS.targetAcl].flatMap((id) => [
    { kind: 'acl' as const, id, egress: false },
    { kind: 'acl' as const, id, egress: true },
  ]),
];

function breakDocs(removals: readonly (typeof REMOVABLE)[number][]): Docs {
  const docs = privateLinkDocs();
  for (const removal of removals) {
    const found = item(docs, removal.kind === 'sg' ? 'SecurityGroups' : 'NetworkAcls', removal.id);
    if (removal.kind === 'sg') found[removal.member] = [];
    else {
      found.Entries = (found.Entries as Json[]).filter(
        (e) => e.Egress !== removal.egress || e.RuleNumber === 32767,
      );
    }
  }
  return docs;
}

describe('fix repairs any combination of missing rules', () => {
  test.prop([fc.subarray(REMOVABLE, { minLength: 1 })], { numRuns: 60 })(
    'the re-trace is reachable, targets are healthy, and no rule is wider than a VPC',
    (removals) => {
      const docs = breakDocs(removals);
      const snapshot = buildSnapshot([{ document: docs, origin: { file: 'fixture.json' } }]);
      const question = { from: IDS.client, to: IDS.endpoint, port: 443 };
      const { result } = planFix(snapshot, question);
      expect(result.manual).toEqual([]);
      expect(result.after.verdict).toBe('reachable');
      expect(result.after.health.every((h) => h.healthy)).toBe(true);
      for (const change of result.changes) {
        const block =
          change.kind === 'network-acl-entry'
            ? change.rule.cidr
            : change.rule.peer.kind === 'cidr'
              ? change.rule.peer.cidr
              : '/32';
        expect(Number(block.split('/')[1])).toBeGreaterThanOrEqual(16);
      }
    },
  );
});
