/**
 * The concrete oracle: `oracleTrace(snapshot, question)` follows the model one packet at a time.
 */
import {
  carriedBy,
  type Participant,
  packetOf,
  participantAt,
  participantOf,
  type TraceContext,
} from './context.js';
import { type Address, type Family, isAddress, parseAddress } from './ip.js';
import {
  crossingChecks,
  gate,
  judgePath,
  type OraclePath,
  overallVerdict,
  type PathPlan,
  returnCrossing,
  routingCheck,
  securityGroupCheck,
  type Verdict,
} from './path.js';
import { plansThroughEndpointEni, plansToNode } from './privatelink.js';
import {
  loadRaw,
  type OracleSnapshot,
  type RawEni,
  type RawSnapshot,
  toOracleSnapshot,
} from './snapshot.js';
import {
  allNodes,
  endpointOfEni,
  findEni,
  findEniByAddress,
  nodesOf,
  primaryAddress,
  primaryEniOfInstance,
} from './world.js';

/** A question: from S to D, protocol, destination port, optional client ports and ICMP fields. */
export interface OracleQuestion {
  /** ENI ID, instance ID or private IP. */
  from: string;
  /** ENI, instance, IP, `vpce-…`, `vpce-svc-…`, NLB ARN or name, or an NLB node IP. */
  to: string;
  protocol: 'tcp' | 'udp' | 'icmp' | number;
  port: number;
  /** The client's source ports; AWS's advice 1024-65535 by default. */
  sourcePorts?: { from: number; to: number };
  /** ICMP type and code; echo request by default. */
  icmp?: { type: number; code: number };
}

/** The answer: overall verdict, one result per path, limitations met. */
export interface OracleAnswer {
  verdict: Verdict;
  paths: OraclePath[];
  limitations: string[];
}

/** Anything the oracle can read a snapshot from. */
export type SnapshotSource = string | RawSnapshot | OracleSnapshot;

function isPrepared(source: RawSnapshot | OracleSnapshot): source is OracleSnapshot {
  return (source as OracleSnapshot).targetHealth instanceof Map;
}

/** Reads (once) a snapshot into the oracle's plain lists; pass the result to repeat queries. */
export function prepareSnapshot(source: SnapshotSource): OracleSnapshot {
  if (typeof source !== 'string' && isPrepared(source)) return source;
  return toOracleSnapshot(loadRaw(source));
}

function familyOf(question: OracleQuestion): Family {
  const named = [question.from, question.to].filter(isAddress).map((t) => parseAddress(t).family);
  return named.includes(6) ? 6 : 4;
}

/** The trace context of a question: family, protocol number, ports, ICMP fields. */
export function contextFor(snapshot: OracleSnapshot, question: OracleQuestion): TraceContext {
  const family = familyOf(question);
  const icmp = family === 6 ? 58 : 1;
  const protocols: Record<string, number> = { tcp: 6, udp: 17, icmp };
  const protocol =
    typeof question.protocol === 'number' ? question.protocol : (protocols[question.protocol] ?? 6);
  const ported = protocol === 6 || protocol === 17;
  const echo = family === 6 ? 128 : 8;
  return {
    snapshot,
    family,
    protocol,
    port: ported ? question.port : 0,
    icmpType: question.icmp?.type ?? echo,
    icmpCode: question.icmp?.code ?? 0,
    sourcePorts: [question.sourcePorts?.from ?? 1024, question.sourcePorts?.to ?? 65535],
    limitations: [],
    healthMemo: new Map(),
  };
}

function eniNamed(snapshot: OracleSnapshot, text: string): { eni: RawEni; address?: Address } {
  if (text.startsWith('i-')) return { eni: primaryEniOfInstance(snapshot, text) };
  if (text.startsWith('eni-')) {
    const eni = findEni(snapshot, text);
    if (eni === undefined) throw new Error(`oracle: ${text} is not in the snapshot`);
    return { eni };
  }
  const address = parseAddress(text);
  const eni = findEniByAddress(snapshot, address);
  if (eni === undefined) throw new Error(`oracle: no ENI owns ${text}`);
  return { eni, address };
}

function participantFor(context: TraceContext, named: { eni: RawEni; address?: Address }) {
  const { snapshot, family } = context;
  const address = named.address ?? primaryAddress(named.eni, family);
  return participantOf(snapshot, named.eni, address);
}

/** An endpoint ENI or NLB node never initiates: the question is answered by one closed path. */
function sourceBlock(context: TraceContext, eni: RawEni): PathPlan | undefined {
  const id = eni.NetworkInterfaceId;
  let code: string | undefined;
  if (endpointOfEni(context.snapshot, id) !== undefined) code = 'VPCE_INTRA_VPC_TRAFFIC';
  else if (allNodes(context.snapshot).some((n) => n.eniId === id)) code = 'NO_PATH';
  if (code === undefined) return undefined;
  const block = gate({ kind: 'source', component: id, direction: 'egress', code });
  return { forward: [block], returns: [] };
}

