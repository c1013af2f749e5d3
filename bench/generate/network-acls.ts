/**
 * Network ACLs: each VPC's default NACL (allow all, plus the `*` denies), and custom NACLs whose
 * entries mix allows with denies that carve a nested CIDR or an overlapping port range out of
 * an allow numbered after them — so first-match order matters (aws-semantics.md §2).
 */

import { parseCidr4 } from './addressing.js';
import { nestedCidr, PORT_RANGES, randomOnPremCidr, TCP_PORTS } from './catalog.js';
import type { GenContext } from './context.js';
import { createGeometricSampler } from './distributions.js';
import type { NaclEntry, NetworkAcl, Vpc } from './model.js';
import type { Rng } from './prng.js';

/** The `*` entries AWS appends to every NACL: 32767 for IPv4, 32768 for IPv6 VPCs. */
export function starEntries(vpc: Vpc): NaclEntry[] {
  const out: NaclEntry[] = [];
  for (const egress of [false, true]) {
    out.push({ ruleNumber: 32767, egress, protocol: '-1', action: 'deny', cidr4: '0.0.0.0/0' });
    if (vpc.ipv6Cidr) {
      out.push({ ruleNumber: 32768, egress, protocol: '-1', action: 'deny', cidr6: '::/0' });
    }
  }
  return out;
}

/** Rule 100 allows all IPv4, rule 101 all IPv6 (IPv6 VPCs), both directions (§2.3). */
export function createDefaultNetworkAcl(ctx: GenContext, vpc: Vpc): NetworkAcl {
  const entries: NaclEntry[] = [];
  for (const egress of [false, true]) {
    entries.push({ ruleNumber: 100, egress, protocol: '-1', action: 'allow', cidr4: '0.0.0.0/0' });
    if (vpc.ipv6Cidr) {
      entries.push({ ruleNumber: 101, egress, protocol: '-1', action: 'allow', cidr6: '::/0' });
    }
  }
  const acl: NetworkAcl = {
    networkAclId: ctx.ids.resource('acl'),
    vpcId: vpc.vpcId,
    accountId: vpc.accountId,
    isDefault: true,
    entries: [...entries, ...starEntries(vpc)],
    subnetIds: [],
  };
  ctx.model.networkAcls.push(acl);
  return acl;
}

type Body = Omit<NaclEntry, 'ruleNumber' | 'egress' | 'action'>;

function allowBody(ctx: GenContext, rng: Rng, vpc: Vpc): Body {
  const roll = rng.float();
  if (vpc.ipv6Cidr && roll < 0.12) {
    const cidr6 = rng.chance(0.5) ? '::/0' : vpc.ipv6Cidr;
    return rng.chance(0.5)
      ? { protocol: '6', cidr6, ports: { from: 1024, to: 65535 } }
      : { protocol: '-1', cidr6 };
  }
  const cidr4 = rng.pick([
    vpc.cidr,
    vpc.cidr,
    '10.0.0.0/8',
    '0.0.0.0/0',
    rng.pick(ctx.model.vpcs).cidr,
    randomOnPremCidr(rng),
  ]);
  if (roll < 0.3) return { protocol: '6', cidr4, ports: { from: 1024, to: 65535 } };
  if (roll < 0.4) return { protocol: '-1', cidr4 };
  if (roll < 0.47)
    return {
      protocol: '1',
      cidr4,
      icmp: rng.pick([
        { type: -1, code: -1 },
        { type: 3, code: 4 },
        { type: 8, code: -1 },
      ]),
    };
  if (roll < 0.57) {
    const port = rng.pick([53, 123, 514]);
    return { protocol: '17', cidr4, ports: { from: port, to: port } };
  }
  if (roll < 0.75) {
    const [from, to] = rng.pick(PORT_RANGES);
    return { protocol: '6', cidr4, ports: { from, to } };
  }
  const port = rng.pick(TCP_PORTS);
  return { protocol: '6', cidr4, ports: { from: port, to: port } };
}

/** A deny that covers part of `allow`: a nested CIDR and an overlapping port range. */
function overlappingDeny(rng: Rng, allow: Body): Body {
  if (allow.cidr6 !== undefined)
    return { ...allow, cidr6: allow.cidr6 === '::/0' ? '2600:1f18::/32' : allow.cidr6 };
  const outer = parseCidr4(allow.cidr4!).length;
  const cidr4 = nestedCidr(rng, allow.cidr4!, Math.min(32, outer + rng.int(1, 12)));
  if (allow.ports === undefined) {
    return allow.protocol === '-1' && rng.chance(0.5)
      ? { protocol: '6', cidr4, ports: overlapPorts(rng, { from: 0, to: 65535 }) }
      : { ...allow, cidr4 };
  }
  return { ...allow, cidr4, ports: overlapPorts(rng, allow.ports) };
}

