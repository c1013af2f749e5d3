/**
 * Accounts, VPCs and subnets. Zone names map to zone IDs differently in every account (as AWS
 * does), so documents must be joined on zone IDs. Each VPC gets its default security group and
 * default network ACL, as AWS creates them with the VPC.
 */
import { subnetBlock, subnetBlockV6, VpcBlockAllocator } from './addressing.js';
import type { GenContext } from './context.js';
import { createDefaultNetworkAcl } from './network-acls.js';
import { createDefaultSecurityGroup } from './security-groups.js';

/** The zone IDs of us-east-1. */
export const ZONE_IDS = ['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6'];
const ZONE_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];
/** Zones most accounts use; VPCs draw their zones from these, so consumers and providers meet. */
const COMMON_ZONE_IDS = ['use1-az1', 'use1-az2', 'use1-az4', 'use1-az6'];

function createAccounts(ctx: GenContext): void {
  const rng = ctx.stream('accounts');
  for (let i = 0; i < ctx.spec.accounts; i++) {
    const letters = rng.shuffle([...ZONE_LETTERS]);
    const zoneNames = new Map(ZONE_IDS.map((id, j) => [id, `us-east-1${letters[j]}`]));
    ctx.addAccount({ accountId: ctx.ids.account(), zoneNames });
  }
}

/** Splits `total` into `parts` near-equal integers in random order, each at least `min`. */
function splitEvenly(total: number, parts: number, shuffle: <T>(x: T[]) => T[]): number[] {
  const base = Math.floor(total / parts);
  const counts = Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
  return shuffle(counts);
}

function createVpcs(ctx: GenContext): void {
  const rng = ctx.stream('vpcs');
  const blocks = new VpcBlockAllocator(rng.fork('blocks'));
  const { accounts, vpcs, dualStackShare } = ctx.spec;
  const ipv6Vpcs =
    dualStackShare > 0 ? Math.max(1, Math.round(vpcs * Math.min(1, dualStackShare * 2.5))) : 0;
  const ipv6Flags = rng.shuffle(Array.from({ length: vpcs }, (_, i) => i < ipv6Vpcs));
  for (let i = 0; i < vpcs; i++) {
    // Every account owns at least one VPC; the rest land anywhere.
    const account = ctx.model.accounts[i < accounts ? i : rng.int(0, accounts - 1)]!;
    const zoneIds = rng.sample(COMMON_ZONE_IDS, 3).sort();
    const vpcId = ctx.ids.resource('vpc');
    ctx.addVpc({
      vpcId,
      accountId: account.accountId,
      cidr: blocks.allocate(),
      ...(ipv6Flags[i] ? { ipv6Cidr: blocks.allocateV6() } : {}),
      zoneIds,
      name: `vpc-${String(i).padStart(3, '0')}`,
    });
    createDefaultSecurityGroup(ctx, ctx.vpc(vpcId));
    createDefaultNetworkAcl(ctx, ctx.vpc(vpcId));
  }
}

function createSubnets(ctx: GenContext): void {
  const rng = ctx.stream('subnets');
  const perVpc = splitEvenly(ctx.spec.subnets, ctx.spec.vpcs, (x) => rng.shuffle(x));
  ctx.model.vpcs.forEach((vpc, v) => {
    const count = Math.min(16, perVpc[v]!);
    for (let s = 0; s < count; s++) {
      const length = rng.pick([22, 23, 24, 24] as const);
      ctx.addSubnet({
        subnetId: ctx.ids.resource('subnet'),
        vpcId: vpc.vpcId,
        accountId: vpc.accountId,
        cidr: subnetBlock(vpc.cidr, s, length),
        ...(vpc.ipv6Cidr ? { ipv6Cidr: subnetBlockV6(vpc.ipv6Cidr, s) } : {}),
        zoneId: vpc.zoneIds[s % vpc.zoneIds.length]!,
        name: `${vpc.name}-${s % 2 === 0 ? 'private' : 'app'}-${s}`,
      });
    }
  });
  const dualStackSubnets = ctx.model.subnets.filter((s) => s.ipv6Cidr !== undefined).length;
  ctx.ipv6Probability =
    dualStackSubnets === 0
      ? 0
      : Math.min(
          1,
          // Endpoint and NLB ENIs stay IPv4-only, so the other ENIs make up the share.
          (ctx.spec.dualStackShare * ctx.model.subnets.length) /
            dualStackSubnets /
            (1 - ctx.spec.eniMix.privateLink),
        );
}

/** Random distinct VPC pairs; they only gate cross-VPC SG references until routing exists. */
function planPeerings(ctx: GenContext): void {
  const rng = ctx.stream('peerings');
  const vpcs = ctx.model.vpcs;
  const seen = new Set<string>();
  const limit = Math.min(ctx.spec.peerings, (vpcs.length * (vpcs.length - 1)) / 2);
  while (ctx.model.peerings.length < limit) {
    const [a, b] = rng
      .sample(vpcs, 2)
      .map((v) => v.vpcId)
      .sort() as [string, string];
    if (seen.has(`${a}|${b}`)) continue;
    seen.add(`${a}|${b}`);
    ctx.model.peerings.push([a, b]);
    ctx.peersOf.get(a)!.push(b);
    ctx.peersOf.get(b)!.push(a);
  }
}

/** Builds accounts, VPCs (with their default SG and NACL), subnets and planned peerings. */
export function createTopology(ctx: GenContext): void {
  createAccounts(ctx);
  createVpcs(ctx);
  createSubnets(ctx);
  planPeerings(ctx);
}
