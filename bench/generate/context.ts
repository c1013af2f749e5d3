/**
 * The state shared by the generation steps: the spec, the seeded streams, the ID allocator, the
 * model being built and lookup indexes over it.
 */
import { SubnetAddressPool } from './addressing.js';
import { IdAllocator } from './ids.js';
import {
  type Account,
  type Eni,
  emptyModel,
  type NetworkModel,
  type PrefixList,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from './model.js';
import type { PendingTargets } from './privatelink.js';
import { Rng } from './prng.js';
import type { WorkloadSpec } from './workload-spec.js';

/** Generation state for one workload and seed. */
export class GenContext {
  readonly model: NetworkModel = emptyModel();
  readonly ids: IdAllocator;
  readonly root: Rng;
  readonly vpcById = new Map<string, Vpc>();
  readonly subnetById = new Map<string, Subnet>();
  readonly subnetsByVpc = new Map<string, Subnet[]>();
  readonly sgsByVpc = new Map<string, SecurityGroup[]>();
  readonly eniById = new Map<string, Eni>();
  readonly pools = new Map<string, SubnetAddressPool>();
  readonly prefixListById = new Map<string, PrefixList>();
  /** VPC ID → its workload groups, most popular first, with cumulative pick weights. */
  readonly popularity = new Map<string, { groups: SecurityGroup[]; cumulative: Float64Array }>();
  /** VPC ID → VPC IDs it is (planned to be) peered with. */
  readonly peersOf = new Map<string, string[]>();
  /** Services whose targets are chosen once workload ENIs exist. */
  readonly pendingTargets: PendingTargets[] = [];
  /** ENIs that must carry their one group alone (quota-ceiling and fragment groups). */
  readonly pinnedEnis = new Set<string>();
  /** Probability that an ENI in a dual-stack subnet gets an IPv6 address. */
  ipv6Probability = 0;

  constructor(
    readonly spec: WorkloadSpec,
    readonly seed: number,
  ) {
    this.root = new Rng(`vpcreach-bench/${spec.name}/${seed}`);
    this.ids = new IdAllocator(this.root.fork('ids'));
  }

  /** The seeded stream of one concern (`vpcs`, `sg-rules`, …). */
  stream(label: string): Rng {
    return this.root.fork(label);
  }

  addVpc(vpc: Vpc): void {
    this.model.vpcs.push(vpc);
    this.vpcById.set(vpc.vpcId, vpc);
    this.subnetsByVpc.set(vpc.vpcId, []);
    this.sgsByVpc.set(vpc.vpcId, []);
    this.peersOf.set(vpc.vpcId, []);
  }

  addSubnet(subnet: Subnet): void {
    this.model.subnets.push(subnet);
    this.subnetById.set(subnet.subnetId, subnet);
    this.subnetsByVpc.get(subnet.vpcId)!.push(subnet);
    const prefix = subnet.ipv6Cidr?.split('::')[0];
    this.pools.set(subnet.subnetId, new SubnetAddressPool(subnet.cidr, prefix));
  }

  addSecurityGroup(group: SecurityGroup): SecurityGroup {
    this.model.securityGroups.push(group);
    this.sgsByVpc.get(group.vpcId)!.push(group);
    return group;
  }

  addEni(eni: Eni): Eni {
    this.model.enis.push(eni);
    this.eniById.set(eni.eniId, eni);
    return eni;
  }

  vpc(vpcId: string): Vpc {
    return this.vpcById.get(vpcId)!;
  }

  subnet(subnetId: string): Subnet {
    return this.subnetById.get(subnetId)!;
  }

  /** The VPC's default security group (created with the VPC, always first in its list). */
  defaultSg(vpcId: string): SecurityGroup {
    return this.sgsByVpc.get(vpcId)![0]!;
  }

  addPrefixList(list: PrefixList): void {
    this.model.prefixLists.push(list);
    this.prefixListById.set(list.prefixListId, list);
  }

  /** A customer-managed list counts as its `MaxEntries` against rule quotas (§1.4). */
  prefixListWeight(prefixListId: string): number {
    return this.prefixListById.get(prefixListId)!.maxEntries;
  }

  /** Whether the list holds IPv6 blocks (its rules then draw ICMPv6 rather than ICMP). */
  prefixListIsV6(prefixListId: string): boolean {
    return this.prefixListById.get(prefixListId)!.family === 'IPv6';
  }

  addAccount(account: Account): void {
    this.model.accounts.push(account);
  }
}
