import type { Flow } from '../filters/flow.js';
import { evaluateNetworkAcl } from '../filters/network-acl.js';
import { evaluateSecurityGroups, hasNoRules } from '../filters/security-group.js';
import { formatPortRange } from '../net/port-range.js';
import type { Direction, Network, SecurityGroup } from '../network/types.js';
import { type EphemeralOwner, type Hop, type PathSide, verdictOf, viewOf } from './hop.js';

/**
 * The security groups of an ENI judging a request. Only forward packets are judged: groups are
 * stateful, so the reply of an admitted request passes whatever the rules say.
 */
export function securityGroupHop(
  network: Network,
  component: string,
  groupIds: readonly string[],
  direction: Direction,
  flow: Flow,
): Hop {
  const groups = groupIds
    .map((id) => network.securityGroups.get(id))
    .filter((group): group is SecurityGroup => group !== undefined);
  const segments = evaluateSecurityGroups(groups, direction, flow);
  const verdict = verdictOf(segments);
  const code = hasNoRules(groups, direction) ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH';
  const matched = segments.find((segment) => segment.allowed)?.decision;
  const detail =
    verdict === 'pass'
      ? matched?.kind === 'security-group-rule'
        ? `allowed by ${matched.groupId} rule ${matched.summary}`
        : 'no security groups: no filtering'
      : `no ${direction === 'ingress' ? 'inbound' : 'outbound'} rule of ${groupIds.join(', ')} matches`;
  return {
    kind: 'security-group',
    component,
    securityGroups: groupIds,
    direction,
    path: 'forward',
    verdict,
    packet: viewOf(flow),
    segments,
    detail,
    ...(verdict === 'pass' ? {} : { code }),
  };
}

/** The network ACL of a subnet judging one direction of one packet (or a range of ports). */
export function networkAclHop(
  network: Network,
  subnetId: string,
  direction: Direction,
  flow: Flow,
  side: PathSide,
  ephemeral?: EphemeralOwner,
): Hop {
  const subnet = network.subnets.get(subnetId)!;
  const acl = network.networkAcls.get(subnet.networkAclId)!;
  const segments = evaluateNetworkAcl(acl, direction, flow);
  const verdict = verdictOf(segments);
  return {
    kind: 'network-acl',
    component: acl.id,
    direction,
    path: side,
    verdict,
    packet: viewOf(flow),
    segments,
    ...(ephemeral === undefined ? {} : { ephemeral }),
    detail: describeAclSegments(segments, subnetId, direction),
    ...(verdict === 'pass' ? {} : { code: 'SUBNET_ACL_RESTRICTION' }),
  };
}

function describeAclSegments(
  segments: ReturnType<typeof evaluateNetworkAcl>,
  subnetId: string,
  direction: Direction,
): string {
  const where = `${direction === 'ingress' ? 'inbound' : 'outbound'} at ${subnetId}`;
  const parts = segments.map((segment) => {
    const decision = segment.decision;
    const rule = decision.kind === 'network-acl-entry' ? `rule ${decision.ruleNumber}` : 'rule';
    const verb = segment.allowed ? 'allows' : 'denies';
    return segments.length === 1
      ? `${rule} ${verb}`
      : `${rule} ${verb} ${formatPortRange(segment.ports)}`;
  });
  return `${parts.join('; ')} (${where})`;
}

/**
 * The NACL hops a packet meets between two subnets: the sender subnet's outbound entries, then
 * the receiver subnet's inbound entries. Inside one subnet no NACL is evaluated.
 */
export function crossSubnets(
  network: Network,
  fromSubnet: string,
  toSubnet: string,
  flow: Flow,
  side: PathSide,
  ephemeral?: EphemeralOwner,
): Hop[] {
  if (fromSubnet === toSubnet) return [];
  return [
    networkAclHop(network, fromSubnet, 'egress', flow, side, ephemeral),
    networkAclHop(network, toSubnet, 'ingress', flow, side, ephemeral),
  ];
}
