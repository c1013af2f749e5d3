/**
 * Lookups over the oracle's plain lists. Every one is a linear search: the oracle runs on small
 * snapshots, and a search anyone can read beats an index that could be stale.
 */
import { type Address, type CidrRange, type Family, parseAddress, parseCidr } from './ip.js';
import type {
  OracleSnapshot,
  RawEni,
  RawLoadBalancer,
  RawNetworkAcl,
  RawSecurityGroup,
  RawSubnet,
  RawVpcEndpoint,
} from './snapshot.js';

const cidrCache = new Map<string, CidrRange>();

/** parseCidr with a cache: the box enumeration parses the same rule text many times. */
export function cidrOf(text: string): CidrRange {
  let range = cidrCache.get(text);
  if (range === undefined) {
    range = parseCidr(text);
    cidrCache.set(text, range);
  }
  return range;
}

/** The subnet with this ID (throws when the snapshot lacks it). */
export function findSubnet(snapshot: OracleSnapshot, subnetId: string): RawSubnet {
  const subnet = snapshot.subnets.find((s) => s.SubnetId === subnetId);
  if (subnet === undefined) throw new Error(`oracle: subnet ${subnetId} is not in the snapshot`);
  return subnet;
}

/** The subnet's explicitly associated NACL, else its VPC's default NACL (undefined if neither). */
export function naclOfSubnet(
  snapshot: OracleSnapshot,
  subnetId: string,
): RawNetworkAcl | undefined {
  const explicit = snapshot.networkAcls.find((acl) =>
    (acl.Associations ?? []).some((a) => a.SubnetId === subnetId),
  );
  if (explicit !== undefined) return explicit;
  const vpcId = findSubnet(snapshot, subnetId).VpcId;
  return snapshot.networkAcls.find((acl) => acl.IsDefault === true && acl.VpcId === vpcId);
}

/** The ENI with this ID, if described. */
export function findEni(snapshot: OracleSnapshot, eniId: string): RawEni | undefined {
  return snapshot.enis.find((e) => e.NetworkInterfaceId === eniId);
}

/** Every address (both families) the ENI owns as text. */
export function addressesOfEni(eni: RawEni): string[] {
  const texts = [
    eni.PrivateIpAddress,
    ...(eni.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress),
    ...(eni.Ipv6Addresses ?? []).map((p) => p.Ipv6Address),
  ];
  return texts.filter((t): t is string => t !== undefined);
}

function sameAddress(text: string, address: Address): boolean {
  const parsed = parseAddress(text);
  return parsed.family === address.family && parsed.value === address.value;
}

/** The ENI owning this address (primary, secondary or IPv6), if any. */
export function findEniByAddress(snapshot: OracleSnapshot, address: Address): RawEni | undefined {
  return snapshot.enis.find((eni) => addressesOfEni(eni).some((t) => sameAddress(t, address)));
}

/** The primary address of the ENI in a family: primary private IPv4, or its primary IPv6. */
export function primaryAddress(eni: RawEni, family: Family): Address | undefined {
  if (family === 4) {
    const primary =
      eni.PrivateIpAddress ?? eni.PrivateIpAddresses?.find((p) => p.Primary)?.PrivateIpAddress;
    return primary === undefined ? undefined : parseAddress(primary);
  }
  const v6 = eni.Ipv6Addresses ?? [];
  const chosen = v6.find((a) => a.IsPrimaryIpv6 === true) ?? v6[0];
  return chosen === undefined ? undefined : parseAddress(chosen.Ipv6Address);
}

/** An instance's primary ENI: the one attached at device index 0. */
export function primaryEniOfInstance(snapshot: OracleSnapshot, instanceId: string): RawEni {
  const attached = snapshot.enis.filter((e) => e.Attachment?.InstanceId === instanceId);
  const primary = attached.find((e) => (e.Attachment?.DeviceIndex ?? 0) === 0) ?? attached[0];
  if (primary === undefined) throw new Error(`oracle: instance ${instanceId} has no ENI`);
  return primary;
}

/** The interface endpoint whose ENIs include this one, if any. */
export function endpointOfEni(snapshot: OracleSnapshot, eniId: string): RawVpcEndpoint | undefined {
  return snapshot.vpcEndpoints.find((v) => (v.NetworkInterfaceIds ?? []).includes(eniId));
}

/** The security group with this ID, if described. */
export function findSecurityGroup(
  snapshot: OracleSnapshot,
  groupId: string,
): RawSecurityGroup | undefined {
  return snapshot.securityGroups.find((g) => g.GroupId === groupId);
}

