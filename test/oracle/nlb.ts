/**
 * The Network Load Balancer part of a path: listener, NLB security
 * groups, target choice (cross-zone, health, failover), the address rewrite and the target leg.
 */
import {
  carriedBy,
  type Participant,
  packetOf,
  participantAt,
  participantOf,
  type TraceContext,
} from './context.js';
import { parseAddress } from './ip.js';
import {
  crossingChecks,
  type ForwardCheck,
  gate,
  NLB_PORTS,
  type PathPlan,
  passingPorts,
  type ReturnCheck,
  returnCrossing,
  securityGroupCheck,
} from './path.js';
import type { RawListener, RawLoadBalancer, RawTargetGroup } from './snapshot.js';
import {
  findEniByAddress,
  loadBalancerAttribute,
  type NlbNode,
  nodesOf,
  primaryEniOfInstance,
  targetGroupAttribute,
} from './world.js';

/** PrivateLink traffic is always rewritten to the node's address; direct traffic may keep c. */
export type NlbMode = 'privatelink' | 'direct';

/** The request so far: the client and the checks made before the packet reached the node. */
export interface NlbEntry {
  node: NlbNode;
  client: Participant;
  mode: NlbMode;
  forward: ForwardCheck[];
  returns: ReturnCheck[];
  /** Checks after the NLB's inbound rules and before the listener (direct traffic only). */
  afterIngress?: ForwardCheck[];
  endpointEni?: string;
}

interface Target {
  participant: Participant;
  port: number;
}

const CARRIERS: Record<number, string[]> = {
  6: ['TCP', 'TLS', 'TCP_UDP'],
  17: ['UDP', 'TCP_UDP'],
};

function findListener(context: TraceContext, lb: RawLoadBalancer): RawListener | undefined {
  const carriers = CARRIERS[context.protocol] ?? [];
  return context.snapshot.listeners.find(
    (l) =>
      l.loadBalancerArn === lb.LoadBalancerArn &&
      l.listener.Port === context.port &&
      carriers.includes(l.listener.Protocol.toUpperCase()),
  )?.listener;
}

/** The default forward action's target groups with a weight above zero. */
function forwardedTargetGroups(listener: RawListener): string[] {
  const forward = (listener.DefaultActions ?? []).find((a) => a.Type.toLowerCase() === 'forward');
  const weighted = forward?.ForwardConfig?.TargetGroups ?? [];
  if (weighted.length > 0) {
    return weighted.filter((t) => (t.Weight ?? 1) > 0).map((t) => t.TargetGroupArn);
  }
  return forward?.TargetGroupArn === undefined ? [] : [forward.TargetGroupArn];
}

function nlbGroups(lb: RawLoadBalancer): string[] {
  return lb.SecurityGroups ?? [];
}

function enforcementOn(lb: RawLoadBalancer): boolean {
  const setting = lb.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic ?? 'on';
  return setting.toLowerCase() === 'on';
}

/** The groups a forwarded data packet carries past the NLB. */
function carriedPastNlb(lb: RawLoadBalancer, mode: NlbMode): string[] {
  if (mode === 'privatelink' && !enforcementOn(lb)) return [];
  return nlbGroups(lb);
}

function resolveTargets(context: TraceContext, tgArn: string): Target[] {
  const { snapshot } = context;
  const group = snapshot.targetGroups.find((g) => g.TargetGroupArn === tgArn);
  const targets: Target[] = [];
  for (const description of snapshot.targetHealth.get(tgArn) ?? []) {
    const id = description.Target.Id;
    const port = description.Target.Port ?? group?.Port ?? context.port;
    if (id.startsWith('i-')) {
      const eni = primaryEniOfInstance(snapshot, id);
      targets.push({ participant: participantAt(snapshot, eni, 4), port });
      continue;
    }
    const address = parseAddress(id);
    const eni = findEniByAddress(snapshot, address);
    if (eni === undefined) {
      context.limitations.push(`Not modelled: target ${id} of ${tgArn} has no ENI in the snapshot`);
      continue;
    }
    targets.push({ participant: participantOf(snapshot, eni, address), port });
  }
  return targets;
}

function crossZoneEnabled(context: TraceContext, lb: RawLoadBalancer, tgArn: string): boolean {
  const key = 'load_balancing.cross_zone.enabled';
  const fromGroup = targetGroupAttribute(context.snapshot, tgArn, key);
  if (fromGroup === 'true' || fromGroup === 'false') return fromGroup === 'true';
  return loadBalancerAttribute(context.snapshot, lb.LoadBalancerArn, key) === 'true';
}

