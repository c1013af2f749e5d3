/**
 * Integrity of the VPC layer: subnets inside their VPC, one default SG and NACL per VPC, every
 * subnet associated once, NACL rule numbers unique per direction with the `*` entries, SG
 * references and prefix lists that resolve, ENI addresses unique and inside their subnet,
 * group limits per ENI.
 */
import { cidr4Contains, cidr4Size, ipv4ToInt, ipv6ToBigInt, parseCidr4 } from './addressing.js';
import type { IntegrityContext } from './integrity-context.js';
import type {
  EniDoc,
  GroupDoc,
  NaclDoc,
  PermissionDoc,
  PrefixListDoc,
  PrefixListEntriesDoc,
  ReservationDoc,
  SubnetDoc,
  VpcDoc,
  ZoneDoc,
} from './integrity-shapes.js';

function v6Contains(cidr: string, ip: string): boolean {
  const [base, length] = cidr.split('/');
  const size = 2n ** BigInt(128 - Number(length));
  const start = ipv6ToBigInt(base!);
  const value = ipv6ToBigInt(ip);
  return value >= start && value < start + size;
}

function checkSubnets(ctx: IntegrityContext): void {
  const zones = new Map<string, string>();
  for (const zone of ctx.items<ZoneDoc>('AvailabilityZones'))
    zones.set(`${ctx.owners.get(zone)}|${zone.ZoneName}`, zone.ZoneId);
  for (const subnet of ctx.items<SubnetDoc>('Subnets')) {
    const vpc = ctx.get<VpcDoc>('Vpcs', 'VpcId', subnet.VpcId);
    ctx.expect(vpc !== undefined, `subnet ${subnet.SubnetId}: VPC ${subnet.VpcId} missing`);
    if (vpc)
      ctx.expect(
        cidr4Contains(vpc.CidrBlock, subnet.CidrBlock.split('/')[0]!),
        `subnet ${subnet.SubnetId} outside its VPC`,
      );
    const zoneId = zones.get(`${ctx.owners.get(subnet)}|${subnet.AvailabilityZone}`);
    ctx.expect(
      zoneId === subnet.AvailabilityZoneId,
      `subnet ${subnet.SubnetId}: zone name and ID disagree`,
    );
  }
}

function checkEntries(ctx: IntegrityContext, acl: NaclDoc, ipv6Vpc: boolean): void {
  for (const egress of [false, true]) {
    const numbers = acl.Entries.filter((e) => e.Egress === egress).map((e) => e.RuleNumber);
    ctx.expect(
      new Set(numbers).size === numbers.length,
      `NACL ${acl.NetworkAclId}: duplicate rule numbers`,
    );
    ctx.expect(
      numbers.every((n) => (n >= 1 && n <= 32766) || n === 32767 || n === 32768),
      `NACL ${acl.NetworkAclId}: rule number out of range`,
    );
    ctx.expect(numbers.includes(32767), `NACL ${acl.NetworkAclId}: missing the IPv4 * entry`);
    ctx.expect(
      numbers.includes(32768) === ipv6Vpc,
      `NACL ${acl.NetworkAclId}: IPv6 * entry does not match the VPC`,
    );
  }
}

