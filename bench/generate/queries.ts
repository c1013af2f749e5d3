/**
 * Seeded query mixes over a generated workload (performance.md §6 "Query mixes"), as plain
 * data: concrete traces (ENI → ENI, ENI → interface endpoint, ENI → endpoint service),
 * who-can-reach targets, and single-rule edits described in AWS's own field names.
 * Not modelled: internet → ENI traces, since no internet gateway is generated yet.
 */
import { TCP_PORTS, UDP_PORTS } from './catalog.js';
import type { Eni, NetworkModel, SecurityGroup } from './model.js';
import { Rng } from './prng.js';
import { drawEdits } from './query-edits.js';

/** Transport protocol of a query. */
export type Protocol = 'tcp' | 'udp';

/** Where a trace goes: an ENI, an interface endpoint, or every endpoint of a service. */
export type TraceDestination =
  | { readonly kind: 'eni'; readonly eniId: string }
  | { readonly kind: 'endpoint'; readonly vpcEndpointId: string }
  | { readonly kind: 'service'; readonly serviceId: string };

/** One concrete trace question: from an ENI to a destination on one protocol and port. */
export interface TraceQuery {
  readonly from: string;
  readonly to: TraceDestination;
  readonly protocol: Protocol;
  readonly port: number;
}

/** "Who can reach ⟨target⟩ on ⟨protocol/port⟩", or on any port when `port` is absent. */
export interface ReachQuery {
  readonly target:
    | { readonly kind: 'eni'; readonly eniId: string }
    | { readonly kind: 'service'; readonly serviceId: string };
  readonly protocol?: Protocol;
  readonly port?: number;
}

/** One rule as `authorize-security-group-ingress/egress` takes it: one peer. */
export interface SgRuleSpec {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly CidrIp?: string;
  readonly CidrIpv6?: string;
  readonly PrefixListId?: string;
  readonly GroupId?: string;
}

/** One entry as `create-network-acl-entry` takes it. */
export interface NaclEntrySpec {
  readonly RuleNumber: number;
  readonly Egress: boolean;
  readonly Protocol: string;
  readonly RuleAction: 'allow' | 'deny';
  readonly CidrBlock?: string;
  readonly Ipv6CidrBlock?: string;
  readonly PortRange?: { readonly From: number; readonly To: number };
  readonly IcmpTypeCode?: { readonly Type: number; readonly Code: number };
}

/** A single rule to add or remove on a security group or a NACL. */
export type RuleEdit =
  | {
      readonly kind: 'security-group';
      readonly action: 'add' | 'remove';
      readonly groupId: string;
      readonly direction: 'ingress' | 'egress';
      readonly rule: SgRuleSpec;
    }
  | {
      readonly kind: 'network-acl';
      readonly action: 'add' | 'remove';
      readonly networkAclId: string;
      readonly entry: NaclEntrySpec;
    };

/** The seeded questions asked of one workload. */
export interface QueryMix {
  readonly traces: TraceQuery[];
  readonly reach: ReachQuery[];
  readonly edits: RuleEdit[];
}

interface Index {
  readonly model: NetworkModel;
  readonly workloadEnis: Eni[];
  readonly enisByVpc: Map<string, Eni[]>;
  readonly groups: Map<string, SecurityGroup>;
  /** Service ID → its listeners' protocol and port. */
  readonly listeners: Map<string, { protocol: Protocol; port: number }[]>;
}

function buildIndex(model: NetworkModel): Index {
  const workloadEnis = model.enis.filter((e) => e.kind !== 'endpoint' && e.kind !== 'nlb');
  const enisByVpc = new Map<string, Eni[]>();
  for (const eni of workloadEnis)
    enisByVpc.set(eni.vpcId, [...(enisByVpc.get(eni.vpcId) ?? []), eni]);
  const nlbs = new Map(model.loadBalancers.map((l) => [l.loadBalancerArn, l]));
  const listeners = new Map(
    model.endpointServices.map((s) => [
      s.serviceId,
      nlbs.get(s.loadBalancerArn)!.listeners.map((l) => ({
        protocol: (l.protocol === 'UDP' ? 'udp' : 'tcp') as Protocol,
        port: l.port,
      })),
    ]),
  );
  return {
    model,
    workloadEnis,
    enisByVpc,
    groups: new Map(model.securityGroups.map((g) => [g.groupId, g])),
    listeners,
  };
}