function healthCheckPort(group: RawTargetGroup | undefined, target: Target): number {
  const text = group?.HealthCheckPort;
  if (text === undefined || text === 'traffic-port') return target.port;
  return Number(text);
}

/**
 * A health check from node m to the target on port H, as TCP: NLB SG egress, the NACL crossing,
 * the target's SGs (which see the NLB's groups whatever the enforcement setting), and the
 * reply to every source port q in 1024-65535.
 */
function healthCheckPasses(context: TraceContext, m: NlbNode, target: Target, port: number) {
  const { snapshot } = context;
  const lb = m.loadBalancer;
  const t = target.participant;
  const probe = packetOf(
    context,
    m.address,
    t.address,
    { srcPort: NLB_PORTS[0], dstPort: port },
    6,
  );
  const forward: ForwardCheck[] = [];
  if (nlbGroups(lb).length > 0) {
    const node = { id: m.eniId, groups: nlbGroups(lb) };
    forward.push(securityGroupCheck(snapshot, node, 'egress', probe, t.groups));
  }
  forward.push(...crossingChecks(snapshot, m.subnetId, t.subnetId, probe));
  forward.push(securityGroupCheck(snapshot, t, 'ingress', probe, nlbGroups(lb)));
  if (forward.some((check) => check() !== undefined)) return false;
  const returns = returnCrossing(snapshot, t.subnetId, m.subnetId, 'nlb', (q) =>
    packetOf(context, t.address, m.address, { srcPort: port, dstPort: q }, 6),
  );
  const passing = passingPorts(returns, 'nlb', NLB_PORTS);
  return (
    passing.length === 1 && passing[0]?.[0] === NLB_PORTS[0] && passing[0]?.[1] === NLB_PORTS[1]
  );
}

/** Healthy iff the health check passes from every node of the NLB. */
function isHealthy(context: TraceContext, lb: RawLoadBalancer, tgArn: string, target: Target) {
  const group = context.snapshot.targetGroups.find((g) => g.TargetGroupArn === tgArn);
  const port = healthCheckPort(group, target);
  const key = `${lb.LoadBalancerArn}|${tgArn}|${target.participant.id}|${target.port}|${port}`;
  let healthy = context.healthMemo.get(key);
  if (healthy === undefined) {
    const nodes = nodesOf(context.snapshot, lb);
    healthy = nodes.every((m) => healthCheckPasses(context, m, target, port));
    context.healthMemo.set(key, healthy);
  }
  return healthy;
}

/**
 * Targets node n sends to: registered targets in a zone enabled on the NLB (only n's zone with
 * cross-zone off); the healthy ones if at least the minimum count are healthy, else all of them.
 */
function routedTargets(context: TraceContext, node: NlbNode, tgArn: string) {
  const lb = node.loadBalancer;
  const enabled = nodesOf(context.snapshot, lb).map((m) => m.zoneId);
  const crossZone = crossZoneEnabled(context, lb, tgArn);
  const candidates = resolveTargets(context, tgArn).filter(
    (t) =>
      enabled.includes(t.participant.zoneId) && (crossZone || t.participant.zoneId === node.zoneId),
  );
  const healthy = candidates.filter((t) => isHealthy(context, lb, tgArn, t));
  const key = 'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count';
  const minimum = Number.parseInt(targetGroupAttribute(context.snapshot, tgArn, key) ?? '1', 10);
  return healthy.length >= (Number.isNaN(minimum) ? 1 : minimum) ? healthy : candidates;
}

function preservesClientIp(context: TraceContext, tgArn: string): boolean {
  const attribute = targetGroupAttribute(context.snapshot, tgArn, 'preserve_client_ip.enabled');
  if (attribute === 'true' || attribute === 'false') return attribute === 'true';
  const group = context.snapshot.targetGroups.find((g) => g.TargetGroupArn === tgArn);
  if ((group?.TargetType ?? 'instance') === 'instance') return true;
  return ['UDP', 'TCP_UDP'].includes((group?.Protocol ?? '').toUpperCase());
}

