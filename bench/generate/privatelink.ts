/**
 * PrivateLink: NLB-backed endpoint services, consumer interface endpoints (one ENI per chosen
 * subnet, at most one subnet per zone the service offers, aws-semantics.md §3), the groups that
 * let traffic through, and endpoints to AWS services. Targets are chosen later, once the
 * provider's workload ENIs exist (see targets.ts).
 */
import type { GenContext } from './context.js';
import { createEni } from './enis.js';
import { createLoadBalancer, type ListenerPlan, planListeners } from './load-balancers.js';
import type {
  EndpointService,
  LoadBalancer,
  SecurityGroup,
  SgPeer,
  SgRule,
  Vpc,
  VpcEndpoint,
} from './model.js';
import type { Rng } from './prng.js';
import { createRoleSecurityGroup } from './security-groups.js';

/** Where a service's targets come from: provider workloads, or another endpoint's ENIs. */
export type TargetSource =
  | { readonly kind: 'workload' }
  | { readonly kind: 'endpoint'; readonly endpoint: VpcEndpoint };

/** A service whose target groups still await targets. */
export interface PendingTargets {
  readonly service: EndpointService;
  readonly nlb: LoadBalancer;
  readonly source: TargetSource;
  readonly serviceGroupId: string;
}

const AWS_SERVICES = [
  'ssm',
  'ssmmessages',
  'ec2messages',
  'ecr.api',
  'ecr.dkr',
  'logs',
  'sts',
  'kms',
  'secretsmanager',
  'monitoring',
  'sqs',
  'sns',
  'execute-api',
  'elasticloadbalancing',
  'ec2',
  'lambda',
  'events',
  'athena',
  'glue',
  'kinesis-streams',
];

/**
 * The group on the targets: admits the NLB (its group, or its VPC's CIDR) on the data and
 * health-check ports, as AWS recommends (aws-semantics.md §4.5).
 */
function serviceGroup(ctx: GenContext, rng: Rng, vpc: Vpc, nlb: LoadBalancer): string {
  const nlbGroup = nlb.securityGroupIds[0];
  const peer = (): SgPeer =>
    nlbGroup !== undefined && rng.chance(0.7)
      ? { kind: 'group', groupId: nlbGroup, accountId: vpc.accountId }
      : { kind: 'cidr4', cidr: vpc.cidr };
  const rules: SgRule[] = [];
  for (const listener of nlb.listeners) {
    const group = ctx.model.targetGroups.find((g) => g.targetGroupArn === listener.targetGroupArn)!;
    const protocol = group.protocol === 'UDP' ? 'udp' : 'tcp';
    rules.push({ egress: false, protocol, fromPort: group.port, toPort: group.port, peer: peer() });
    if (group.healthCheck.port !== 'traffic-port') {
      const port = Number(group.healthCheck.port);
      rules.push({ egress: false, protocol: 'tcp', fromPort: port, toPort: port, peer: peer() });
    }
  }
  const name = `${nlb.name}-targets`;
  return createRoleSecurityGroup(ctx, {
    vpc,
    role: 'service',
    name,
    description: `targets of ${nlb.name}`,
    rules,
  }).groupId;
}

/** Creates an endpoint service with its NLB; its targets are recorded as pending. */
export function createEndpointService(
  ctx: GenContext,
  rng: Rng,
  options: { providerVpc: Vpc; source: TargetSource; targetPort?: number },
): EndpointService {
  const { providerVpc: vpc, source } = options;
  const name = `svc${String(ctx.model.endpointServices.length).padStart(4, '0')}`;
  const plans: ListenerPlan[] = planListeners(
    rng,
    options.targetPort === undefined ? {} : { targetPort: options.targetPort },
  );
  const nlb = createLoadBalancer(ctx, rng, {
    vpc,
    name,
    plans,
    ipTargetsOnly: source.kind === 'endpoint',
  });
  const service: EndpointService = {
    serviceId: ctx.ids.resource('vpce-svc'),
    accountId: vpc.accountId,
    loadBalancerArn: nlb.loadBalancerArn,
    zoneIds: nlb.nodes.map((n) => ctx.subnet(n.subnetId).zoneId),
    acceptanceRequired: rng.chance(0.3),
  };
  ctx.model.endpointServices.push(service);
  ctx.pendingTargets.push({
    service,
    nlb,
    source,
    serviceGroupId: serviceGroup(ctx, rng, vpc, nlb),
  });
  return service;
}

/** Adds an ingress rule per port unless the group already admits that port. */
function admitPorts(
  group: SecurityGroup,
  ports: { protocol: string; port: number }[],
  cidr: string,
): void {
  for (const p of ports) {
    const present = group.rules.some(
      (r) => !r.egress && r.protocol === p.protocol && r.fromPort === p.port,
    );
    if (present) continue;
    group.rules.push({
      egress: false,
      protocol: p.protocol,
      fromPort: p.port,
      toPort: p.port,
      peer: { kind: 'cidr4', cidr },
    });
  }
}

/**
 * The endpoint's group: the VPC's default group a quarter of the time (endpoints created
 * without one get it, §1.5), often a shared endpoint group of the VPC, else a new one.
 */
