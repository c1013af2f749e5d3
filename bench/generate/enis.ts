/**
 * ENIs and the instances that own most of them. Addresses come from the ENI's subnet (unique,
 * never AWS's reserved five); a share of ENIs in dual-stack subnets get an IPv6 address, and a
 * few instance ENIs carry secondary private IPs.
 */
import type { GenContext } from './context.js';
import type { Eni, EniKind, Subnet } from './model.js';
import type { Rng } from './prng.js';

/** The AWS-owned account that requests Lambda, ECS and endpoint ENIs in yours. */
export const AWS_REQUESTER_ID = '727180483921';

const INSTANCE_TYPES = [
  't3.micro',
  't3.medium',
  'm6i.large',
  'm7g.xlarge',
  'c6i.2xlarge',
  'r6i.large',
];

/** What `createEni` needs; `ipv6` overrides the dual-stack draw. */
export interface EniOptions {
  readonly kind: EniKind;
  readonly subnet: Subnet;
  readonly description: string;
  readonly groupIds?: string[];
  readonly instanceId?: string;
  readonly deviceIndex?: number;
  readonly secondaryIps?: number;
  readonly ipv6?: boolean;
}

/** Creates one ENI with addresses from its subnet. */
export function createEni(ctx: GenContext, rng: Rng, options: EniOptions): Eni {
  const pool = ctx.pools.get(options.subnet.subnetId)!;
  const ipv4 = [pool.allocate(rng)];
  for (let i = 0; i < (options.secondaryIps ?? 0) && pool.free > 0; i++)
    ipv4.push(pool.allocate(rng));
  const wantsV6 = options.ipv6 ?? rng.chance(ctx.ipv6Probability);
  const ipv6 = options.subnet.ipv6Cidr && wantsV6 ? [pool.allocateV6(rng)] : [];
  const managed = options.kind !== 'instance';
  return ctx.addEni({
    eniId: ctx.ids.resource('eni'),
    kind: options.kind,
    subnetId: options.subnet.subnetId,
    vpcId: options.subnet.vpcId,
    accountId: options.subnet.accountId,
    ipv4,
    ipv6,
    groupIds: options.groupIds ?? [],
    description: options.description,
    ...(options.instanceId
      ? { instanceId: options.instanceId, deviceIndex: options.deviceIndex ?? 0 }
      : {}),
    ...(managed ? { requesterId: AWS_REQUESTER_ID } : {}),
  });
}

/** Picks subnets with uneven load (some subnets are busy, most are not), skipping full ones. */
export class SubnetPicker {
  private readonly cumulative: number[] = [];
  private readonly subnets: Subnet[];

  constructor(
    private readonly ctx: GenContext,
    private readonly rng: Rng,
  ) {
    this.subnets = ctx.model.subnets;
    let total = 0;
    for (const _ of this.subnets) {
      total += 0.2 + rng.float() ** 2;
      this.cumulative.push(total);
    }
  }

  pick(): Subnet {
    for (let tries = 0; tries < 100; tries++) {
      const subnet = this.subnets[this.rng.pickCumulative(this.cumulative)]!;
      if (this.ctx.pools.get(subnet.subnetId)!.free > 4) return subnet;
    }
    const open = this.subnets.find((s) => this.ctx.pools.get(s.subnetId)!.free > 4);
    if (open === undefined) throw new Error('every subnet is full');
    return open;
  }
}

function createInstance(ctx: GenContext, rng: Rng, subnet: Subnet, eniCount: number): void {
  const instanceId = ctx.ids.resource('i');
  const eniIds: string[] = [];
  const sameZone = ctx.subnetsByVpc.get(subnet.vpcId)!.filter((s) => s.zoneId === subnet.zoneId);
  for (let d = 0; d < eniCount; d++) {
    const eniSubnet = d === 0 ? subnet : rng.pick(sameZone);
    const eni = createEni(ctx, rng, {
      kind: 'instance',
      subnet: eniSubnet,
      description: d === 0 ? '' : `secondary interface ${d}`,
      instanceId,
      deviceIndex: d,
      secondaryIps: rng.chance(0.05) ? rng.int(1, 3) : 0,
    });
    eniIds.push(eni.eniId);
  }
  ctx.model.instances.push({
    instanceId,
    accountId: subnet.accountId,
    eniIds,
    instanceType: rng.pick(INSTANCE_TYPES),
  });
}

function containerDescription(
  ctx: GenContext,
  rng: Rng,
  kind: 'lambda' | 'ecs',
  subnet: Subnet,
): string {
  const uuid = `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
  return kind === 'lambda'
    ? `AWS Lambda VPC ENI-fn-${rng.hex(6)}-${uuid}`
    : `arn:aws:ecs:${ctx.model.region}:${subnet.accountId}:attachment/${uuid}`;
}

/** Instance ENIs (some instances have two) and Lambda/ECS ENIs, `instance + container` in all. */
export function createWorkloadEnis(
  ctx: GenContext,
  counts: { instance: number; container: number },
): void {
  const rng = ctx.stream('enis');
  const picker = new SubnetPicker(ctx, rng.fork('subnets'));
  let instanceEnis = 0;
  while (instanceEnis < counts.instance) {
    const eniCount = counts.instance - instanceEnis >= 2 && rng.chance(0.08) ? 2 : 1;
    createInstance(ctx, rng, picker.pick(), eniCount);
    instanceEnis += eniCount;
  }
  for (let i = 0; i < counts.container; i++) {
    const kind = rng.chance(0.5) ? 'lambda' : 'ecs';
    const subnet = picker.pick();
    createEni(ctx, rng, {
      kind,
      subnet,
      description: containerDescription(ctx, rng, kind, subnet),
    });
  }
}