function checkNetworkAcls(ctx: IntegrityContext): void {
  const associated = new Map<string, number>();
  const defaults = new Map<string, number>();
  for (const acl of ctx.items<NaclDoc>('NetworkAcls')) {
    const vpc = ctx.get<VpcDoc>('Vpcs', 'VpcId', acl.VpcId);
    ctx.expect(vpc !== undefined, `NACL ${acl.NetworkAclId}: VPC missing`);
    if (acl.IsDefault) defaults.set(acl.VpcId, (defaults.get(acl.VpcId) ?? 0) + 1);
    for (const association of acl.Associations) {
      const subnet = ctx.get<SubnetDoc>('Subnets', 'SubnetId', association.SubnetId);
      ctx.expect(
        subnet?.VpcId === acl.VpcId,
        `NACL ${acl.NetworkAclId}: subnet ${association.SubnetId} missing or in another VPC`,
      );
      associated.set(association.SubnetId, (associated.get(association.SubnetId) ?? 0) + 1);
    }
    checkEntries(ctx, acl, (vpc?.Ipv6CidrBlockAssociationSet ?? []).length > 0);
  }
  for (const subnet of ctx.items<SubnetDoc>('Subnets')) {
    ctx.expect(
      associated.get(subnet.SubnetId) === 1,
      `subnet ${subnet.SubnetId}: not associated with exactly one NACL`,
    );
  }
  for (const vpc of ctx.items<VpcDoc>('Vpcs'))
    ctx.expect(defaults.get(vpc.VpcId) === 1, `VPC ${vpc.VpcId}: no single default NACL`);
}

/** Per-direction rule weight of a permission list: prefix lists count as `MaxEntries`. */
function weightOf(ctx: IntegrityContext, permissions: PermissionDoc[]): number {
  let weight = 0;
  for (const p of permissions) {
    weight += p.IpRanges.length + p.Ipv6Ranges.length + p.UserIdGroupPairs.length;
    for (const list of p.PrefixListIds)
      weight +=
        ctx.get<PrefixListDoc>('PrefixLists', 'PrefixListId', list.PrefixListId)?.MaxEntries ?? 0;
  }
  return weight;
}

function checkGroups(ctx: IntegrityContext): Map<string, number> {
  const weights = new Map<string, number>();
  const defaults = new Map<string, number>();
  for (const group of ctx.items<GroupDoc>('SecurityGroups')) {
    ctx.expect(
      ctx.get<VpcDoc>('Vpcs', 'VpcId', group.VpcId) !== undefined,
      `SG ${group.GroupId}: VPC missing`,
    );
    if (group.GroupName === 'default')
      defaults.set(group.VpcId, (defaults.get(group.VpcId) ?? 0) + 1);
    for (const p of [...group.IpPermissions, ...group.IpPermissionsEgress]) {
      for (const pair of p.UserIdGroupPairs) {
        const target = ctx.get<GroupDoc>('SecurityGroups', 'GroupId', pair.GroupId);
        ctx.expect(
          target !== undefined && target.OwnerId === pair.UserId,
          `SG ${group.GroupId}: reference ${pair.GroupId} does not resolve`,
        );
        ctx.expect(
          (pair.VpcId ?? group.VpcId) === target?.VpcId,
          `SG ${group.GroupId}: reference ${pair.GroupId} names the wrong VPC`,
        );
      }
      for (const list of p.PrefixListIds) {
        ctx.expect(
          ctx.get('PrefixLists', 'PrefixListId', list.PrefixListId) !== undefined,
          `SG ${group.GroupId}: prefix list ${list.PrefixListId} missing`,
        );
      }
    }
    const weight = Math.max(
      weightOf(ctx, group.IpPermissions),
      weightOf(ctx, group.IpPermissionsEgress),
    );
    ctx.expect(weight <= 1000, `SG ${group.GroupId}: ${weight} rules in one direction`);
    weights.set(group.GroupId, weight);
  }
  for (const vpc of ctx.items<VpcDoc>('Vpcs'))
    ctx.expect(defaults.get(vpc.VpcId) === 1, `VPC ${vpc.VpcId}: no single default SG`);
  for (const wrapper of ctx.items<PrefixListEntriesDoc>('PrefixListEntries')) {
    const list = ctx.get<PrefixListDoc>('PrefixLists', 'PrefixListId', wrapper.PrefixListId);
    ctx.expect(
      list !== undefined && wrapper.Entries.length <= list.MaxEntries,
      `prefix list ${wrapper.PrefixListId}: missing or over MaxEntries`,
    );
  }
  return weights;
}