function overlapPorts(rng: Rng, ports: { from: number; to: number }): { from: number; to: number } {
  if (ports.from === ports.to) return ports;
  const from = rng.int(ports.from, ports.to);
  // Sometimes the deny spills past the allow's end, so the overlap is partial.
  const to = rng.chance(0.3)
    ? Math.min(65535, ports.to + rng.int(1, 1000))
    : rng.int(from, ports.to);
  return { from, to };
}

/** One direction's entries: allows with denies slotted just before the allow they overlap. */
function directionEntries(
  ctx: GenContext,
  rng: Rng,
  vpc: Vpc,
  count: number,
  egress: boolean,
): NaclEntry[] {
  const denies = Math.round(count * ctx.spec.naclDenyShare);
  const allows = Array.from({ length: count - denies }, () => allowBody(ctx, rng, vpc));
  const ordered: { body: Body; action: 'allow' | 'deny' }[] = allows.map((body) => ({
    body,
    action: 'allow',
  }));
  for (let d = 0; d < denies; d++) {
    const at = rng.int(0, ordered.length - 1);
    const target = ordered.slice(at).find((e) => e.action === 'allow') ?? ordered[at]!;
    ordered.splice(at, 0, { body: overlappingDeny(rng, target.body), action: 'deny' });
  }
  const step = rng.pick([1, 5, 10, 10, 100]);
  const start = rng.pick([1, 10, 100]);
  return ordered.map((e, i) => ({
    ...e.body,
    ruleNumber: start + i * step,
    egress,
    action: e.action,
  }));
}

/** Spreads the custom NACLs over VPCs by subnet count and associates every subnet once. */
export function createCustomNetworkAcls(ctx: GenContext): void {
  const rng = ctx.stream('nacls');
  const { min, max, mean } = ctx.spec.naclRulesPerDirection;
  const sizes = createGeometricSampler({ min, max, mean });
  const perVpc = aclCounts(ctx, rng);
  ctx.model.vpcs.forEach((vpc, v) => {
    const acls: NetworkAcl[] = [];
    for (let i = 0; i < perVpc[v]!; i++) {
      const entries = [false, true].flatMap((egress) =>
        directionEntries(ctx, rng, vpc, sizes.sample(rng), egress),
      );
      acls.push(customAcl(ctx, vpc, [...entries, ...starEntries(vpc)]));
    }
    associateSubnets(ctx, rng, vpc, acls);
  });
}

/** A NACL that is not the default, in the model, with no subnets yet. */
export function customAcl(ctx: GenContext, vpc: Vpc, entries: NaclEntry[]): NetworkAcl {
  const acl: NetworkAcl = {
    networkAclId: ctx.ids.resource('acl'),
    vpcId: vpc.vpcId,
    accountId: vpc.accountId,
    isDefault: false,
    entries,
    subnetIds: [],
  };
  ctx.model.networkAcls.push(acl);
  return acl;
}

function aclCounts(ctx: GenContext, rng: Rng): number[] {
  const vpcs = ctx.model.vpcs;
  const counts = vpcs.map(() => 0);
  for (let i = 0; i < ctx.spec.networkAcls; i++) {
    // Round-robin first, so every VPC gets one before any gets two.
    counts[i < vpcs.length ? i : rng.int(0, vpcs.length - 1)]! += 1;
  }
  return counts;
}

/** Each subnet joins one custom NACL (each NACL gets one first), or stays on the default. */
export function associateSubnets(ctx: GenContext, rng: Rng, vpc: Vpc, acls: NetworkAcl[]): void {
  const subnets = rng.shuffle([...ctx.subnetsByVpc.get(vpc.vpcId)!]);
  const fallback = ctx.model.networkAcls.find((a) => a.vpcId === vpc.vpcId && a.isDefault)!;
  subnets.forEach((subnet, i) => {
    const onDefault =
      acls.length === 0 || (i >= acls.length && rng.chance(ctx.spec.defaultNaclSubnetShare));
    const acl = onDefault ? fallback : i < acls.length ? acls[i]! : rng.pick(acls);
    acl.subnetIds.push(subnet.subnetId);
  });
}
