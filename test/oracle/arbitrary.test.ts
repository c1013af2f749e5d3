import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { scenarioArb, scenarioWithQuestionArb } from './arbitrary.js';
import { oracleTrace, prepareSnapshot } from './evaluate.js';

describe('oracle arbitraries', () => {
  test.prop([scenarioWithQuestionArb()], { numRuns: 300 })(
    'produce snapshots and questions the oracle traces without throwing',
    ({ scenario, question }) => {
      const answer = oracleTrace(scenario.raw, question);
      expect(answer.paths.length).toBeGreaterThan(0);
      for (const path of answer.paths) {
        if (path.forwardBlockedAt !== undefined) expect(path.verdict).toBe('unreachable');
      }
    },
  );

  test.prop([scenarioArb()], { numRuns: 100 })(
    'keep snapshots small: at most 12 ENIs and unique IDs and addresses',
    (scenario) => {
      const snapshot = prepareSnapshot(scenario.raw);
      expect(snapshot.enis.length).toBeLessThanOrEqual(12);
      const ids = snapshot.enis.map((e) => e.NetworkInterfaceId);
      expect(new Set(ids).size).toBe(ids.length);
      const ips = snapshot.enis.flatMap((e) =>
        (e.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress),
      );
      expect(new Set(ips).size).toBe(ips.length);
      for (const id of ids) expect(id).toMatch(/^eni-0[0-9a-f]{16}$/);
    },
  );

  test('cover the edge cases of the differential harness over many draws', () => {
    const seen: Record<string, number> = {};
    const count = (name: string, hit: boolean) => {
      seen[name] = (seen[name] ?? 0) + (hit ? 1 : 0);
    };
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const snapshot = prepareSnapshot(scenario.raw);
        const entries = snapshot.networkAcls.flatMap((a) => a.Entries ?? []);
        const pairs = snapshot.securityGroups.flatMap((g) =>
          [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])].flatMap(
            (p) => p.UserIdGroupPairs ?? [],
          ),
        );
        count('privateLink', scenario.privateLink !== undefined);
        count(
          'ipv6',
          scenario.plainEnis.some((e) => e.ipv6 !== undefined),
        );
        count(
          'deny',
          entries.some((e) => e.RuleAction === 'deny' && e.RuleNumber < 32767),
        );
        count(
          'rule 1',
          entries.some((e) => e.RuleNumber === 1),
        );
        count(
          'rule 32766',
          entries.some((e) => e.RuleNumber === 32766),
        );
        count(
          'group reference',
          pairs.some((p) => p.PeeringStatus === undefined),
        );
        count(
          'stale reference',
          pairs.some((p) => p.PeeringStatus === 'deleted'),
        );
        count(
          'many groups',
          snapshot.enis.some((e) => (e.Groups ?? []).length >= 3),
        );
        count(
          'endpoint with no groups',
          snapshot.vpcEndpoints.some((v) => (v.Groups ?? []).length === 0),
        );
        count(
          'nlb groups',
          snapshot.loadBalancers.some((l) => (l.SecurityGroups ?? []).length > 0),
        );
        count(
          'same vpc provider',
          snapshot.vpcEndpoints.some((v) =>
            snapshot.loadBalancers.some((l) => l.VpcId === v.VpcId),
          ),
        );
      }),
      { numRuns: 300, seed: 42 },
    );
    for (const [name, hits] of Object.entries(seen)) expect(hits, name).toBeGreaterThan(5);
  });

  test('ask questions whose answers span every verdict', () => {
    const verdicts: Record<string, number> = {};
    const kinds: Record<string, number> = {};
    fc.assert(
      fc.property(scenarioWithQuestionArb(), ({ scenario, question }) => {
        const answer = oracleTrace(scenario.raw, question);
        verdicts[answer.verdict] = (verdicts[answer.verdict] ?? 0) + 1;
        for (const path of answer.paths) {
          const kind = path.forwardBlockedAt?.kind ?? 'none';
          kinds[kind] = (kinds[kind] ?? 0) + 1;
        }
      }),
      { numRuns: 400, seed: 7 },
    );
    expect(verdicts.reachable ?? 0).toBeGreaterThan(40);
    expect(verdicts.unreachable ?? 0).toBeGreaterThan(40);
    // A partial verdict needs a narrow return rule on exactly the subnets crossed: rarer.
    expect(verdicts['partially-reachable'] ?? 0).toBeGreaterThan(1);
    for (const kind of ['security-group', 'network-acl', 'listener', 'source', 'none']) {
      expect(kinds[kind] ?? 0, kind).toBeGreaterThan(0);
    }
  });
});