/** The name and ID part of an NLB ARN, `net/<name>/<id>`, as used in its ENIs' descriptions. */
export function loadBalancerResource(arn: string): string {
  const marker = ':loadbalancer/';
  const at = arn.indexOf(marker);
  return at < 0 ? arn : arn.slice(at + marker.length);
}

/** One NLB node: the NLB's ENI in one enabled subnet. */
export interface NlbNode {
  loadBalancer: RawLoadBalancer;
  subnetId: string;
  zoneId: string | undefined;
  eniId: string;
  address: Address;
}

function nodeEni(snapshot: OracleSnapshot, lb: RawLoadBalancer, subnetId: string, ip?: string) {
  if (ip !== undefined) {
    const byIp = findEniByAddress(snapshot, parseAddress(ip));
    if (byIp !== undefined) return byIp;
  }
  const description = `ELB ${loadBalancerResource(lb.LoadBalancerArn)}`;
  return snapshot.enis.find((e) => e.SubnetId === subnetId && e.Description === description);
}

/** The NLB's nodes, one per enabled subnet that has an ENI or a private address. */
export function nodesOf(snapshot: OracleSnapshot, lb: RawLoadBalancer): NlbNode[] {
  const nodes: NlbNode[] = [];
  for (const zone of lb.AvailabilityZones ?? []) {
    const ip = zone.LoadBalancerAddresses?.find((a) => a.PrivateIPv4Address)?.PrivateIPv4Address;
    const eni = nodeEni(snapshot, lb, zone.SubnetId, ip);
    const address =
      ip !== undefined ? parseAddress(ip) : eni === undefined ? undefined : primaryAddress(eni, 4);
    if (address === undefined) continue;
    nodes.push({
      loadBalancer: lb,
      subnetId: zone.SubnetId,
      zoneId: findSubnet(snapshot, zone.SubnetId).AvailabilityZoneId,
      eniId:
        eni?.NetworkInterfaceId ?? `${loadBalancerResource(lb.LoadBalancerArn)}@${zone.SubnetId}`,
      address,
    });
  }
  return nodes;
}

const nodesCache = new WeakMap<OracleSnapshot, NlbNode[]>();

/** Every NLB node of the snapshot, for lookups by ENI or address (cached: pure in the snapshot). */
export function allNodes(snapshot: OracleSnapshot): NlbNode[] {
  let nodes = nodesCache.get(snapshot);
  if (nodes === undefined) {
    nodes = snapshot.loadBalancers
      .filter((lb) => (lb.Type ?? 'network') === 'network')
      .flatMap((lb) => nodesOf(snapshot, lb));
    nodesCache.set(snapshot, nodes);
  }
  return nodes;
}

/**
 * The groups an ENI carries. An endpoint ENI without groups gets its endpoint's groups, else the
 * VPC's default group (AWS attaches it when none is given); an NLB node carries the NLB's groups.
 */
export function groupsOfEni(snapshot: OracleSnapshot, eni: RawEni): string[] {
  const own = (eni.Groups ?? []).map((g) => g.GroupId);
  const node = allNodes(snapshot).find((n) => n.eniId === eni.NetworkInterfaceId);
  if (node !== undefined) return [...(node.loadBalancer.SecurityGroups ?? [])];
  const endpoint = endpointOfEni(snapshot, eni.NetworkInterfaceId);
  if (endpoint === undefined || own.length > 0) return own;
  const listed = (endpoint.Groups ?? []).map((g) => g.GroupId);
  if (listed.length > 0) return listed;
  const fallback = snapshot.securityGroups.find(
    (g) => g.VpcId === endpoint.VpcId && g.GroupName === 'default',
  );
  return fallback === undefined ? [] : [fallback.GroupId];
}

/** The VPC of an ENI (its own field, else its subnet's). */
export function vpcOfEni(snapshot: OracleSnapshot, eni: RawEni): string {
  return eni.VpcId ?? findSubnet(snapshot, eni.SubnetId).VpcId;
}

/** One attribute value of a load balancer, if collected. */
export function loadBalancerAttribute(
  snapshot: OracleSnapshot,
  arn: string,
  key: string,
): string | undefined {
  return snapshot.loadBalancerAttributes.get(arn)?.get(key);
}

/** One attribute value of a target group, if collected. */
export function targetGroupAttribute(
  snapshot: OracleSnapshot,
  arn: string,
  key: string,
): string | undefined {
  return snapshot.targetGroupAttributes.get(arn)?.get(key);
}

/** The account in an ARN (`arn:aws:service:region:account:…`). */
export function accountOfArn(arn: string): string | undefined {
  return arn.split(':')[4];
}
