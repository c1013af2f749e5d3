import type { IpAddress } from '../../net/address.js';
import { cidrCovers, formatCidr, hostCidr, cidr as parseBlock } from '../../net/cidr.js';
import { type PortRange, parsePortRange } from '../../net/port-range.js';
import type { Direction, Eni, Network, SecurityGroup } from '../../network/types.js';
import { crossZoneFor } from '../../paths/target-choice.js';
import type { ChangeContext, FailingHop } from './failing-hops.js';
import { ownerOf } from './origin.js';
import {
  addressOf,
  balancerOfNode,
  isWideBlock,
  nlbNodeEni,
  nodeAddresses,
  scopeBlock,
} from './peer.js';
import type { FixChange, RulePeer, SecurityGroupRuleSpec } from './types.js';

/**
 * The rules that let one blocked request through a set of security groups: one rule on one of
 * the ENI's groups, for the packet's protocol and port, naming the peer at the chosen scope.
 * A target's peer is the load balancer, never the consumer client (whose address never reaches
 * it): the NLB's group by reference when the NLB has groups and enforces them on PrivateLink
 * traffic, otherwise each node address that sends to the target, as AWS advises.
 */
export function securityGroupChanges(ctx: ChangeContext, failing: FailingHop): FixChange[] {
  const { hop } = failing;
  const direction = hop.direction;
  const packet = hop.packet;
  const ports = packet === undefined ? undefined : parsePortRange(packet.port);
  const ipProtocol =
    packet?.protocol === 'tcp' || packet?.protocol === 'udp' ? packet.protocol : undefined;
  const groupId = chooseGroup(ctx.network, hop.securityGroups ?? []);
  if (direction === undefined || ports === undefined || ipProtocol === undefined || !groupId) {
    return [];
  }
  const peerText = direction === 'ingress' ? packet?.source : packet?.destination;
  const address = addressOf(peerText);
  if (address === undefined) return [];
  const group = ctx.network.securityGroups.get(groupId);
  const wanted = { protocol: ipProtocol === 'tcp' ? 6 : 17, ports, direction };
  const peers = peersFor(ctx, failing, address).filter(
    (peer) => group === undefined || !alreadyAdmits(group, wanted, peer),
  );
  return peers.map((peer) => {
    const rule: SecurityGroupRuleSpec = {
      groupId,
      ipProtocol,
      fromPort: ports.from,
      toPort: ports.to,
      peer,
      description: describeRule(ctx),
    };
    return {
      kind: 'security-group-rule',
      component: hop.component,
      direction,
      path: hop.path,
      why: explain(ctx.network, failing, peerText ?? '', groupId) + nodeNote(ctx, failing, peer),
      rule,
      ...ownerOf(ctx.snapshot, { groupId }),
    };
  });
}

/**
 * True when the group already has a rule for the peer, protocol and ports: AWS would refuse it as
 * a duplicate (a node address already admitted, with another node's missing, for example).
 */
function alreadyAdmits(
  group: SecurityGroup,
  wanted: { protocol: number; ports: PortRange; direction: Direction },
  peer: RulePeer,
): boolean {
  const rules = wanted.direction === 'ingress' ? group.inbound : group.outbound;
  return rules.some((rule) => {
    if (rule.protocol !== 'all' && rule.protocol !== wanted.protocol) return false;
    if (rule.l4.kind === 'icmp') return false;
    if (
      rule.l4.kind === 'ports' &&
      (rule.l4.from > wanted.ports.from || rule.l4.to < wanted.ports.to)
    )
      return false;
    if (peer.kind === 'security-group')
      return rule.peer.kind === 'security-group' && rule.peer.groupId === peer.groupId;
    return rule.peer.kind === 'cidr' && cidrCovers(rule.peer.cidr, parseBlock(peer.cidr));
  });
}

/** The group to extend: the ENI's first group that is not a VPC's default group, if any. */
function chooseGroup(network: Network, groupIds: readonly string[]): string | undefined {
  const own = groupIds.find((id) => network.securityGroups.get(id)?.isDefault === false);
  return own ?? groupIds.find((id) => network.securityGroups.has(id));
}

