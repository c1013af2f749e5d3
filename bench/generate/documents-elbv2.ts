/**
 * `elbv2` documents: load balancers with their node addresses (`LoadBalancerAddresses[].
 * PrivateIPv4Address`), target groups, and the per-ARN wrappers for listeners, attributes and
 * target health (aws-semantics.md §7; wrappers as in src/snapshot/keys.ts).
 */
import type { AccountSlice } from './account-slices.js';
import { derivedHex, derivedTime, REGION } from './ids.js';
import type { Lookups } from './lookups.js';
import type { LoadBalancer, Target, TargetGroup } from './model.js';

const attributes = (pairs: Record<string, string>) =>
  Object.entries(pairs).map(([Key, Value]) => ({ Key, Value }));

/** One `describe-load-balancers` item: an internal NLB and its node addresses per zone. */
export function renderLoadBalancer(lookups: Lookups, nlb: LoadBalancer) {
  return {
    LoadBalancerArn: nlb.loadBalancerArn,
    LoadBalancerName: nlb.name,
    DNSName: `${nlb.name}-${derivedHex(nlb.loadBalancerArn, 16)}.elb.${REGION}.amazonaws.com`,
    CanonicalHostedZoneId: 'Z26RNL4JYFTOTI',
    CreatedTime: derivedTime(nlb.loadBalancerArn),
    Scheme: 'internal',
    VpcId: nlb.vpcId,
    State: { Code: 'active' },
    Type: 'network',
    AvailabilityZones: nlb.nodes.map((node) => ({
      ZoneName: lookups.zoneName(nlb.accountId, lookups.subnet.get(node.subnetId)!.zoneId),
      SubnetId: node.subnetId,
      LoadBalancerAddresses: [{ PrivateIPv4Address: node.ip }],
    })),
    IpAddressType: 'ipv4',
    ...(nlb.securityGroupIds.length > 0
      ? {
          SecurityGroups: nlb.securityGroupIds,
          EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: nlb.enforcePrivateLink,
        }
      : {}),
  };
}

/** One `describe-target-groups` item. */
export function renderTargetGroup(group: TargetGroup) {
  const http = group.healthCheck.protocol === 'HTTP';
  return {
    TargetGroupArn: group.targetGroupArn,
    TargetGroupName: group.name,
    Protocol: group.protocol,
    Port: group.port,
    VpcId: group.vpcId,
    TargetType: group.targetType,
    IpAddressType: 'ipv4',
    LoadBalancerArns: [group.loadBalancerArn],
    HealthCheckEnabled: true,
    HealthCheckProtocol: group.healthCheck.protocol,
    HealthCheckPort: group.healthCheck.port,
    ...(http ? { HealthCheckPath: '/health', Matcher: { HttpCode: '200-399' } } : {}),
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
  };
}

/** The `describe-listeners` wrapper of one NLB: forward actions to one target group each. */
export function renderListeners(nlb: LoadBalancer) {
  return {
    LoadBalancerArn: nlb.loadBalancerArn,
    Listeners: nlb.listeners.map((l) => ({
      ListenerArn: l.listenerArn,
      LoadBalancerArn: nlb.loadBalancerArn,
      Port: l.port,
      Protocol: l.protocol,
      ...(l.protocol === 'TLS'
        ? {
            Certificates: [
              {
                CertificateArn: `arn:aws:acm:${REGION}:${nlb.accountId}:certificate/${derivedHex(l.listenerArn, 32)}`,
              },
            ],
            SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          }
        : {}),
      DefaultActions: [
        {
          Type: 'forward',
          TargetGroupArn: l.targetGroupArn,
          Order: 1,
          ForwardConfig: {
            TargetGroups: [{ TargetGroupArn: l.targetGroupArn, Weight: 1 }],
            TargetGroupStickinessConfig: { Enabled: false },
          },
        },
      ],
    })),
  };
}

/** The `describe-load-balancer-attributes` wrapper of one NLB (cross-zone among them). */
export function renderLoadBalancerAttributes(nlb: LoadBalancer) {
  return {
    LoadBalancerArn: nlb.loadBalancerArn,
    Attributes: attributes({
      'access_logs.s3.enabled': 'false',
      'deletion_protection.enabled': 'false',
      'dns_record.client_routing_policy': 'any_availability_zone',
      'load_balancing.cross_zone.enabled': String(nlb.crossZone),
      'secondary_ips.auto_assigned.per_subnet': '0',
      'zonal_shift.config.enabled': 'false',
    }),
  };
}

const HEALTH_REASONS: Record<Target['health'], { Reason?: string; Description?: string }> = {
  healthy: {},
  unhealthy: { Reason: 'Target.Timeout', Description: 'Request timed out' },
  initial: {
    Reason: 'Elb.InitialHealthChecking',
    Description: 'Initial health checks in progress',
  },
  unused: {
    Reason: 'Target.NotInUse',
    Description: 'Target group is not configured to receive traffic from the load balancer',
  },
};

/** The `describe-target-health` wrapper of one target group, with AWS reason codes. */
export function renderTargetHealth(lookups: Lookups, group: TargetGroup) {
  return {
    TargetGroupArn: group.targetGroupArn,
    TargetHealthDescriptions: group.targets.map((target) => ({
      Target: {
        Id: target.id,
        Port: target.port,
        ...(group.targetType === 'ip'
          ? { AvailabilityZone: lookups.zoneName(group.accountId, target.zoneId) }
          : {}),
      },
      HealthCheckPort:
        group.healthCheck.port === 'traffic-port' ? String(target.port) : group.healthCheck.port,
      TargetHealth: { State: target.health, ...HEALTH_REASONS[target.health] },
    })),
  };
}

/** The `describe-target-group-attributes` wrapper of one target group (NLB defaults). */
export function renderTargetGroupAttributes(group: TargetGroup) {
  // Client IP preservation is on by default for instance and UDP groups, off for TCP/TLS ip groups.
  const preserve = group.targetType === 'instance' || group.protocol === 'UDP';
  return {
    TargetGroupArn: group.targetGroupArn,
    Attributes: attributes({
      'deregistration_delay.timeout_seconds': '300',
      'deregistration_delay.connection_termination.enabled': 'false',
      'load_balancing.cross_zone.enabled': group.crossZone,
      'preserve_client_ip.enabled': String(preserve),
      'proxy_protocol_v2.enabled': String(group.proxyProtocol),
      'stickiness.enabled': 'false',
      'stickiness.type': 'source_ip',
      'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
      'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
      'target_health_state.unhealthy.connection_termination.enabled': 'true',
    }),
  };
}

/** All elbv2 documents of one account. */
export function renderElbv2(lookups: Lookups, slice: AccountSlice) {
  return {
    LoadBalancers: slice.loadBalancers.map((nlb) => renderLoadBalancer(lookups, nlb)),
    TargetGroups: slice.targetGroups.map(renderTargetGroup),
    LoadBalancerListeners: slice.loadBalancers.map(renderListeners),
    LoadBalancerAttributes: slice.loadBalancers.map(renderLoadBalancerAttributes),
    LoadBalancerTargetHealth: slice.targetGroups.map((g) => renderTargetHealth(lookups, g)),
    TargetGroupAttributes: slice.targetGroups.map(renderTargetGroupAttributes),
  };
}