/** ENI to ENI inside a VPC; different VPCs end at "routing" after the filters. */
function inVpcPlan(context: TraceContext, s: Participant, d: Participant): PathPlan {
  const { snapshot } = context;
  const ports = { srcPort: context.sourcePorts[0], dstPort: context.port };
  const request = packetOf(context, s.address, d.address, ports);
  const forward = [
    securityGroupCheck(snapshot, s, 'egress', request, d.groups),
    ...crossingChecks(snapshot, s.subnetId, d.subnetId, request),
    securityGroupCheck(snapshot, d, 'ingress', request, carriedBy(s)),
    routingCheck(s.vpcId, d.vpcId),
  ];
  const returns = returnCrossing(snapshot, d.subnetId, s.subnetId, 'client', (pc) =>
    packetOf(context, d.address, s.address, { srcPort: context.port, dstPort: pc }),
  );
  return { target: d.id, forward, returns };
}

function plansToEni(
  context: TraceContext,
  client: Participant,
  named: ReturnType<typeof eniNamed>,
) {
  const { snapshot } = context;
  const id = named.eni.NetworkInterfaceId;
  const endpoint = endpointOfEni(snapshot, id);
  if (endpoint !== undefined) {
    return plansThroughEndpointEni(context, client, participantFor(context, named), endpoint);
  }
  const node = allNodes(snapshot).find((n) => n.eniId === id);
  if (node !== undefined) return plansToNode(context, client, node);
  return [inVpcPlan(context, client, participantFor(context, named))];
}

function plansToEndpoints(context: TraceContext, client: Participant, endpointIds: string[]) {
  const { snapshot } = context;
  const plans: PathPlan[] = [];
  for (const endpoint of snapshot.vpcEndpoints.filter((v) =>
    endpointIds.includes(v.VpcEndpointId),
  )) {
    for (const eniId of endpoint.NetworkInterfaceIds ?? []) {
      const eni = findEni(snapshot, eniId);
      if (eni === undefined)
        throw new Error(`oracle: endpoint ENI ${eniId} is not in the snapshot`);
      const e = participantAt(snapshot, eni, context.family);
      plans.push(...plansThroughEndpointEni(context, client, e, endpoint));
    }
  }
  return plans;
}

function serviceEndpointIds(snapshot: OracleSnapshot, serviceId: string): string[] {
  // The provider's configuration, else the consumer's view (which also lists AWS services).
  const service =
    snapshot.serviceConfigurations.find((s) => s.ServiceId === serviceId) ??
    snapshot.serviceDetails.find((s) => s.ServiceId === serviceId);
  const name = service?.ServiceName;
  return snapshot.vpcEndpoints.filter((v) => v.ServiceName === name).map((v) => v.VpcEndpointId);
}

function plansToDestination(context: TraceContext, client: Participant, to: string): PathPlan[] {
  const { snapshot } = context;
  if (to.startsWith('vpce-svc-')) {
    return plansToEndpoints(context, client, serviceEndpointIds(snapshot, to));
  }
  if (to.startsWith('vpce-')) return plansToEndpoints(context, client, [to]);
  const lb = snapshot.loadBalancers.find(
    (l) => l.LoadBalancerArn === to || l.LoadBalancerName === to,
  );
  if (lb !== undefined) {
    return nodesOf(snapshot, lb).flatMap((node) => plansToNode(context, client, node));
  }
  if (isAddress(to) && findEniByAddress(snapshot, parseAddress(to)) === undefined) {
    const wanted = parseAddress(to);
    const node = allNodes(snapshot).find((n) => n.address.value === wanted.value);
    if (node !== undefined) return plansToNode(context, client, node);
  }
  return plansToEni(context, client, eniNamed(snapshot, to));
}

/**
 * Traces one question through the snapshot: every path (endpoint ENI × NLB node × target), its
 * verdict, where the forward packet stopped, and which client and NLB ports get replies back.
 */
export function oracleTrace(source: SnapshotSource, question: OracleQuestion): OracleAnswer {
  const snapshot = prepareSnapshot(source);
  const context = contextFor(snapshot, question);
  const from = eniNamed(snapshot, question.from);
  const blocked = sourceBlock(context, from.eni);
  if (blocked !== undefined) return answerOf(context, [blocked]);
  return traceFromParticipant(context, participantFor(context, from), question.to);
}

function answerOf(context: TraceContext, plans: PathPlan[]): OracleAnswer {
  const paths = plans.map((plan) => judgePath(plan, context.sourcePorts));
  return { verdict: overallVerdict(paths), paths, limitations: [...new Set(context.limitations)] };
}

/** Traces from an already resolved client (a real ENI, or reach.ts's virtual one) to `to`. */
export function traceFromParticipant(
  context: TraceContext,
  client: Participant,
  to: string,
): OracleAnswer {
  return answerOf(context, plansToDestination(context, client, to));
}

/** Whether an ENI may start flows at all (endpoint ENIs and NLB nodes may not). */
export function canInitiate(snapshot: OracleSnapshot, eni: RawEni): boolean {
  const probe = contextFor(snapshot, { from: '', to: '', protocol: 'tcp', port: 0 });
  return sourceBlock(probe, eni) === undefined;
}