function peersFor(ctx: ChangeContext, failing: FailingHop, address: IpAddress): RulePeer[] {
  const { network, options } = ctx;
  const node = failing.hop.direction === 'ingress' ? nlbNodeEni(network, address) : undefined;
  if (node === undefined) {
    const cidr = scopeBlock(network, address, options.scope);
    return isWideBlock(cidr) && !options.allowWide ? [] : [{ kind: 'cidr', cidr }];
  }
  const balancer = balancerOfNode(network, node);
  if (balancer === undefined) return [{ kind: 'cidr', cidr: formatCidr(hostCidr(address)) }];
  const nlbGroup = balancer.securityGroupIds[0];
  if (nlbGroup !== undefined && balancer.enforceInboundRulesOnPrivateLink) {
    const userId = network.securityGroups.get(nlbGroup)?.ownerId;
    return [{ kind: 'security-group', groupId: nlbGroup, ...(userId ? { userId } : {}) }];
  }
  if (options.scope === 'vpc') return [{ kind: 'cidr', cidr: scopeBlock(network, address, 'vpc') }];
  // A health check comes from every node whatever the cross-zone setting, and each failing
  // check is its own hop; forwarded traffic comes from every node only with cross-zone on.
  if (failing.health !== undefined) return [{ kind: 'cidr', cidr: formatCidr(hostCidr(address)) }];
  const target = network.enis.get(failing.hop.component);
  const zones = crossZone(ctx, failing) ? undefined : zonesOf(target);
  return nodeAddresses(balancer, zones).map((block) => ({ kind: 'cidr', cidr: formatCidr(block) }));
}

function crossZone(ctx: ChangeContext, failing: FailingHop): boolean {
  const arn = failing.waypoints?.loadBalancer?.arn;
  const balancer = arn === undefined ? undefined : ctx.network.loadBalancers.get(arn);
  if (balancer === undefined) return true;
  const groupArn = failing.waypoints?.target?.targetGroupArn;
  const group = groupArn === undefined ? undefined : ctx.network.targetGroups.get(groupArn);
  return group === undefined ? balancer.crossZone : crossZoneFor(balancer, group);
}

function zonesOf(eni: Eni | undefined): ReadonlySet<string> | undefined {
  return eni?.availabilityZoneId === undefined ? undefined : new Set([eni.availabilityZoneId]);
}

function describeRule(ctx: ChangeContext): string {
  const q = ctx.question;
  const text = `vpcreach fix: ${q.from} to ${q.to} ${q.protocol} ${q.port ?? ''}`.trim();
  return text.replace(/[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, '');
}

/** Why a target rule names the load balancer rather than the client. */
function nodeNote(ctx: ChangeContext, failing: FailingHop, peer: RulePeer): string {
  const source = addressOf(failing.hop.packet?.source);
  const node = source === undefined ? undefined : nlbNodeEni(ctx.network, source);
  if (failing.hop.direction !== 'ingress' || node === undefined) return '';
  if (peer.kind === 'security-group') {
    return `; the load balancer carries its group ${peer.groupId} (enforcement on), so the rule references it`;
  }
  const who = failing.health
    ? 'every node health-checks every target'
    : crossZone(ctx, failing)
      ? 'with cross-zone load balancing every node forwards to this target'
      : "the nodes in the target's zone forward to it";
  return `; ${peer.cidr} is a load balancer node: ${who}, and targets see node addresses, never the client's`;
}

function explain(network: Network, failing: FailingHop, peer: string, groupId: string): string {
  const { hop } = failing;
  const role = roleOf(network.enis.get(hop.component));
  const way = hop.direction === 'ingress' ? `inbound from ${peer}` : `outbound to ${peer}`;
  const what = `${hop.packet?.protocol ?? ''} ${hop.packet?.port ?? ''}`;
  const flow = failing.health ? `the health check of ${failing.health.targetId}` : 'the request';
  const groups = (hop.securityGroups ?? []).join(', ') || groupId;
  return `${role} ${hop.component}: no ${hop.direction === 'ingress' ? 'inbound' : 'outbound'} rule of ${groups} admits ${flow} (${what} ${way}); ${hop.code ?? 'ENI_SG_RULES_MISMATCH'}`;
}

function roleOf(eni: Eni | undefined): string {
  switch (eni?.kind) {
    case 'vpc-endpoint':
      return 'endpoint ENI';
    case 'nlb-node':
      return 'load balancer node';
    case 'instance':
      return 'instance ENI';
    default:
      return 'ENI';
  }
}
