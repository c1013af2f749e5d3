import { formatIp } from '../../net/address.js';
import type { LoadBalancer, Network, NlbNode, Target, TargetGroup } from '../../network/types.js';
import { DEFAULT_MODEL_OPTIONS, type Limitation, type TraceContext } from '../../paths/context.js';
import { LOAD_BALANCER_PORTS, type Service } from '../../paths/flows.js';
import { targetHealth } from '../../paths/health.js';
import type { Hop } from '../../paths/hop.js';
import { forwardedGroups, targetLeg, targetWaypoint } from '../../paths/load-balancer.js';
import type { PathWaypoints } from '../../paths/path.js';
import { crossZoneFor, targetZone } from '../../paths/target-choice.js';
import type { FailingHop } from '../fix/failing-hops.js';
import type { Finding, Severity } from './finding.js';
import { fixSuggestion } from './fix-suggestion.js';
import { blockingRule, partialRule, passingText } from './hop-findings.js';

/** One leg the audit looked at: which node address sent what to which target. */
interface Leg {
  readonly balancer: LoadBalancer;
  readonly node: NlbNode;
  readonly address: string;
  readonly group: TargetGroup;
  readonly target: Target;
  readonly port: number;
  readonly protocol: number;
  readonly purpose: 'data' | 'health';
  /** Where a data leg sits, as fix reads a failing hop's path (health checks have none). */
  readonly waypoints?: PathWaypoints;
}

/**
 * The NLB's side of every path, leg by leg: each node address to each target it sends to
 * (every target with cross-zone on, its own zone's with it off) on the target port, and every
 * node to every target on the health-check port. A forward hop that refuses some node makes
 * the service work only sometimes; a return hop that drops the replies breaks it; one that
 * passes part of 1024-65535 works only for some of the ports the NLB picks.
 */
export function auditLoadBalancerLegs(network: Network, limitations: Limitation[] = []): Finding[] {
  const collector = new LegCollector(network);
  for (const balancer of network.loadBalancers.values()) {
    if (balancer.type !== 'network') continue;
    for (const listener of balancer.listeners) {
      if (listener.port === undefined) continue;
      const protocol = /^(UDP|QUIC)$/.test(listener.protocol ?? '') ? 17 : 6;
      const ctx = contextFor(network, protocol, listener.port);
      for (const group of forwardedGroups(ctx, listener)) {
        dataLegs(ctx, collector, balancer, group, protocol);
        healthLegs(ctx, collector, balancer, group);
      }
      limitations.push(...ctx.limitations);
    }
  }
  return collector.findings();
}

/**
 * A trace context for one protocol and listener port, with the NLB's source ports: what the
 * path builders need to judge the legs from the nodes.
 */
export function contextFor(network: Network, protocol: number, port: number): TraceContext {
  const service: Service = { family: 4, protocol, port, sourcePorts: LOAD_BALANCER_PORTS };
  return { network, service, options: DEFAULT_MODEL_OPTIONS, limitations: [], notes: [] };
}

function dataLegs(
  ctx: TraceContext,
  collector: LegCollector,
  balancer: LoadBalancer,
  group: TargetGroup,
  protocol: number,
) {
  const crossZone = crossZoneFor(balancer, group);
  const fronted = [...ctx.network.endpointServices.values()].some((s) =>
    s.loadBalancerArns.includes(balancer.arn),
  );
  // PrivateLink packets carry the NLB's groups only with enforcement on (as trace models it).
  const carried =
    !fronted || balancer.enforceInboundRulesOnPrivateLink ? balancer.securityGroupIds : [];
  for (const node of balancer.nodes) {
    const sources = node.ip === undefined ? [] : [node.ip, ...node.secondaryIps];
    for (const target of group.targets) {
      const zone = targetZone(ctx, target);
      if (!crossZone && zone !== node.availabilityZoneId) continue;
      const port = target.port ?? group.port ?? ctx.service.port;
      for (const address of sources) {
        const leg = targetLeg(ctx, {
          balancer,
          node,
          target,
          group,
          service: ctx.service,
          port,
          source: { address, groups: carried },
          replyPorts: LOAD_BALANCER_PORTS,
          ephemeral: 'load-balancer',
        });
        const info: Leg = {
          balancer,
          node,
          address: formatIp(address),
          group,
          target,
          port,
          protocol,
          purpose: 'data',
          waypoints: {
            source: { eniId: node.eniId ?? '', address: formatIp(address) },
            loadBalancer: {
              arn: balancer.arn,
              nodeEniId: node.eniId,
              nodeAddress: formatIp(address),
              availabilityZoneId: node.availabilityZoneId,
            },
            target: targetWaypoint(ctx, target, group, port),
          },
        };
        collector.add(info, leg.forward, leg.return);
      }
    }
  }
}

function healthLegs(
  ctx: TraceContext,
  collector: LegCollector,
  balancer: LoadBalancer,
  group: TargetGroup,
) {
  for (const target of group.targets) {
    const result = targetHealth(ctx, balancer, group, target);
    for (const failed of result.failedChecks) {
      const node =
        balancer.nodes.find(
          (n) =>
            n.ip !== undefined &&
            [n.ip, ...n.secondaryIps].some((a) => formatIp(a) === failed.from),
        ) ?? balancer.nodes[0];
      if (node === undefined) continue;
      const info: Leg = {
        balancer,
        node,
        address: failed.from,
        group,
        target,
        port: result.port,
        protocol: 6,
        purpose: 'health',
      };
      collector.add(
        info,
        failed.hops.filter((h) => h.path === 'forward'),
        failed.hops.filter((h) => h.path === 'return'),
      );
    }
  }
}

