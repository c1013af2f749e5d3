import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../bench/generate/check-integrity.js';
import { generateFromSpec, writeWorkload } from '../../bench/generate/generate.js';
import { readWorkloadTree } from '../../bench/generate/read-back.js';
import type { WorkloadSpec } from '../../bench/generate/workload-spec.js';
import { W2 } from '../../bench/generate/workloads/w2.js';

/** W2's shape at a twentieth of its size, plus W3's prefix-list ceiling group. */
const MINI: WorkloadSpec = {
  ...W2,
  accounts: 4,
  vpcs: 6,
  subnets: 48,
  enis: 500,
  securityGroups: 80,
  networkAcls: 10,
  endpointServices: 6,
  interfaceEndpoints: 15,
  prefixLists: { count: 3, maxEntries: 200 },
  peerings: 4,
  ceilingSg: { rules: 1000, enis: 2 },
  prefixListCeilingSg: true,
};

describe('multi-account workloads (a scaled-down W2)', () => {
  const workload = generateFromSpec(MINI, 1);
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes accounts/<account-id>/us-east-1/ trees that read back consistent', () => {
    const out = mkdtempSync(join(tmpdir(), 'vpcreach-mini-'));
    dirs.push(out);
    writeWorkload({ name: 'W2', spec: MINI, seed: 1, outDir: out });
    const accounts = readdirSync(join(out, 'accounts')).sort();
    expect(accounts).toEqual(workload.model.accounts.map((a) => a.accountId).sort());
    for (const account of accounts) {
      expect(readdirSync(join(out, 'accounts', account))).toEqual(['us-east-1']);
    }
    expect(checkIntegrity(readWorkloadTree(out))).toEqual([]);
  });

  it('references groups across peered VPCs and connects endpoints across accounts', () => {
    const groups = new Map(workload.model.securityGroups.map((g) => [g.groupId, g]));
    const crossVpc = workload.model.securityGroups.flatMap((g) =>
      g.rules
        .filter((r) => r.peer.kind === 'group' && r.peer.vpcId !== undefined)
        .map((r) => [g, r.peer] as const),
    );
    expect(crossVpc.length).toBeGreaterThan(0);
    const peered = new Set(workload.model.peerings.map(([a, b]) => `${a}|${b}`));
    for (const [group, peer] of crossVpc) {
      const target = peer.kind === 'group' ? groups.get(peer.groupId)! : undefined;
      const pair = [group.vpcId, target!.vpcId].sort().join('|');
      expect(peered.has(pair)).toBe(true);
    }
    const owner = new Map(workload.model.endpointServices.map((s) => [s.serviceId, s.accountId]));
    const crossAccount = workload.model.vpcEndpoints.filter(
      (e) => e.service.kind === 'generated' && owner.get(e.service.serviceId) !== e.accountId,
    );
    expect(crossAccount.length).toBeGreaterThan(0);
  });

  it('pins the quota-ceiling groups alone on their ENIs', () => {
    const ceilings = workload.model.securityGroups.filter((g) => g.role === 'ceiling');
    expect(ceilings).toHaveLength(2);
    expect(Math.max(...ceilings.map((g) => g.rules.filter((r) => !r.egress).length))).toBe(1000);
    for (const group of ceilings) {
      const carriers = workload.model.enis.filter((e) => e.groupIds.includes(group.groupId));
      expect(carriers.length).toBeGreaterThan(0);
      expect(carriers.every((e) => e.groupIds.length === 1)).toBe(true);
    }
    expect(workload.stats.maxEffectiveRulesPerDirection).toBe(1000);
    expect(workload.stats.maxEniRuleProduct).toBeLessThanOrEqual(1000);
  });
});
