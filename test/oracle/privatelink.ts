/**
 * Client to interface-endpoint ENI, then through the endpoint service to its NLB,
 * and client straight to an NLB node.
 */
import { carriedBy, type Participant, packetOf, type TraceContext } from './context.js';
import { plansThroughNode } from './nlb.js';
import {
  type Block,
  crossingChecks,
  type ForwardCheck,
  gate,
  type PathPlan,
  type ReturnCheck,
  returnCrossing,
  routingCheck,
  securityGroupCheck,
} from './path.js';
import type { OracleSnapshot, RawServiceConfiguration, RawVpcEndpoint } from './snapshot.js';
import { accountOfArn, findSubnet, type NlbNode, nodesOf } from './world.js';

/** The client's request to a first-hop ENI (endpoint ENI or NLB node) and the reply's NACLs. */
function firstLeg(context: TraceContext, client: Participant, hop: Participant) {
  const { snapshot } = context;
  const request = packetOf(context, client.address, hop.address, {
    srcPort: context.sourcePorts[0],
    dstPort: context.port,
  });
  const forward: ForwardCheck[] = [
    securityGroupCheck(snapshot, client, 'egress', request, hop.groups),
    ...crossingChecks(snapshot, client.subnetId, hop.subnetId, request),
  ];
  const returns: ReturnCheck[] = returnCrossing(
    snapshot,
    hop.subnetId,
    client.subnetId,
    'client',
    (pc) => packetOf(context, hop.address, client.address, { srcPort: context.port, dstPort: pc }),
  );
  return { request, forward, returns };
}

function isAvailable(state: string | undefined): boolean {
  return (state ?? '').toLowerCase() === 'available';
}

function zoneIdsNamed(snapshot: OracleSnapshot, name: string, account: string | undefined) {
  const fromZones = snapshot.zones.filter((z) => z.ZoneName === name);
  const fromSubnets = snapshot.subnets
    .filter((s) => s.AvailabilityZone === name && s.AvailabilityZoneId !== undefined)
    .map((s) => ({ ZoneId: s.AvailabilityZoneId as string, account: s.OwnerId }));
  const all = [...fromZones, ...fromSubnets];
  // Zone names map to different zones per account: prefer the provider account's own mapping.
  const own = all.filter((z) => account !== undefined && z.account === account);
  return (own.length > 0 ? own : all).map((z) => z.ZoneId);
}

function serviceInZone(
  snapshot: OracleSnapshot,
  service: RawServiceConfiguration,
  zoneId: string | undefined,
): boolean {
  if (zoneId === undefined) return false;
  if ((service.AvailabilityZoneIds ?? []).includes(zoneId)) return true;
  const provider = accountOfArn(service.NetworkLoadBalancerArns?.[0] ?? '');
  return (service.AvailabilityZones ?? []).some((name) =>
    zoneIdsNamed(snapshot, name, provider).includes(zoneId),
  );
}

function serviceGate(service: RawServiceConfiguration, code: string): ForwardCheck {
  return gate({
    kind: 'endpoint-service',
    component: service.ServiceId,
    direction: 'ingress',
    code,
  });
}

/** Endpoint and connection state: only `available` carries traffic. */
function stateBlock(context: TraceContext, endpoint: RawVpcEndpoint): Block | undefined {
  const connection = context.snapshot.endpointConnections.find(
    (c) => c.VpcEndpointId === endpoint.VpcEndpointId,
  );
  const closed =
    !isAvailable(endpoint.State) ||
    (connection !== undefined && !isAvailable(connection.VpcEndpointState));
  if (!closed) return undefined;
  const component = endpoint.VpcEndpointId;
  return { kind: 'endpoint-state', component, direction: 'ingress', code: 'BAD_STATE' };
}

function nodesInZone(context: TraceContext, service: RawServiceConfiguration, zoneId?: string) {
  const nodes: NlbNode[] = [];
  for (const arn of service.NetworkLoadBalancerArns ?? []) {
    const lb = context.snapshot.loadBalancers.find((l) => l.LoadBalancerArn === arn);
    if (lb === undefined) continue;
    nodes.push(...nodesOf(context.snapshot, lb).filter((n) => n.zoneId === zoneId));
  }
  return nodes;
}

/** The service side of an endpoint ENI: gates in model order, then one plan per NLB node. */
function serviceSide(
  context: TraceContext,
  endpoint: RawVpcEndpoint,
  client: Participant,
  e: Participant,
  base: PathPlan,
): PathPlan[] {
  const service = context.snapshot.serviceConfigurations.find(
    (s) => s.ServiceName === endpoint.ServiceName,
  );
  if (service === undefined) {
    context.limitations.push(
      `service side not in the snapshot: ${endpoint.ServiceName} (path ends at ${e.id})`,
    );
    return [base];
  }
  const closed = (check: ForwardCheck): PathPlan[] => [
    { ...base, forward: [...base.forward, check] },
  ];
  if (!serviceInZone(context.snapshot, service, e.zoneId)) {
    return closed(serviceGate(service, 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ'));
  }
  if (context.protocol !== 6 && context.protocol !== 17) {
    return closed(serviceGate(service, 'PROTOCOL_RESTRICTION'));
  }
  const nodes = nodesInZone(context, service, e.zoneId);
  if (nodes.length === 0) return closed(serviceGate(service, 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ'));
  return nodes.flatMap((node) =>
    plansThroughNode(context, {
      node,
      client,
      mode: 'privatelink',
      forward: base.forward,
      returns: base.returns,
      endpointEni: e.id,
    }),
  );
}

/** Plans from the client through one interface-endpoint ENI. */
export function plansThroughEndpointEni(
  context: TraceContext,
  client: Participant,
  e: Participant,
  endpoint: RawVpcEndpoint,
): PathPlan[] {
  const leg = firstLeg(context, client, e);
  const forward = [
    ...leg.forward,
    securityGroupCheck(context.snapshot, e, 'ingress', leg.request, carriedBy(client)),
    routingCheck(client.vpcId, e.vpcId),
  ];
  const base: PathPlan = { endpointEni: e.id, forward, returns: leg.returns };
  const state = stateBlock(context, endpoint);
  if (state !== undefined) return [{ ...base, forward: [...forward, gate(state)] }];
  return serviceSide(context, endpoint, client, e, base);
}

/** Plans from the client straight to one NLB node (client IP preservation as configured). */
export function plansToNode(context: TraceContext, client: Participant, node: NlbNode): PathPlan[] {
  const { snapshot } = context;
  if (client.address.family !== node.address.family) {
    throw new Error(`oracle: NLB node ${node.eniId} has no address of the question's family`);
  }
  const hop: Participant = {
    id: node.eniId,
    groups: node.loadBalancer.SecurityGroups ?? [],
    address: node.address,
    subnetId: node.subnetId,
    vpcId: findSubnet(snapshot, node.subnetId).VpcId,
    zoneId: node.zoneId,
  };
  const leg = firstLeg(context, client, hop);
  return plansThroughNode(context, {
    node,
    client,
    mode: 'direct',
    forward: leg.forward,
    afterIngress: [routingCheck(client.vpcId, hop.vpcId)],
    returns: leg.returns,
  });
}