interface Pending {
  readonly code: string;
  readonly hop: Hop;
  readonly leg: Leg;
  readonly addresses: Set<string>;
  /** Every failing hop merged here, with its leg, for the change that lets them all pass. */
  readonly failing: FailingHop[];
}

/** Gathers failing hops, one finding per (code, component, direction, target, port). */
class LegCollector {
  readonly #network: Network;
  readonly #pending = new Map<string, Pending>();

  constructor(network: Network) {
    this.#network = network;
  }

  add(leg: Leg, forward: readonly Hop[], back: readonly Hop[]) {
    for (const hop of forward) {
      if (hop.verdict === 'pass' || (hop.kind !== 'security-group' && hop.kind !== 'network-acl'))
        continue;
      this.#keep(
        leg.purpose === 'health' ? 'HEALTH_CHECK_BLOCKED' : 'TARGET_NODE_NOT_ADMITTED',
        hop,
        leg,
      );
    }
    for (const hop of back) {
      if (hop.verdict === 'pass' || hop.kind !== 'network-acl') continue;
      const nodeAcl = this.#network.subnets.get(leg.node.subnetId)?.networkAclId;
      const code =
        hop.verdict === 'partial'
          ? 'RETURN_PATH_PARTIAL'
          : hop.direction === 'ingress' && hop.component === nodeAcl
            ? 'NLB_SUBNET_NO_RETURN'
            : 'RETURN_PATH_BLOCKED';
      this.#keep(code, hop, leg);
    }
  }

  #keep(code: string, hop: Hop, leg: Leg) {
    const target =
      code.startsWith('RETURN') || code === 'NLB_SUBNET_NO_RETURN' ? '' : leg.target.id;
    const key = `${code} ${hop.component} ${hop.direction} ${target} ${leg.port}`;
    const known = this.#pending.get(key);
    if (known !== undefined) {
      known.addresses.add(leg.address);
      known.failing.push(failingHop(hop, leg));
    } else
      this.#pending.set(key, {
        code,
        hop,
        leg,
        addresses: new Set([leg.address]),
        failing: [failingHop(hop, leg)],
      });
  }

  findings(): Finding[] {
    return [...this.#pending.values()].map((p) => this.#finding(p));
  }

  #finding(p: Pending): Finding {
    const { hop, leg } = p;
    const nodes = [...p.addresses].sort();
    const targetText = `${leg.target.id}${leg.target.ip ? ` (${formatIp(leg.target.ip)})` : ''}`;
    const groups = hop.kind === 'security-group';
    const where = groups
      ? `the groups of ${hop.component} (${(hop.securityGroups ?? []).join(', ')})`
      : `${hop.component} ${hop.direction === 'ingress' ? 'inbound' : 'outbound'}`;
    const s = groups ? '' : 's';
    const rule = hop.kind === 'network-acl' ? blockingRule(this.#network, hop) : null;
    const base = {
      code: p.code,
      resource: hop.component,
      rule,
      related: [leg.balancer.arn, leg.target.id],
    };
    switch (p.code) {
      case 'TARGET_NODE_NOT_ADMITTED':
        return {
          ...base,
          severity: 'high',
          message: `${where} refuse${s} ${leg.balancer.name}'s traffic from ${nodes.join(', ')} to ${targetText} port ${leg.port}, although ${nodes.length === 1 ? 'that node sends' : 'those nodes send'} to it, so flows through ${nodes.length === 1 ? 'it' : 'them'} to this target fail and the service works only sometimes.`,
          suggestion: fixSuggestion(this.#network, p.failing),
        };
      case 'HEALTH_CHECK_BLOCKED':
        return {
          ...base,
          severity: 'high',
          message: `${where} block${s} the health checks from ${nodes.join(', ')} to ${targetText} port ${leg.port}, so the target is marked unhealthy and gets traffic only when routing fails open.`,
          suggestion: fixSuggestion(this.#network, p.failing),
        };
      default:
        return this.#returnFinding(p, where);
    }
  }

  #returnFinding(p: Pending, where: string): Finding {
    const { hop, leg } = p;
    const severity: Severity = p.code === 'RETURN_PATH_PARTIAL' ? 'medium' : 'high';
    const what = leg.purpose === 'health' ? 'health-check replies' : 'replies';
    const passing = passingText(hop);
    const message =
      p.code === 'RETURN_PATH_PARTIAL'
        ? `${where} passes the targets' ${what} to ${leg.balancer.name}'s nodes only on ports ${passing} of 1024-65535, the range the NLB picks source ports from, so connections fail whenever it picks another port.`
        : `${where} drops every target ${what.replace('replies', 'reply')} to ${leg.balancer.name}'s nodes (ports 1024-65535), so no connection${leg.purpose === 'health' ? ' or health check' : ''} through them completes.`;
    return {
      code: p.code,
      severity,
      resource: hop.component,
      rule:
        p.code === 'RETURN_PATH_PARTIAL'
          ? partialRule(this.#network, hop)
          : blockingRule(this.#network, hop),
      message,
      suggestion: fixSuggestion(this.#network, p.failing),
      related: [leg.balancer.arn, leg.target.id],
    };
  }
}

/** A leg's hop as fix sees a failing hop: on a data path through the node, or a health check. */
function failingHop(hop: Hop, leg: Leg): FailingHop {
  if (leg.purpose === 'health')
    return { hop, health: { targetGroupArn: leg.group.arn, targetId: leg.target.id } };
  return leg.waypoints === undefined ? { hop } : { hop, waypoints: leg.waypoints };
}
