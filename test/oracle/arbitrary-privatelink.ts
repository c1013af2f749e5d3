/**
 * The PrivateLink part of a drawn scenario: an NLB with a node per zone in the provider VPC, a
 * listener and target group, and an interface endpoint in the consumer VPC.
 */
import {
  ENDPOINT_GROUP,
  hexId,
  type Layout,
  NLB_GROUP,
  openedUp,
  type PrivateLinkShape,
  type Rules,
  type Scenario,
  type ZONES,
} from './arbitrary-snapshot.js';
import * as build from './build.js';
import type { RawSnapshot } from './snapshot.js';

const NLB_NAME = 'svc-nlb';
const NLB_ID = '0123456789abcdef';

function uniqueByZone(subnets: Layout['subnets'], picks: number[]): Layout['subnets'] {
  const chosen: Layout['subnets'] = [];
  for (const pick of picks) {
    const subnet = subnets[pick % subnets.length]!;
    if (!chosen.some((c) => c.zone.id === subnet.zone.id)) chosen.push(subnet);
  }
  return chosen;
}

function push(raw: RawSnapshot, key: string, ...items: object[]): void {
  raw[key] = [...(raw[key] ?? []), ...items];
}

const TARGET_PROTOCOL: Record<string, string> = {
  TCP: 'TCP',
  TLS: 'TCP',
  UDP: 'UDP',
  TCP_UDP: 'TCP_UDP',
};

interface Node {
  subnet: Layout['subnets'][number];
  id: string;
  ip: string;
}

function addNodes(raw: RawSnapshot, layout: Layout, shape: PrivateLinkShape, pv: number): Node[] {
  const inVpc = layout.subnets.filter((s) => s.vpc === pv);
  const nodes = uniqueByZone(inVpc, shape.nodeSubnets).map((s, n) => ({
    subnet: s,
    id: hexId('eni', 0xb00 + n),
    ip: `10.${pv}.${s.index}.${250 + n}`,
  }));
  const enis = nodes.map((n) =>
    build.eni({
      id: n.id,
      subnetId: n.subnet.id,
      vpcId: layout.vpcs[pv]!.id,
      zoneName: n.subnet.zone.name,
      ip: n.ip,
      groups: [],
      interfaceType: 'network_load_balancer',
      description: `ELB net/${NLB_NAME}/${NLB_ID}`,
    }),
  );
  push(raw, 'NetworkInterfaces', ...enis);
  return nodes;
}

function addLoadBalancer(
  raw: RawSnapshot,
  layout: Layout,
  shape: PrivateLinkShape,
  at: { arn: string; pv: number; nodes: Node[]; rules: Rules | undefined },
) {
  const vpcId = layout.vpcs[at.pv]!.id;
  if (shape.nlbGroup) {
    const ingress = openedUp(at.rules?.nlbIngress ?? [], layout.openGroups);
    const group = build.securityGroup({
      id: NLB_GROUP,
      vpcId,
      ingress,
      egress: [build.ALLOW_ALL_OUT],
    });
    push(raw, 'SecurityGroups', group);
  }
  const zones = at.nodes.map((n) => ({
    name: n.subnet.zone.name,
    subnetId: n.subnet.id,
    ...(shape.nodeAddressesListed ? { privateIp: n.ip } : {}),
  }));
  const groups = shape.nlbGroup ? { securityGroups: [NLB_GROUP] } : {};
  const enforce = shape.nlbGroup && shape.enforce ? { enforcePrivateLink: shape.enforce } : {};
  push(
    raw,
    'LoadBalancers',
    build.loadBalancer({ arn: at.arn, vpcId, zones, ...groups, ...enforce }),
  );
  const crossZone = { 'load_balancing.cross_zone.enabled': String(shape.crossZone) };
  push(raw, 'LoadBalancerAttributes', build.attributesOf('LoadBalancerArn', at.arn, crossZone));
}

/** Adds the NLB, its target group, and an interface endpoint of its service to the scenario. */
export function addPrivateLink(
  scenario: Scenario,
  layout: Layout,
  shape: PrivateLinkShape,
  rules: Rules | undefined,
): void {
  const pv = shape.providerVpc % layout.vpcs.length;
  const cv = shape.consumerVpc % layout.vpcs.length;
  const arn = build.nlbArn(NLB_NAME, NLB_ID);
  const nodes = addNodes(scenario.raw, layout, shape, pv);
  addLoadBalancer(scenario.raw, layout, shape, { arn, pv, nodes, rules });
  const tgArn = addTargetGroup(scenario, layout, shape, { arn, pv });
  const listeners = shape.listeners.map((l) => ({ ...l, targetGroupArns: [tgArn] }));
  push(scenario.raw, 'LoadBalancerListeners', build.listenersOf(arn, listeners));
  const nodeZones = nodes.map((n) => n.subnet.zone);
  const endpoint = addEndpoint(scenario, layout, shape, { arn, cv, nodeZones, rules });
  scenario.privateLink = {
    ...endpoint,
    nlbArn: arn,
    nlbName: NLB_NAME,
    nodeIps: nodes.map((n) => n.ip),
    listenerPorts: shape.listeners.map((l) => l.port),
  };
}

