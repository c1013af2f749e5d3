import type { IacNetwork, IacSecurityGroup, IacSubnet, IacVpc } from './model.js';
import type { NoteList } from './read-result.js';

/** The network being emitted, indexed by ID, and where notes go. */
export interface EmitContext {
  network: IacNetwork;
  notes: NoteList;
  vpcById: Map<string, IacVpc>;
  subnetById: Map<string, IacSubnet>;
  groupById: Map<string, IacSecurityGroup>;
}

/** Indexes a network for emitting; notes made while emitting go to `notes`. */
export function createEmitContext(network: IacNetwork, notes: NoteList): EmitContext {
  return {
    network,
    notes,
    vpcById: new Map(network.vpcs.map((vpc) => [vpc.vpcId, vpc])),
    subnetById: new Map(network.subnets.map((subnet) => [subnet.subnetId, subnet])),
    groupById: new Map(network.securityGroups.map((group) => [group.groupId, group])),
  };
}

/** Drops keys whose value is undefined, so documents hold only what AWS would print. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** True when the VPC has an IPv6 block, which gives it IPv6 default rules and `*` entries. */
export function vpcHasIpv6(context: EmitContext, vpcId: string): boolean {
  return (context.vpcById.get(vpcId)?.ipv6CidrBlocks.length ?? 0) > 0;
}

/** `{GroupId, GroupName}` pairs as ENIs and instances list them. */
export function groupPairs(context: EmitContext, groupIds: string[]): object[] {
  return groupIds.map((groupId) =>
    compact({ GroupId: groupId, GroupName: context.groupById.get(groupId)?.groupName }),
  );
}

/**
 * The groups a resource ends up with: the ones it names, else the VPC's default group, as EC2
 * and interface endpoints do when created without any.
 */
export function effectiveGroups(
  context: EmitContext,
  owner: { groupIds: string[]; vpcId: string; source: string },
): string[] {
  if (owner.groupIds.length > 0) return owner.groupIds;
  const vpc = context.vpcById.get(owner.vpcId);
  if (vpc !== undefined) return [vpc.defaultSecurityGroupId];
  context.notes.add(
    'DEFAULT_GROUP_OUTSIDE_SNAPSHOT',
    owner.source,
    `no security groups are given, so the default group of ${owner.vpcId || 'its VPC'} applies, but that VPC is not in this file; the ENI is left without groups`,
  );
  return [];
}
