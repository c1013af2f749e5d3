import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cidr4Contains } from '../../bench/generate/addressing.js';
import { checkIntegrity } from '../../bench/generate/check-integrity.js';
import { createGeometricSampler, createZipfSampler } from '../../bench/generate/distributions.js';
import {
  type GeneratedWorkload,
  generateWorkload,
  writeWorkload,
} from '../../bench/generate/generate.js';
import type {
  EndpointDoc,
  EniDoc,
  GroupDoc,
  LoadBalancerDoc,
  NaclDoc,
  ServiceConfigurationDoc,
  SubnetDoc,
  TargetGroupDoc,
  TargetHealthDoc,
} from '../../bench/generate/integrity-shapes.js';
import { stringifyDocument } from '../../bench/generate/writer.js';
import type { SnapshotKey } from '../../src/snapshot/keys.js';

const w1 = generateWorkload('W1', 1);
const w4 = generateWorkload('W4', 1);

/** Every document of a workload as the exact text the writer would produce. */
function serialize(workload: GeneratedWorkload): string {
  return workload.accounts
    .map((a) =>
      (Object.keys(a.documents).sort() as SnapshotKey[])
        .map((key) => stringifyDocument(key, a.documents[key]))
        .join(''),
    )
    .join('');
}

function items<T>(workload: GeneratedWorkload, key: SnapshotKey): T[] {
  return workload.accounts.flatMap((a) => a.documents[key] as T[]);
}

describe('determinism', () => {
  it('renders identical bytes for one seed and different ones for another', () => {
    expect(serialize(generateWorkload('W1', 1))).toBe(serialize(w1));
    expect(serialize(generateWorkload('W1', 2))).not.toBe(serialize(w1));
    expect(serialize(generateWorkload('W4', 1))).toBe(serialize(w4));
    expect(serialize(generateWorkload('W4', 7))).not.toBe(serialize(w4));
  });

  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same files, byte for byte, on two runs with one seed', () => {
    const [a, b] = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'vpcreach-w4-')));
    dirs.push(a!, b!);
    writeWorkload({ name: 'W4', seed: 3, outDir: a! });
    writeWorkload({ name: 'W4', seed: 3, outDir: b! });
    const files = readdirSync(a!).sort();
    expect(files).toContain('describe-network-interfaces.json');
    expect(readdirSync(b!).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(b!, file), 'utf8')).toBe(readFileSync(join(a!, file), 'utf8'));
    }
  });
});