function addTargetGroup(
  scenario: Scenario,
  layout: Layout,
  shape: PrivateLinkShape,
  at: { arn: string; pv: number },
) {
  const tgArn = build.targetGroupArn('svc-tg', 'fedcba9876543210');
  const protocol = TARGET_PROTOCOL[shape.listeners[0]?.protocol ?? 'TCP'] ?? 'TCP';
  const inVpc = layout.plain.filter(
    (e) => e.vpc === at.pv && (shape.targetType === 'ip' || e.instanceId),
  );
  const picked =
    inVpc.length === 0 ? [] : [...new Set(shape.targets.map((t) => inVpc[t % inVpc.length]!))];
  push(
    scenario.raw,
    'TargetGroups',
    build.targetGroup({
      arn: tgArn,
      vpcId: layout.vpcs[at.pv]!.id,
      port: shape.targetGroupPort,
      protocol,
      targetType: shape.targetType,
      healthCheckPort: shape.healthCheckPort,
      lbArns: [at.arn],
    }),
  );
  const targets = picked.map((e) => ({
    id: shape.targetType === 'instance' ? (e.instanceId as string) : e.ip,
  }));
  push(scenario.raw, 'LoadBalancerTargetHealth', build.targetHealthOf(tgArn, targets));
  const attributes: Record<string, string> = {};
  if (shape.targetGroupCrossZone)
    attributes['load_balancing.cross_zone.enabled'] = shape.targetGroupCrossZone;
  if (shape.minimumHealthy)
    attributes['target_group_health.unhealthy_state_routing.minimum_healthy_targets.count'] =
      shape.minimumHealthy;
  if (shape.preserveClientIp) attributes['preserve_client_ip.enabled'] = shape.preserveClientIp;
  push(
    scenario.raw,
    'TargetGroupAttributes',
    build.attributesOf('TargetGroupArn', tgArn, attributes),
  );
  return tgArn;
}

function addService(
  scenario: Scenario,
  shape: PrivateLinkShape,
  at: { arn: string; nodeZones: (typeof ZONES)[number][] },
) {
  const ids = at.nodeZones.map((z) => z.id);
  const byName = shape.serviceZones === 'names';
  const service = build.serviceConfiguration({
    id: hexId('vpce-svc', 0x5e0),
    nlbArns: [at.arn],
    zoneIds: byName ? [] : shape.serviceZones === 'first' ? ids.slice(0, 1) : ids,
    zoneNames: byName ? at.nodeZones.map((z) => z.name) : [],
  });
  push(scenario.raw, 'ServiceConfigurations', service);
  return service;
}

/** No group: the VPC default group applies. Else the endpoint's own group, maybe one more. */
function addEndpointGroups(
  scenario: Scenario,
  layout: Layout,
  shape: PrivateLinkShape,
  at: { cv: number; rules: Rules | undefined },
): string[] {
  if (shape.endpointGroups === 0) return [];
  const others = layout.customGroups.filter((g) => g.vpc === at.cv).map((g) => g.id);
  const ingress = openedUp(at.rules?.endpointIngress ?? [], layout.openGroups);
  const vpcId = layout.vpcs[at.cv]!.id;
  push(scenario.raw, 'SecurityGroups', build.securityGroup({ id: ENDPOINT_GROUP, vpcId, ingress }));
  return [ENDPOINT_GROUP, ...others.slice(0, shape.endpointGroups - 1)];
}

function addEndpoint(
  scenario: Scenario,
  layout: Layout,
  shape: PrivateLinkShape,
  at: { arn: string; cv: number; nodeZones: (typeof ZONES)[number][]; rules: Rules | undefined },
) {
  const endpointId = hexId('vpce', 0x900);
  const vpcId = layout.vpcs[at.cv]!.id;
  const subnets = uniqueByZone(
    layout.subnets.filter((s) => s.vpc === at.cv),
    shape.endpointSubnets,
  );
  const groups = addEndpointGroups(scenario, layout, shape, at);
  const enis = subnets.map((s, n) => ({
    id: hexId('eni', 0xf00 + n),
    ip: `10.${at.cv}.${s.index}.${240 + n}`,
    eni: build.eni({
      id: hexId('eni', 0xf00 + n),
      subnetId: s.id,
      vpcId,
      zoneName: s.zone.name,
      ip: `10.${at.cv}.${s.index}.${240 + n}`,
      groups,
      interfaceType: 'vpc_endpoint',
      description: `VPC Endpoint Interface ${endpointId}`,
    }),
  }));
  push(scenario.raw, 'NetworkInterfaces', ...enis.map((e) => e.eni));
  const service = addService(scenario, shape, at);
  const endpoint = build.vpcEndpoint({
    id: endpointId,
    vpcId,
    serviceName: service.ServiceName,
    subnetIds: subnets.map((s) => s.id),
    eniIds: enis.map((e) => e.id),
    groups,
    state: shape.endpointState,
  });
  push(scenario.raw, 'VpcEndpoints', endpoint);
  if (shape.connectionState) {
    push(scenario.raw, 'VpcEndpointConnections', {
      ServiceId: service.ServiceId,
      VpcEndpointId: endpointId,
      VpcEndpointOwner: build.ACCOUNT,
      VpcEndpointState: shape.connectionState,
    });
  }
  const handles = enis.map((e) => ({ id: e.id, ip: e.ip }));
  return { endpointId, serviceId: service.ServiceId, endpointEnis: handles };
}
