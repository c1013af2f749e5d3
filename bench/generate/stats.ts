/**
 * Realized statistics of a generated workload (performance.md §6): counts, rule-count shape,
 * reference and prefix-list shares, NACL sizes, dual-stack share, port and address atoms, and
 * the class-compression ratio (distinct (group set, subnet NACL) pairs over ENIs).
 */
import { ipv4ToInt, ipv6ToBigInt, parseCidr4 } from './addressing.js';
import { quantileOf } from './distributions.js';
import type { NetworkModel, SecurityGroup } from './model.js';

/** Realized statistics of one generated workload. */
export interface WorkloadStats {
  readonly counts: Record<string, number>;
  readonly sgRulesPerGroup: { median: number; p99: number; max: number; mean: number };
  /** Largest per-direction weight of one group, prefix lists counted at `MaxEntries`. */
  readonly maxEffectiveRulesPerDirection: number;
  readonly sgReferenceShare: number;
  readonly prefixListRuleShare: number;
  readonly naclRulesPerDirection: { mean: number; min: number; max: number };
  /** Over workload ENIs (instances, Lambda, ECS); endpoint and NLB ENIs carry their one group. */
  readonly sgsPerEni: { mean: number; max: number };
  /** Largest (groups × heaviest group's per-direction weight) over ENIs; AWS caps it at 1,000. */
  readonly maxEniRuleProduct: number;
  readonly dualStackShare: number;
  readonly portAtoms: number;
  readonly ipAtoms: { ipv4: number; ipv6: number };
  readonly classes: number;
  readonly classCompression: number;
}

function effectiveWeights(model: NetworkModel): Map<string, number> {
  const lists = new Map(model.prefixLists.map((l) => [l.prefixListId, l.maxEntries]));
  const out = new Map<string, number>();
  for (const group of model.securityGroups) {
    const w = { in: 0, out: 0 };
    for (const r of group.rules) {
      const weight = r.peer.kind === 'prefix-list' ? lists.get(r.peer.prefixListId)! : 1;
      if (r.egress) w.out += weight;
      else w.in += weight;
    }
    out.set(group.groupId, Math.max(w.in, w.out));
  }
  return out;
}

function portAtoms(model: NetworkModel): number {
  const bounds = new Set<number>([0, 65536]);
  const add = (from: number, to: number) => {
    bounds.add(from);
    bounds.add(to + 1);
  };
  for (const g of model.securityGroups) {
    for (const r of g.rules) {
      if ((r.protocol === 'tcp' || r.protocol === 'udp') && r.fromPort !== undefined)
        add(r.fromPort, r.toPort!);
    }
  }
  for (const acl of model.networkAcls)
    for (const e of acl.entries) if (e.ports) add(e.ports.from, e.ports.to);
  for (const nlb of model.loadBalancers) for (const l of nlb.listeners) add(l.port, l.port);
  for (const tg of model.targetGroups) {
    add(tg.port, tg.port);
    for (const t of tg.targets) add(t.port, t.port);
    if (tg.healthCheck.port !== 'traffic-port')
      add(Number(tg.healthCheck.port), Number(tg.healthCheck.port));
  }
  return bounds.size - 1;
}

/** All CIDRs and addresses that cut the address space, per family. */
function ipAtoms(model: NetworkModel): { ipv4: number; ipv6: number } {
  const v4 = new Set<number>([0, 2 ** 32]);
  // Hex strings, not bigints: V8 hashes bigint Set keys slowly.
  const v6 = new Set<string>(['0', (2n ** 128n).toString(16)]);
  const cidr = (text: string) => {
    if (text.includes(':')) {
      const [address, length] = text.split('/');
      const base = ipv6ToBigInt(address!);
      v6.add(base.toString(16));
      v6.add((base + 2n ** BigInt(128 - Number(length))).toString(16));
    } else {
      const { base, length } = parseCidr4(text);
      v4.add(base).add(base + 2 ** (32 - length));
    }
  };
  const blocks = [...model.vpcs, ...model.subnets].flatMap((b) => [b.cidr, b.ipv6Cidr ?? '']);
  for (const block of [...blocks, ...model.prefixLists.flatMap((l) => l.cidrs)]) {
    if (block !== '') cidr(block);
  }
  for (const g of model.securityGroups)
    for (const r of g.rules)
      if (r.peer.kind === 'cidr4' || r.peer.kind === 'cidr6') cidr(r.peer.cidr);
  for (const acl of model.networkAcls) for (const e of acl.entries) cidr((e.cidr4 ?? e.cidr6)!);
  for (const eni of model.enis) {
    for (const ip of eni.ipv4) {
      const value = ipv4ToInt(ip);
      v4.add(value).add(value + 1);
    }
    for (const ip of eni.ipv6) {
      const value = ipv6ToBigInt(ip);
      v6.add(value.toString(16)).add((value + 1n).toString(16));
    }
  }
  return { ipv4: v4.size - 1, ipv6: v6.size - 1 };
}

