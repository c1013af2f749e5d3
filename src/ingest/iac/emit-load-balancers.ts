import { compact, type EmitContext } from './emit-context.js';
import type { InterfaceSpec } from './emit-interfaces.js';
import type { IacListener, IacLoadBalancer, IacTarget, IacTargetGroup } from './model.js';
import { managedInterfaceId } from './placeholder-ids.js';

/** One `LoadBalancers` item: one zone entry per subnet, with the node address when designated. */
export function emitLoadBalancer(context: EmitContext, lb: IacLoadBalancer): object {
  const vpcIds = lb.subnets.map((mapping) => context.subnetById.get(mapping.subnetId)?.vpcId);
  return compact({
    LoadBalancerArn: lb.loadBalancerArn,
    LoadBalancerName: lb.loadBalancerName,
    Scheme: lb.scheme,
    VpcId: vpcIds.find((vpcId) => vpcId !== undefined),
    State: { Code: 'active' },
    Type: lb.type,
    AvailabilityZones: lb.subnets.map((mapping) =>
      compact({
        ZoneName: context.subnetById.get(mapping.subnetId)?.availabilityZone,
        SubnetId: mapping.subnetId,
        LoadBalancerAddresses:
          mapping.privateIpv4Address === undefined
            ? []
            : [{ PrivateIPv4Address: mapping.privateIpv4Address }],
      }),
    ),
    SecurityGroups: lb.securityGroupIds,
    IpAddressType: lb.ipAddressType,
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic:
      lb.securityGroupIds.length > 0
        ? (lb.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic ?? 'on')
        : undefined,
  });
}

/**
 * The node ENIs of a network load balancer, one per subnet, described `ELB net/<name>/<id>` as
 * AWS describes them. Only network load balancers are modelled this way.
 */
export function loadBalancerInterfaces(lb: IacLoadBalancer): InterfaceSpec[] {
  if (lb.type !== 'network') return [];
  const arnTail = lb.loadBalancerArn.split(':loadbalancer/')[1] ?? lb.loadBalancerName;
  return lb.subnets.map((mapping) => ({
    networkInterfaceId: managedInterfaceId(lb.key, mapping.subnetId),
    subnetId: mapping.subnetId,
    privateIpAddresses:
      mapping.privateIpv4Address === undefined ? [] : [mapping.privateIpv4Address],
    groupIds: lb.securityGroupIds,
    interfaceType: 'network_load_balancer',
    description: `ELB ${arnTail}`,
    requesterManaged: true,
    attachment: { InstanceOwnerId: 'amazon-aws', DeviceIndex: 1, Status: 'attached' },
    tags: [],
    source: lb.source,
  }));
}

function emitAction(action: IacListener['defaultActions'][number]): object {
  return compact({
    Type: action.type,
    TargetGroupArn: action.targetGroupArn,
    Order: action.order,
    ForwardConfig: action.forward && {
      TargetGroups: action.forward.map((group) => ({
        TargetGroupArn: group.targetGroupArn,
        Weight: group.weight,
      })),
    },
  });
}

/** `LoadBalancerListeners` wrappers, one per load balancer that has listeners. */
export function emitListenerWrappers(listeners: IacListener[]): object[] {
  const byLoadBalancer = new Map<string, IacListener[]>();
  for (const listener of listeners) {
    const list = byLoadBalancer.get(listener.loadBalancerArn) ?? [];
    list.push(listener);
    byLoadBalancer.set(listener.loadBalancerArn, list);
  }
  return [...byLoadBalancer].map(([LoadBalancerArn, group]) => ({
    LoadBalancerArn,
    Listeners: group.map((listener) => ({
      ListenerArn: listener.listenerArn,
      LoadBalancerArn,
      Port: listener.port,
      Protocol: listener.protocol,
      DefaultActions: listener.defaultActions.map(emitAction),
    })),
  }));
}

/** The target groups a listener's default actions forward to. */
function forwardedGroups(listener: IacListener): string[] {
  return listener.defaultActions.flatMap((action) => [
    ...(action.targetGroupArn === undefined ? [] : [action.targetGroupArn]),
    ...(action.forward ?? []).map((group) => group.targetGroupArn),
  ]);
}

/** One `TargetGroups` item; `LoadBalancerArns` come from the listeners that forward to it. */
export function emitTargetGroup(context: EmitContext, group: IacTargetGroup): object {
  const loadBalancerArns = context.network.listeners
    .filter((listener) => forwardedGroups(listener).includes(group.targetGroupArn))
    .map((listener) => listener.loadBalancerArn);
  const check = group.healthCheck;
  return compact({
    TargetGroupArn: group.targetGroupArn,
    TargetGroupName: group.targetGroupName,
    Protocol: group.protocol,
    Port: group.port,
    VpcId: group.vpcId,
    TargetType: group.targetType,
    IpAddressType: group.ipAddressType,
    LoadBalancerArns: [...new Set(loadBalancerArns)],
    HealthCheckEnabled: check.enabled,
    HealthCheckProtocol: check.protocol,
    HealthCheckPort: check.port,
    HealthCheckPath: check.path,
    HealthCheckIntervalSeconds: check.intervalSeconds,
    HealthCheckTimeoutSeconds: check.timeoutSeconds,
    HealthyThresholdCount: check.healthyThresholdCount,
    UnhealthyThresholdCount: check.unhealthyThresholdCount,
    Matcher: check.matcher === undefined ? undefined : { HttpCode: check.matcher },
  });
}

/**
 * `LoadBalancerTargetHealth` wrappers: every registered target, in the state AWS reports right
 * after registration (`initial`), since its health is decided by the filters, not the file.
 */
export function emitTargetHealth(groups: IacTargetGroup[], targets: IacTarget[]): object[] {
  return groups.map((group) => ({
    TargetGroupArn: group.targetGroupArn,
    TargetHealthDescriptions: targets
      .filter((target) => target.targetGroupArn === group.targetGroupArn)
      .map((target) => ({
        Target: compact({
          Id: target.id,
          Port: target.port ?? group.port,
          AvailabilityZone: target.availabilityZone,
        }),
        HealthCheckPort:
          group.healthCheck.port === 'traffic-port'
            ? String(target.port ?? group.port)
            : group.healthCheck.port,
        TargetHealth: {
          State: 'initial',
          Reason: 'Elb.RegistrationInProgress',
          Description: 'Target registration is in progress',
        },
      })),
  }));
}