function endpointGroup(
  ctx: GenContext,
  rng: Rng,
  vpc: Vpc,
  ports: { protocol: string; port: number }[],
  name: string,
): string {
  if (rng.chance(0.25)) return ctx.defaultSg(vpc.vpcId).groupId;
  const cidr = rng.chance(0.8) ? vpc.cidr : '10.0.0.0/8';
  const shared = ctx.sgsByVpc.get(vpc.vpcId)!.filter((g) => g.role === 'endpoint');
  const group =
    shared.length > 0 && rng.chance(0.6)
      ? rng.pick(shared)
      : createRoleSecurityGroup(ctx, {
          vpc,
          role: 'endpoint',
          name,
          description: `endpoint ${name}`,
        });
  admitPorts(group, ports, cidr);
  return group.groupId;
}

function endpointSubnets(ctx: GenContext, rng: Rng, vpc: Vpc, zoneIds: readonly string[]) {
  const zones = vpc.zoneIds.filter((z) => zoneIds.includes(z));
  const chosen = zones.filter((_, i) => i === 0 || rng.chance(0.85));
  return chosen.map((zoneId) =>
    rng.pick(ctx.subnetsByVpc.get(vpc.vpcId)!.filter((s) => s.zoneId === zoneId)),
  );
}

/** Creates an interface endpoint with one ENI per chosen subnet. */
export function createInterfaceEndpoint(
  ctx: GenContext,
  rng: Rng,
  options: { consumerVpc: Vpc; service: EndpointService | { awsName: string; groupId: string } },
): VpcEndpoint {
  const vpc = options.consumerVpc;
  const svc = options.service;
  const vpcEndpointId = ctx.ids.resource('vpce');
  const generated = 'serviceId' in svc;
  const zoneIds = generated ? svc.zoneIds : vpc.zoneIds;
  const subnets = endpointSubnets(ctx, rng, vpc, zoneIds);
  const groupId = generated
    ? endpointGroup(ctx, rng, vpc, listenerPorts(ctx, svc), `${vpcEndpointId}-sg`)
    : svc.groupId;
  const enis = subnets.map((subnet) =>
    createEni(ctx, rng, {
      kind: 'endpoint',
      subnet,
      description: `VPC Endpoint Interface ${vpcEndpointId}`,
      groupIds: [groupId],
      ipv6: false,
    }),
  );
  const endpoint: VpcEndpoint = {
    vpcEndpointId,
    accountId: vpc.accountId,
    vpcId: vpc.vpcId,
    service: generated
      ? { kind: 'generated', serviceId: svc.serviceId }
      : { kind: 'aws', name: svc.awsName },
    subnetIds: subnets.map((s) => s.subnetId),
    eniIds: enis.map((e) => e.eniId),
    groupIds: [groupId],
    state:
      generated && svc.acceptanceRequired && rng.chance(0.1) ? 'pendingAcceptance' : 'available',
  };
  ctx.model.vpcEndpoints.push(endpoint);
  return endpoint;
}

function listenerPorts(
  ctx: GenContext,
  service: EndpointService,
): { protocol: string; port: number }[] {
  const nlb = ctx.model.loadBalancers.find((l) => l.loadBalancerArn === service.loadBalancerArn)!;
  return nlb.listeners.map((l) => ({
    protocol: l.protocol === 'UDP' ? 'udp' : 'tcp',
    port: l.port,
  }));
}

/** Builds the workload's services and endpoints; every service gets at least one consumer. */
export function createPrivateLink(
  ctx: GenContext,
  counts: { services: number; endpoints: number },
): void {
  const rng = ctx.stream('privatelink');
  const vpcs = ctx.model.vpcs;
  const services: EndpointService[] = [];
  for (let i = 0; i < counts.services; i++) {
    services.push(
      createEndpointService(ctx, rng, {
        providerVpc: rng.pick(vpcs),
        source: { kind: 'workload' },
      }),
    );
  }
  for (let i = 0; i < counts.endpoints && services.length > 0; i++) {
    const service = i < services.length ? services[i]! : rng.pick(services);
    const provider = ctx.model.loadBalancers.find(
      (l) => l.loadBalancerArn === service.loadBalancerArn,
    )!.vpcId;
    // Mostly another VPC; sometimes the provider's own, an edge case worth exercising.
    const others = vpcs.filter((v) => v.vpcId !== provider);
    const consumerVpc = others.length > 0 && rng.chance(0.9) ? rng.pick(others) : ctx.vpc(provider);
    createInterfaceEndpoint(ctx, rng, { consumerVpc, service });
  }
}

/** Adds endpoints to AWS services (three ENIs or so each) until `eniCount` ENIs exist for them. */
export function createAwsServiceEndpoints(ctx: GenContext, eniCount: number): void {
  const rng = ctx.stream('aws-endpoints');
  const taken = new Set<string>();
  const groups = new Map<string, string>();
  let created = 0;
  for (let tries = 0; created < eniCount && tries < 10000; tries++) {
    const vpc = rng.pick(ctx.model.vpcs);
    const name = `com.amazonaws.${ctx.model.region}.${rng.pick(AWS_SERVICES)}`;
    if (taken.has(`${vpc.vpcId}|${name}`)) continue;
    taken.add(`${vpc.vpcId}|${name}`);
    let groupId = groups.get(vpc.vpcId);
    if (groupId === undefined) {
      groupId = endpointGroup(
        ctx,
        rng,
        vpc,
        [{ protocol: 'tcp', port: 443 }],
        `${vpc.name}-aws-endpoints`,
      );
      groups.set(vpc.vpcId, groupId);
    }
    created += createInterfaceEndpoint(ctx, rng, {
      consumerVpc: vpc,
      service: { awsName: name, groupId },
    }).eniIds.length;
  }
}