function checkAddresses(
  ctx: IntegrityContext,
  eni: EniDoc,
  subnet: SubnetDoc,
  seen: Set<string>,
): void {
  const { base } = parseCidr4(subnet.CidrBlock);
  const last = base + cidr4Size(subnet.CidrBlock) - 1;
  for (const { PrivateIpAddress: ip } of eni.PrivateIpAddresses) {
    const value = ipv4ToInt(ip);
    ctx.expect(
      value >= base + 4 && value < last,
      `ENI ${eni.NetworkInterfaceId}: ${ip} outside ${subnet.CidrBlock} or reserved`,
    );
    ctx.expect(!seen.has(ip), `ENI ${eni.NetworkInterfaceId}: ${ip} used twice`);
    seen.add(ip);
  }
  const v6 = subnet.Ipv6CidrBlockAssociationSet[0]?.Ipv6CidrBlock;
  for (const { Ipv6Address: ip } of eni.Ipv6Addresses) {
    ctx.expect(
      v6 !== undefined && v6Contains(v6, ip),
      `ENI ${eni.NetworkInterfaceId}: ${ip} outside the subnet's IPv6 block`,
    );
    ctx.expect(!seen.has(ip), `ENI ${eni.NetworkInterfaceId}: ${ip} used twice`);
    seen.add(ip);
  }
}

function checkEnis(ctx: IntegrityContext, weights: Map<string, number>): void {
  const seen = new Set<string>();
  const instances = new Set(
    ctx.items<ReservationDoc>('Reservations').flatMap((r) => r.Instances.map((i) => i.InstanceId)),
  );
  for (const eni of ctx.items<EniDoc>('NetworkInterfaces')) {
    const subnet = ctx.get<SubnetDoc>('Subnets', 'SubnetId', eni.SubnetId);
    ctx.expect(
      subnet?.VpcId === eni.VpcId,
      `ENI ${eni.NetworkInterfaceId}: subnet missing or in another VPC`,
    );
    if (subnet) checkAddresses(ctx, eni, subnet, seen);
    ctx.expect(
      eni.PrivateIpAddresses[0]?.PrivateIpAddress === eni.PrivateIpAddress,
      `ENI ${eni.NetworkInterfaceId}: primary address mismatch`,
    );
    ctx.expect(eni.Groups.length <= 16, `ENI ${eni.NetworkInterfaceId}: more than 16 groups`);
    let heaviest = 0;
    for (const { GroupId } of eni.Groups) {
      const group = ctx.get<GroupDoc>('SecurityGroups', 'GroupId', GroupId);
      ctx.expect(
        group?.VpcId === eni.VpcId,
        `ENI ${eni.NetworkInterfaceId}: group ${GroupId} missing or in another VPC`,
      );
      heaviest = Math.max(heaviest, weights.get(GroupId) ?? 0);
    }
    ctx.expect(
      heaviest * eni.Groups.length <= 1000,
      `ENI ${eni.NetworkInterfaceId}: rules × groups over 1,000`,
    );
    const instanceId = eni.Attachment?.InstanceId;
    if (instanceId !== undefined)
      ctx.expect(
        instances.has(instanceId),
        `ENI ${eni.NetworkInterfaceId}: instance ${instanceId} missing`,
      );
  }
  for (const reservation of ctx.items<ReservationDoc>('Reservations')) {
    for (const instance of reservation.Instances) {
      for (const ni of instance.NetworkInterfaces) {
        const eni = ctx.get<EniDoc>(
          'NetworkInterfaces',
          'NetworkInterfaceId',
          ni.NetworkInterfaceId,
        );
        ctx.expect(
          eni?.Attachment?.InstanceId === instance.InstanceId,
          `instance ${instance.InstanceId}: ENI ${ni.NetworkInterfaceId} missing or attached elsewhere`,
        );
      }
    }
  }
}

/** Checks the VPC layer; call after the context's indexes exist. */
export function checkNetworkLayer(ctx: IntegrityContext): void {
  checkSubnets(ctx);
  checkNetworkAcls(ctx);
  checkEnis(ctx, checkGroups(ctx));
}