describe('W1 realized statistics', () => {
  const { stats } = w1;

  it('has the counts of a team account', () => {
    expect(stats.counts).toMatchObject({
      accounts: 1,
      vpcs: 3,
      subnets: 30,
      enis: 1000,
      securityGroups: 150,
      networkAcls: 10,
      endpointServices: 5,
      interfaceEndpoints: 10,
      prefixLists: 2,
    });
    // 70% instances, 20% Lambda/ECS, 10% endpoint and NLB ENIs (the last rounded up by
    // whole endpoints, so the others may come out a few short).
    const { instanceEnis, lambdaEnis, ecsEnis, endpointEnis, nlbNodeEnis } = stats.counts;
    expect(instanceEnis).toBeGreaterThanOrEqual(695);
    expect(instanceEnis).toBeLessThanOrEqual(700);
    expect(lambdaEnis! + ecsEnis!).toBeGreaterThanOrEqual(198);
    expect(lambdaEnis! + ecsEnis!).toBeLessThanOrEqual(200);
    expect(endpointEnis! + nlbNodeEnis!).toBeGreaterThanOrEqual(100);
  });

  it('draws rules per group around a median of 6, capped at 60', () => {
    expect(stats.sgRulesPerGroup.median).toBeGreaterThanOrEqual(5);
    expect(stats.sgRulesPerGroup.median).toBeLessThanOrEqual(7);
    expect(stats.sgRulesPerGroup.max).toBeLessThanOrEqual(60);
    expect(stats.sgRulesPerGroup.p99).toBeGreaterThan(30);
  });

  it('makes about 30% of rules SG references and about 10% prefix-list rules', () => {
    expect(stats.sgReferenceShare).toBeGreaterThanOrEqual(0.25);
    expect(stats.sgReferenceShare).toBeLessThanOrEqual(0.35);
    expect(stats.prefixListRuleShare).toBeGreaterThanOrEqual(0.05);
    expect(stats.prefixListRuleShare).toBeLessThanOrEqual(0.15);
  });

  it('puts 1 to 5 groups on each workload ENI, 2.5 on average', () => {
    expect(stats.sgsPerEni.max).toBeLessThanOrEqual(5);
    expect(stats.sgsPerEni.mean).toBeGreaterThan(2.2);
    expect(stats.sgsPerEni.mean).toBeLessThan(2.8);
  });

  it('gives custom NACLs 8 to 20 rules per direction with denies overlapping later allows', () => {
    const custom = items<NaclDoc>(w1, 'NetworkAcls').filter((a) => !a.IsDefault);
    expect(custom).toHaveLength(10);
    for (const acl of custom) {
      for (const egress of [false, true]) {
        const user = acl.Entries.filter((e) => e.Egress === egress && e.RuleNumber < 32767);
        expect(user.length).toBeGreaterThanOrEqual(8);
        expect(user.length).toBeLessThanOrEqual(20);
      }
    }
    const entries = custom.flatMap((a) => a.Entries);
    const denies = entries.filter((e) => e.RuleAction === 'deny' && e.RuleNumber < 32767);
    expect(denies.length / entries.filter((e) => e.RuleNumber < 32767).length).toBeGreaterThan(
      0.15,
    );
  });

  it('makes about 10% of ENIs dual-stack', () => {
    expect(stats.dualStackShare).toBeGreaterThan(0.05);
    expect(stats.dualStackShare).toBeLessThan(0.16);
  });

  it('keeps prefix lists at 50 entries or fewer', () => {
    expect(w1.model.prefixLists.every((l) => l.cidrs.length <= 50)).toBe(true);
  });
});

describe('W4 adversarial features', () => {
  it('has groups of 1,000 single-port /32 ingress rules', () => {
    const fragments = items<GroupDoc>(w4, 'SecurityGroups').filter(
      (g) => g.IpPermissions.reduce((n, p) => n + p.IpRanges.length, 0) === 1000,
    );
    expect(fragments.length).toBeGreaterThanOrEqual(8);
    for (const group of fragments) {
      for (const p of group.IpPermissions) {
        expect(p.FromPort).toBeDefined();
        expect(p.FromPort).toBe(p.ToPort);
        expect(p.IpRanges.every((r) => r.CidrIp.endsWith('/32'))).toBe(true);
      }
    }
  });

  it('has NACLs of 40 entries per direction alternating deny and allow', () => {
    const custom = items<NaclDoc>(w4, 'NetworkAcls').filter((a) => !a.IsDefault);
    expect(custom.length).toBe(8);
    for (const acl of custom) {
      for (const egress of [false, true]) {
        const user = acl.Entries.filter((e) => e.Egress === egress && e.RuleNumber < 32767).sort(
          (a, b) => a.RuleNumber - b.RuleNumber,
        );
        expect(user).toHaveLength(40);
        expect(user.map((e) => e.RuleAction)).toEqual(
          user.map((_, i) => (i % 2 === 0 ? 'deny' : 'allow')),
        );
      }
    }
  });

  it('chains PrivateLink: service targets are the ENIs of an endpoint to the next service', () => {
    const enis = new Map(
      items<EniDoc>(w4, 'NetworkInterfaces').map((e) => [e.PrivateIpAddress, e]),
    );
    const endpoints = new Map(
      items<EndpointDoc>(w4, 'VpcEndpoints').map((e) => [e.VpcEndpointId, e]),
    );
    const services = new Map(
      items<ServiceConfigurationDoc>(w4, 'ServiceConfigurations').map((s) => [s.ServiceName, s]),
    );
    const groups = new Map(
      items<TargetGroupDoc>(w4, 'TargetGroups').map((g) => [g.TargetGroupArn, g]),
    );
    const healthByNlb = new Map<string, TargetHealthDoc[]>();
    for (const h of items<TargetHealthDoc>(w4, 'LoadBalancerTargetHealth')) {
      const nlb = groups.get(h.TargetGroupArn)!.LoadBalancerArns[0]!;
      healthByNlb.set(nlb, [...(healthByNlb.get(nlb) ?? []), h]);
    }
    /** The services reached next when `nlbArn`'s targets are endpoint ENIs. */
    const nextServices = (nlbArn: string) =>
      (healthByNlb.get(nlbArn) ?? []).flatMap((h) =>
        h.TargetHealthDescriptions.flatMap(({ Target }) => {
          const eni = enis.get(Target.Id);
          if (eni?.InterfaceType !== 'vpc_endpoint') return [];
          const endpoint = endpoints.get(eni.Description.replace('VPC Endpoint Interface ', ''))!;
          return [services.get(endpoint.ServiceName)!];
        }),
      );
    const depth = (nlbArn: string, seen = 0): number =>
      Math.max(
        seen,
        ...nextServices(nlbArn).map((s) => depth(s.NetworkLoadBalancerArns[0]!, seen + 1)),
      );
    const deepest = Math.max(
      ...items<LoadBalancerDoc>(w4, 'LoadBalancers').map((l) => depth(l.LoadBalancerArn)),
    );
    expect(deepest).toBe(2);
  });
});

