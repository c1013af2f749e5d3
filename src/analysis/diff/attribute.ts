import { cidr, cidrContains } from '../../net/cidr.js';
import type { PacketSet } from '../../net/packet-set.js';
import type { Eni, Network } from '../../network/types.js';
import type { DestinationSide } from '../reach/destinations.js';
import type { RawFlow } from './flows.js';
import type { ChangeDetail } from './rule-changes.js';

/**
 * How a component sits on a flow's path: it filters the destination (its groups inbound, its
 * subnet's NACL), the provider behind an endpoint (NLB, listeners, targets: packets are
 * rewritten there, so no packet of the flow is compared with their rules), the NLB's own groups,
 * the sender, or only holds an address of the
 * flow's sources (an ENI that joined or left a group another rule refers to).
 */
type Role = 'destination' | 'provider' | 'load-balancer' | 'sender' | 'address';

type Roles = Map<string, Set<Role>>;

function add(roles: Roles, id: string | undefined, role: Role): void {
  if (id === undefined) return;
  const set = roles.get(id) ?? new Set<Role>();
  set.add(role);
  roles.set(id, set);
}

/** Components on the destination side of the paths, in one snapshot. */
export function destinationRoles(
  network: Network,
  sides: readonly DestinationSide[],
  roles: Roles = new Map(),
): Roles {
  for (const side of sides) {
    const eni = side.eni;
    const endpoint = network.vpcEndpoints.get(eni.vpcEndpointId ?? '');
    const groups =
      eni.securityGroupIds.length > 0 ? eni.securityGroupIds : (endpoint?.securityGroupIds ?? []);
    add(roles, eni.id, 'destination');
    for (const group of groups) add(roles, group, 'destination');
    addSubnet(network, roles, eni.subnetId, 'destination');
    if (endpoint === undefined) continue;
    add(roles, endpoint.id, 'destination');
    providerRoles(network, endpoint.serviceName, roles);
  }
  return roles;
}

function addSubnet(network: Network, roles: Roles, subnetId: string, role: Role): void {
  add(roles, subnetId, role);
  add(roles, network.subnets.get(subnetId)?.networkAclId, role);
}

function providerRoles(network: Network, serviceName: string, roles: Roles): void {
  const service = [...network.endpointServices.values()].find((s) => s.name === serviceName);
  if (service === undefined) return;
  add(roles, service.id, 'provider');
  for (const arn of service.loadBalancerArns) {
    const balancer = network.loadBalancers.get(arn);
    if (balancer === undefined) continue;
    add(roles, arn, 'provider');
    for (const group of balancer.securityGroupIds) add(roles, group, 'load-balancer');
    for (const node of balancer.nodes) {
      add(roles, node.eniId, 'provider');
      addSubnet(network, roles, node.subnetId, 'provider');
    }
    for (const forward of balancer.listeners.flatMap((l) => l.forwards)) {
      const group = network.targetGroups.get(forward.targetGroupArn);
      add(roles, forward.targetGroupArn, 'provider');
      for (const target of group?.targets ?? []) {
        const eni = network.enis.get(target.eniId ?? '');
        if (eni === undefined) continue;
        add(roles, eni.id, 'provider');
        for (const id of eni.securityGroupIds) add(roles, id, 'provider');
        addSubnet(network, roles, eni.subnetId, 'provider');
      }
    }
  }
}

/** The flow's own senders, and every ENI holding one of its source addresses. */
function flowRoles(networks: readonly Network[], flow: RawFlow, base: Roles): Roles {
  const roles: Roles = new Map([...base].map(([id, set]) => [id, new Set(set)]));
  for (const network of networks) {
    for (const eni of flow.enis) {
      const here = network.enis.get(eni.id);
      if (here === undefined) continue;
      add(roles, here.id, 'sender');
      for (const group of here.securityGroupIds) add(roles, group, 'sender');
      addSubnet(network, roles, here.subnetId, 'sender');
    }
    const blocks = flow.item.cidrs.map((text) => cidr(text));
    for (const eni of network.enis.values()) {
      const addresses = [...eni.ipv4, ...eni.ipv6];
      if (addresses.some((a) => blocks.some((b) => cidrContains(b, a))))
        add(roles, eni.id, 'address');
    }
  }
  return roles;
}

/**
 * The changes that can explain a flow: on its path, and for a filter rule, one that matches
 * some packet of the flow in the direction it judges (a NACL's outbound entries at the
 * destination judge replies, so the flow is compared reversed there, and inbound at the sender).
 */
export function attributeFlow(
  networks: readonly Network[],
  flow: RawFlow,
  destination: Roles,
  changes: readonly ChangeDetail[],
): string[] {
  const roles = flowRoles(networks, flow, destination);
  const reversed = flow.set.reverse();
  return changes
    .filter((detail) => explains(detail, roles.get(detail.change.component), flow.set, reversed))
    .map((detail) => detail.change.id);
}

function explains(
  detail: ChangeDetail,
  roles: ReadonlySet<Role> | undefined,
  request: PacketSet,
  reply: PacketSet,
): boolean {
  if (roles === undefined) return false;
  const { change, matches } = detail;
  if (change.kind === 'resource') return true;
  // An NLB's groups filter both its legs; a target's groups are stateful, so only their inbound
  // rules decide; NACLs are stateless, so both directions of theirs do.
  if (roles.has('load-balancer')) return true;
  if (
    roles.has('provider') &&
    (change.kind !== 'security-group-rule' || change.direction === 'ingress')
  )
    return true;
  if (matches === undefined) return false;
  const judges = (role: Role, requestDirection: 'ingress' | 'egress') => {
    if (!roles.has(role)) return false;
    if (change.direction === requestDirection) return matches.overlaps(request);
    return detail.judgesReplies && matches.overlaps(reply);
  };
  return judges('destination', 'ingress') || judges('sender', 'egress');
}

export type { Roles };

/** ENIs of either snapshot that start flows in the VPCs of a destination's ENIs. */
export function candidateSenders(networks: readonly Network[], vpcIds: ReadonlySet<string>): Eni[] {
  return networks.flatMap((network) =>
    [...network.enis.values()].filter(
      (eni) => vpcIds.has(eni.vpcId) && (eni.kind === 'instance' || eni.kind === 'other'),
    ),
  );
}