/** The rewritten packet from the node (or the preserved client) to target t on port P. */
function targetLeg(context: TraceContext, entry: NlbEntry, tgArn: string, target: Target) {
  const { snapshot } = context;
  const { node, client, mode } = entry;
  const lb = node.loadBalancer;
  const t = target.participant;
  const keepsClient = mode === 'direct' && preservesClientIp(context, tgArn);
  const source = keepsClient ? client.address : node.address;
  const portKind = keepsClient ? 'client' : 'nlb';
  const sourcePort = keepsClient ? context.sourcePorts[0] : NLB_PORTS[0];
  const packet = packetOf(context, source, t.address, {
    srcPort: sourcePort,
    dstPort: target.port,
  });
  const forward: ForwardCheck[] = [];
  // A client handed its own connection with its address kept sees itself as both ends and
  // drops the packet (AWS's NLB troubleshooting guide, loopback timeout).
  if (
    keepsClient &&
    t.address.family === client.address.family &&
    t.address.value === client.address.value
  ) {
    forward.push(
      gate({
        kind: 'target',
        component: t.id,
        direction: 'ingress',
        code: 'NLB_LOOPBACK_WITH_CLIENT_IP_PRESERVED',
      }),
    );
  }
  if (nlbGroups(lb).length > 0) {
    const nodeEni = { id: node.eniId, groups: nlbGroups(lb) };
    forward.push(securityGroupCheck(snapshot, nodeEni, 'egress', packet, t.groups));
  }
  forward.push(...crossingChecks(snapshot, node.subnetId, t.subnetId, packet));
  forward.push(securityGroupCheck(snapshot, t, 'ingress', packet, carriedPastNlb(lb, mode)));
  const returns = returnCrossing(snapshot, t.subnetId, node.subnetId, portKind, (port) =>
    packetOf(context, t.address, source, { srcPort: target.port, dstPort: port }),
  );
  return { forward, returns };
}

function ingressChecks(context: TraceContext, entry: NlbEntry): ForwardCheck[] {
  const lb = entry.node.loadBalancer;
  const applies = nlbGroups(lb).length > 0 && (entry.mode === 'direct' || enforcementOn(lb));
  if (!applies) return [];
  const { client, node } = entry;
  const direct = entry.mode === 'direct';
  // Inbound rules judge the source only; an IPv6 client reaching an IPv4 node through
  // PrivateLink is judged by its own address and family.
  const dst = node.address.family === client.address.family ? node.address : client.address;
  const packet = packetOf(context, client.address, dst, {
    srcPort: context.sourcePorts[0],
    dstPort: context.port,
  });
  const nodeEni = { id: node.eniId, groups: nlbGroups(lb) };
  // The endpoint hands the packet over without the consumer's groups: through PrivateLink a
  // reference to the client's group matches nothing, only its address counts.
  const carried = direct ? carriedBy(client) : [];
  return [securityGroupCheck(context.snapshot, nodeEni, 'ingress', packet, carried)];
}

/** The path plans through one NLB node: one per routed target, or one ending at a gate. */
export function plansThroughNode(context: TraceContext, entry: NlbEntry): PathPlan[] {
  const lb = entry.node.loadBalancer;
  const base = { endpointEni: entry.endpointEni, nlbNode: entry.node.eniId };
  // Direct traffic meets the NLB's inbound rules before the listener, PrivateLink traffic
  // after it.
  const ingress = ingressChecks(context, entry);
  const direct = entry.mode === 'direct';
  const beforeListener = direct
    ? [...entry.forward, ...ingress, ...(entry.afterIngress ?? [])]
    : entry.forward;
  const listener = findListener(context, lb);
  if (listener === undefined) {
    const block = gate({
      kind: 'listener',
      component: lb.LoadBalancerArn,
      direction: 'ingress',
      code: 'ELBV2_LISTENERS_MISMATCH',
    });
    return [{ ...base, forward: [...beforeListener, block], returns: entry.returns }];
  }
  const forward = direct ? beforeListener : [...beforeListener, ...ingress];
  const plans: PathPlan[] = [];
  if (forwardedTargetGroups(listener).length === 0) {
    const block = gate({
      kind: 'listener',
      component: lb.LoadBalancerArn,
      direction: 'ingress',
      code: 'ELBV2_LISTENER_HAS_NO_TG',
    });
    return [{ ...base, forward: [...forward, block], returns: entry.returns }];
  }
  for (const tgArn of forwardedTargetGroups(listener)) {
    const routed = routedTargets(context, entry.node, tgArn);
    if (routed.length === 0) {
      const closed = gate({
        kind: 'target-group',
        component: tgArn,
        direction: 'ingress',
        code: 'ELBV2_NO_TARGETS_IN_AZ',
      });
      plans.push({ ...base, forward: [...forward, closed], returns: entry.returns });
      continue;
    }
    for (const target of routed) {
      const leg = targetLeg(context, entry, tgArn, target);
      plans.push({
        ...base,
        target: target.participant.id,
        forward: [...forward, ...leg.forward],
        returns: [...entry.returns, ...leg.returns],
      });
    }
  }
  return plans;
}