function maxOf(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

function minOf(values: readonly number[]): number {
  return values.reduce(
    (m, v) => Math.min(m, v),
    values.length === 0 ? 0 : Number.POSITIVE_INFINITY,
  );
}

function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}

function countRules(groups: readonly SecurityGroup[], kind: string): number {
  return groups.reduce((s, g) => s + g.rules.filter((r) => r.peer.kind === kind).length, 0);
}

/** Computes the realized statistics from the model. */
export function computeStats(model: NetworkModel): WorkloadStats {
  const perGroup = model.securityGroups.map((g) => g.rules.length);
  const totalRules = perGroup.reduce((s, n) => s + n, 0);
  const weights = effectiveWeights(model);
  const custom = model.networkAcls.filter((a) => !a.isDefault);
  const perDirection = custom.flatMap((a) =>
    [false, true].map(
      (egress) => a.entries.filter((e) => e.egress === egress && e.ruleNumber < 32767).length,
    ),
  );
  const aclOf = new Map<string, string>();
  for (const acl of model.networkAcls)
    for (const s of acl.subnetIds) aclOf.set(s, acl.networkAclId);
  const classes = new Set(
    model.enis.map((e) => `${[...e.groupIds].sort().join(',')}|${aclOf.get(e.subnetId)}`),
  );
  const products = model.enis.map(
    (e) => e.groupIds.length * maxOf(e.groupIds.map((id) => weights.get(id)!)),
  );
  return {
    counts: countResources(model, totalRules),
    sgRulesPerGroup: {
      median: quantileOf(perGroup, 0.5),
      p99: quantileOf(perGroup, 0.99),
      max: maxOf(perGroup),
      mean: round(totalRules / perGroup.length, 2),
    },
    maxEffectiveRulesPerDirection: maxOf(weights.values()),
    sgReferenceShare: round(countRules(model.securityGroups, 'group') / totalRules),
    prefixListRuleShare: round(countRules(model.securityGroups, 'prefix-list') / totalRules),
    naclRulesPerDirection: {
      mean: round(perDirection.reduce((s, n) => s + n, 0) / Math.max(1, perDirection.length), 2),
      min: minOf(perDirection),
      max: maxOf(perDirection),
    },
    sgsPerEni: groupsPerEni(model),
    maxEniRuleProduct: maxOf(products),
    dualStackShare: round(model.enis.filter((e) => e.ipv6.length > 0).length / model.enis.length),
    portAtoms: portAtoms(model),
    ipAtoms: ipAtoms(model),
    classes: classes.size,
    classCompression: round(classes.size / model.enis.length),
  };
}

function groupsPerEni(model: NetworkModel): { mean: number; max: number } {
  const counts = model.enis
    .filter((e) => e.kind !== 'endpoint' && e.kind !== 'nlb')
    .map((e) => e.groupIds.length);
  return {
    mean: round(counts.reduce((s, n) => s + n, 0) / Math.max(1, counts.length), 2),
    max: maxOf(counts),
  };
}

function countResources(model: NetworkModel, sgRules: number): Record<string, number> {
  const kinds = (kind: string) => model.enis.filter((e) => e.kind === kind).length;
  return {
    accounts: model.accounts.length,
    vpcs: model.vpcs.length,
    subnets: model.subnets.length,
    enis: model.enis.length,
    instanceEnis: kinds('instance'),
    lambdaEnis: kinds('lambda'),
    ecsEnis: kinds('ecs'),
    endpointEnis: kinds('endpoint'),
    nlbNodeEnis: kinds('nlb'),
    instances: model.instances.length,
    securityGroups: model.securityGroups.length,
    sgRules,
    networkAcls: model.networkAcls.filter((a) => !a.isDefault).length,
    defaultNetworkAcls: model.networkAcls.filter((a) => a.isDefault).length,
    naclEntries: model.networkAcls.reduce((s, a) => s + a.entries.length, 0),
    prefixLists: model.prefixLists.length,
    prefixListEntries: model.prefixLists.reduce((s, l) => s + l.cidrs.length, 0),
    endpointServices: model.endpointServices.length,
    loadBalancers: model.loadBalancers.length,
    listeners: model.loadBalancers.reduce((s, l) => s + l.listeners.length, 0),
    targetGroups: model.targetGroups.length,
    targets: model.targetGroups.reduce((s, g) => s + g.targets.length, 0),
    interfaceEndpoints: model.vpcEndpoints.filter((e) => e.service.kind === 'generated').length,
    awsServiceEndpoints: model.vpcEndpoints.filter((e) => e.service.kind === 'aws').length,
    plannedPeerings: model.peerings.length,
  };
}
