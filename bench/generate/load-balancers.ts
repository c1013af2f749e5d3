/**
 * Network Load Balancers behind endpoint services: one node ENI per enabled zone (description
 * `ELB net/<name>/<id>`, aws-semantics.md §4.2), optional NLB security groups with PrivateLink
 * enforcement on or off (§4.5), listeners that may remap ports to their target group, and TCP
 * or HTTP health checks.
 */
import type { GenContext } from './context.js';
import { createEni } from './enis.js';
import { loadBalancerPath } from './ids.js';
import type { Listener, LoadBalancer, SecurityGroup, SgRule, TargetGroup, Vpc } from './model.js';
import type { Rng } from './prng.js';
import { createRoleSecurityGroup } from './security-groups.js';

const REMAP_PORTS = [8080, 8443, 9000, 10443, 3000, 5000];

/** Listener and target-group ports; `targetPort` forces the group's port (chained services). */
export interface ListenerPlan {
  readonly protocol: 'TCP' | 'UDP' | 'TLS';
  readonly port: number;
  readonly targetPort: number;
}

/** 1–3 listeners on distinct ports; 30% forward to a different target port. */
export function planListeners(rng: Rng, options: { targetPort?: number }): ListenerPlan[] {
  if (options.targetPort !== undefined) {
    return [{ protocol: 'TCP', port: rng.pick([443, 8443, 5432]), targetPort: options.targetPort }];
  }
  const count = rng.pick([1, 1, 1, 2, 2, 3]);
  const ports = new Set<number>();
  const plans: ListenerPlan[] = [];
  while (plans.length < count) {
    const udp = rng.chance(0.08);
    const port = udp ? 53 : rng.pick([443, 443, 8443, 5432, 6379, 9092, 80, 3306, 27017, 50051]);
    if (ports.has(port)) continue;
    ports.add(port);
    const protocol = udp ? 'UDP' : rng.chance(0.1) ? 'TLS' : 'TCP';
    plans.push({ protocol, port, targetPort: rng.chance(0.3) ? rng.pick(REMAP_PORTS) : port });
  }
  return plans;
}

function nlbSecurityGroup(
  ctx: GenContext,
  vpc: Vpc,
  name: string,
  plans: ListenerPlan[],
): SecurityGroup {
  const protocolOf = (p: ListenerPlan) => (p.protocol === 'UDP' ? 'udp' : 'tcp');
  const rules: SgRule[] = plans.flatMap((p) => [
    {
      egress: false,
      protocol: protocolOf(p),
      fromPort: p.port,
      toPort: p.port,
      peer: { kind: 'cidr4', cidr: '10.0.0.0/8' },
    },
    {
      egress: true,
      protocol: protocolOf(p),
      fromPort: p.targetPort,
      toPort: p.targetPort,
      peer: { kind: 'cidr4', cidr: vpc.cidr },
    },
  ]);
  return createRoleSecurityGroup(ctx, {
    vpc,
    role: 'nlb',
    name: `${name}-nlb`,
    description: `NLB ${name}`,
    rules,
  });
}

function targetGroup(
  ctx: GenContext,
  rng: Rng,
  options: { nlb: string; vpc: Vpc; plan: ListenerPlan; index: number; ipOnly: boolean },
): TargetGroup {
  const { vpc, plan } = options;
  const name = `${options.nlb}-tg${options.index}`;
  const udp = plan.protocol === 'UDP';
  const http = !udp && rng.chance(0.2);
  return {
    targetGroupArn: ctx.ids.targetGroupArn(vpc.accountId, name),
    name,
    accountId: vpc.accountId,
    vpcId: vpc.vpcId,
    protocol: plan.protocol,
    port: plan.targetPort,
    targetType: options.ipOnly || rng.chance(0.5) ? 'ip' : 'instance',
    healthCheck: {
      protocol: http ? 'HTTP' : 'TCP',
      port: udp || http ? String(rng.pick([8081, 8080, 9000, 8443])) : 'traffic-port',
    },
    crossZone: rng.pick([
      'use_load_balancer_configuration',
      'use_load_balancer_configuration',
      'true',
      'false',
    ] as const),
    proxyProtocol: rng.chance(0.1),
    targets: [],
    loadBalancerArn: '',
  };
}

/** Creates an internal NLB with its nodes, listeners and (empty) target groups. */
export function createLoadBalancer(
  ctx: GenContext,
  rng: Rng,
  options: { vpc: Vpc; name: string; plans: ListenerPlan[]; ipTargetsOnly: boolean },
): LoadBalancer {
  const { vpc, name, plans } = options;
  const zones = rng.sample(vpc.zoneIds, rng.chance(0.7) ? 3 : 2).sort();
  const loadBalancerArn = ctx.ids.loadBalancerArn(vpc.accountId, name);
  const withSgs = rng.chance(ctx.spec.nlbSecurityGroupShare);
  const groupIds = withSgs ? [nlbSecurityGroup(ctx, vpc, name, plans).groupId] : [];
  const nodes = zones.map((zoneId) => {
    const subnet = rng.pick(ctx.subnetsByVpc.get(vpc.vpcId)!.filter((s) => s.zoneId === zoneId));
    const description = `ELB ${loadBalancerPath(loadBalancerArn)}`;
    const eni = createEni(ctx, rng, {
      kind: 'nlb',
      subnet,
      description,
      groupIds: [...groupIds],
      ipv6: false,
    });
    return { subnetId: subnet.subnetId, eniId: eni.eniId, ip: eni.ipv4[0]! };
  });
  const listeners: Listener[] = plans.map((plan, index) => {
    const group = {
      ...targetGroup(ctx, rng, { nlb: name, vpc, plan, index, ipOnly: options.ipTargetsOnly }),
      loadBalancerArn,
    };
    ctx.model.targetGroups.push(group);
    return {
      listenerArn: ctx.ids.listenerArn(loadBalancerArn),
      protocol: plan.protocol,
      port: plan.port,
      targetGroupArn: group.targetGroupArn,
    };
  });
  const nlb: LoadBalancer = {
    loadBalancerArn,
    name,
    accountId: vpc.accountId,
    vpcId: vpc.vpcId,
    nodes,
    securityGroupIds: groupIds,
    ...(withSgs ? { enforcePrivateLink: rng.chance(0.5) ? 'on' : 'off' } : {}),
    crossZone: rng.chance(ctx.spec.crossZoneShare),
    listeners,
  };
  ctx.model.loadBalancers.push(nlb);
  return nlb;
}