describe('referential integrity', () => {
  it('holds for W1 and W4: references resolve, addresses are unique and in their subnet', () => {
    expect(checkIntegrity(w1.accounts)).toEqual([]);
    expect(checkIntegrity(w4.accounts)).toEqual([]);
  });

  it('puts every ENI address inside its subnet, checked directly against the model', () => {
    const subnets = new Map(items<SubnetDoc>(w1, 'Subnets').map((s) => [s.SubnetId, s]));
    for (const eni of items<EniDoc>(w1, 'NetworkInterfaces')) {
      const cidr = subnets.get(eni.SubnetId)!.CidrBlock;
      expect(eni.PrivateIpAddresses.every((a) => cidr4Contains(cidr, a.PrivateIpAddress))).toBe(
        true,
      );
    }
  });

  it('reports a duplicated address and a dangling subnet when documents are corrupted', () => {
    const copy = structuredClone(w4.accounts);
    const enis = copy[0]!.documents.NetworkInterfaces as EniDoc[];
    enis[1]!.PrivateIpAddresses[0]!.PrivateIpAddress = enis[0]!.PrivateIpAddress;
    enis[2]!.SubnetId = 'subnet-0000000000000000';
    const problems = checkIntegrity(copy);
    expect(problems.some((p) => p.includes('used twice'))).toBe(true);
    expect(problems.some((p) => p.includes(enis[2]!.NetworkInterfaceId))).toBe(true);
  });
});

describe('distributions', () => {
  it('fits Zipf laws to the stated median and 99th percentile', () => {
    expect(createZipfSampler({ median: 6, max: 60 }).quantile(0.5)).toBe(6);
    const w2 = createZipfSampler({ median: 10, p99: 200, max: 400 });
    expect(w2.quantile(0.5)).toBe(10);
    expect(w2.quantile(0.99)).toBeGreaterThan(150);
    expect(w2.quantile(0.99)).toBeLessThan(260);
  });

  it('fits a truncated geometric law to its mean', () => {
    const sampler = createGeometricSampler({ min: 1, max: 16, mean: 3 });
    expect(sampler.min).toBe(1);
    expect(sampler.max).toBe(16);
    expect(sampler.quantile(0.5)).toBeGreaterThanOrEqual(2);
    expect(sampler.quantile(0.5)).toBeLessThanOrEqual(3);
  });
});