/** A port the destination's groups name half the time, so traces hit both allows and denies. */
function portFor(rng: Rng, index: Index, eni: Eni): { protocol: Protocol; port: number } {
  const rules = eni.groupIds.flatMap((id) =>
    index.groups
      .get(id)!
      .rules.filter((r) => !r.egress && (r.protocol === 'tcp' || r.protocol === 'udp')),
  );
  if (rules.length > 0 && rng.chance(0.5)) {
    const rule = rng.pick(rules);
    return { protocol: rule.protocol as Protocol, port: rng.int(rule.fromPort!, rule.toPort!) };
  }
  if (rng.chance(0.15)) return { protocol: 'udp', port: rng.pick(UDP_PORTS) };
  return { protocol: 'tcp', port: rng.chance(0.8) ? rng.pick(TCP_PORTS) : rng.int(1, 65535) };
}

function listenerPort(
  rng: Rng,
  index: Index,
  serviceId: string,
): { protocol: Protocol; port: number } {
  const options = index.listeners.get(serviceId) ?? [];
  return options.length > 0 && rng.chance(0.85)
    ? rng.pick(options)
    : { protocol: 'tcp', port: rng.pick(TCP_PORTS) };
}

function trace(rng: Rng, index: Index): TraceQuery {
  const { model } = index;
  const roll = rng.float();
  const endpoints = model.vpcEndpoints.filter((e) => e.service.kind === 'generated');
  if (roll < 0.15 && endpoints.length > 0) {
    const endpoint = rng.pick(endpoints);
    const from = rng.pick(index.enisByVpc.get(endpoint.vpcId) ?? index.workloadEnis);
    const serviceId = endpoint.service.kind === 'generated' ? endpoint.service.serviceId : '';
    const toService = rng.chance(0.5);
    const to: TraceDestination = toService
      ? { kind: 'service', serviceId }
      : { kind: 'endpoint', vpcEndpointId: endpoint.vpcEndpointId };
    return { from: from.eniId, to, ...listenerPort(rng, index, serviceId) };
  }
  const from = rng.pick(index.workloadEnis);
  const sameVpc = index.enisByVpc.get(from.vpcId)!;
  const target = rng.chance(0.8) ? rng.pick(sameVpc) : rng.pick(index.workloadEnis);
  return {
    from: from.eniId,
    to: { kind: 'eni', eniId: target.eniId },
    ...portFor(rng, index, target),
  };
}

function reach(rng: Rng, index: Index): ReachQuery {
  const services = index.model.endpointServices;
  const anyPort = rng.chance(0.3);
  if (services.length > 0 && rng.chance(0.3)) {
    const serviceId = rng.pick(services).serviceId;
    return {
      target: { kind: 'service', serviceId },
      ...(anyPort ? {} : listenerPort(rng, index, serviceId)),
    };
  }
  const eni = rng.pick(index.workloadEnis);
  return {
    target: { kind: 'eni', eniId: eni.eniId },
    ...(anyPort ? {} : portFor(rng, index, eni)),
  };
}

/** Seeded mix: 10,000 traces, 100 who-can-reach queries and 100 single-rule edits by default. */
export function generateQueryMix(
  model: NetworkModel,
  options: { seed: number; traces?: number; reach?: number; edits?: number },
): QueryMix {
  const rng = new Rng(`queries/${options.seed}`);
  const index = buildIndex(model);
  return {
    traces: Array.from({ length: options.traces ?? 10000 }, () => trace(rng, index)),
    reach: Array.from({ length: options.reach ?? 100 }, () => reach(rng, index)),
    edits: drawEdits(rng.fork('edits'), model, options.edits ?? 100),
  };
}
