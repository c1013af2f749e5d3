import { ELB_CREATED_AT, hexFromSeed, REGION } from './ids.js';
import { groupRefs, type Json } from './render-ec2.js';
import { renderEni } from './render-enis.js';
import {
  instanceId,
  listenerArn,
  nlbArn,
  nodeEniId,
  securityGroupId,
  subnetId,
  targetGroupArn,
  vpcId,
} from './resolve-ids.js';
import type { NetworkSpec } from './spec.js';

/** Hosted zone of every NLB DNS name in us-east-1. */
const NLB_HOSTED_ZONE = 'Z26RNL4JYFTOTI';

function zoneOf(spec: NetworkSpec, subnetKey: string): string {
  return spec.provider.subnets.find((s) => s.key === subnetKey)?.zone ?? '';
}

/** Groups and the PrivateLink enforcement flag exist only on an NLB created with groups. */
function securityFields(spec: NetworkSpec): Json {
  const { nlb, provider } = spec;
  if (nlb.securityGroups.length === 0) return {};
  return {
    SecurityGroups: nlb.securityGroups.map((key) => securityGroupId(provider, key)),
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: nlb.enforcePrivateLinkInbound ?? 'on',
  };
}

/** `describe-load-balancers`: an internal NLB with a fixed private address in each subnet. */
export function renderLoadBalancers(spec: NetworkSpec): Json {
  const { nlb, provider } = spec;
  const suffix = nlbArn(spec).split('/').at(-1) ?? '';
  const zones = [...nlb.nodes]
    .sort((a, b) => zoneOf(spec, a.subnet).localeCompare(zoneOf(spec, b.subnet)))
    .map((node) => ({
      ZoneName: zoneOf(spec, node.subnet),
      SubnetId: subnetId(provider, node.subnet),
      LoadBalancerAddresses: [{ PrivateIPv4Address: node.ip }],
    }));
  const loadBalancer = {
    LoadBalancerArn: nlbArn(spec),
    DNSName: `${nlb.name}-${suffix}.elb.${REGION}.amazonaws.com`,
    CanonicalHostedZoneId: NLB_HOSTED_ZONE,
    CreatedTime: ELB_CREATED_AT,
    LoadBalancerName: nlb.name,
    Scheme: 'internal',
    VpcId: vpcId(provider),
    State: { Code: 'active' },
    Type: 'network',
    AvailabilityZones: zones,
    ...securityFields(spec),
    IpAddressType: 'ipv4',
  };
  return { LoadBalancers: [loadBalancer] };
}

/** The node ENIs elbv2 creates, one per subnet, described `ELB net/<name>/<id>`. */
export function renderNodeEnis(spec: NetworkSpec): Json[] {
  const { nlb, provider } = spec;
  const arnTail = nlbArn(spec).split(':loadbalancer/')[1] ?? '';
  return nlb.nodes.map((node) => {
    const id = nodeEniId(spec, node.subnet);
    return renderEni({
      account: provider,
      id,
      subnet: node.subnet,
      ip: node.ip,
      groups: groupRefs(provider, nlb.securityGroups),
      interfaceType: 'network_load_balancer',
      description: `ELB ${arnTail}`,
      attachment: {
        AttachmentId: `ela-attach-${hexFromSeed(`attach:${id}`, 8)}`,
        DeleteOnTermination: false,
        DeviceIndex: 1,
        InstanceOwnerId: 'amazon-aws',
        Status: 'attached',
      },
      requesterId: 'amazon-elb',
      sourceDestCheck: false,
    });
  });
}

/** `describe-listeners`, wrapped with the load balancer it was called for. */
export function renderListeners(spec: NetworkSpec): Json {
  const { listener } = spec.backend;
  const tg = targetGroupArn(spec);
  const entry = {
    ListenerArn: listenerArn(spec),
    LoadBalancerArn: nlbArn(spec),
    Port: listener.port,
    Protocol: listener.protocol,
    DefaultActions: [
      {
        Type: 'forward',
        TargetGroupArn: tg,
        Order: 1,
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: tg, Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ],
  };
  return { LoadBalancerListeners: [{ LoadBalancerArn: nlbArn(spec), Listeners: [entry] }] };
}

/** `describe-target-groups`: one TCP group of instances, health-checked over TCP. */
export function renderTargetGroups(spec: NetworkSpec): Json {
  const { targetGroup } = spec.backend;
  const group = {
    TargetGroupArn: targetGroupArn(spec),
    TargetGroupName: targetGroup.name,
    Protocol: 'TCP',
    Port: targetGroup.port,
    VpcId: vpcId(spec.provider),
    HealthCheckProtocol: 'TCP',
    HealthCheckPort: targetGroup.healthCheckPort,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    LoadBalancerArns: [nlbArn(spec)],
    TargetType: 'instance',
    IpAddressType: 'ipv4',
  };
  return { TargetGroups: [group] };
}

function attributes(pairs: [string, string][]): Json[] {
  return pairs.map(([Key, Value]) => ({ Key, Value }));
}

/** `describe-load-balancer-attributes` of an NLB, wrapped with its ARN. */
export function renderLoadBalancerAttributes(spec: NetworkSpec): Json {
  const values = attributes([
    ['access_logs.s3.enabled', 'false'],
    ['access_logs.s3.bucket', ''],
    ['access_logs.s3.prefix', ''],
    ['deletion_protection.enabled', 'false'],
    ['ipv6.deny_all_igw_traffic', 'true'],
    ['load_balancing.cross_zone.enabled', String(spec.nlb.crossZone)],
    ['dns_record.client_routing_policy', 'any_availability_zone'],
    ['secondary_ips.auto_assigned.per_subnet', '0'],
    ['zonal_shift.config.enabled', 'false'],
  ]);
  return { LoadBalancerAttributes: [{ LoadBalancerArn: nlbArn(spec), Attributes: values }] };
}

/** Attributes AWS returns for a TCP target group of instances (client IP preserved). */
export function renderTargetGroupAttributes(spec: NetworkSpec): Json {
  const values = attributes([
    ['deregistration_delay.timeout_seconds', '300'],
    ['deregistration_delay.connection_termination.enabled', 'false'],
    ['stickiness.enabled', 'false'],
    ['stickiness.type', 'source_ip'],
    ['proxy_protocol_v2.enabled', 'false'],
    ['preserve_client_ip.enabled', 'true'],
    ['load_balancing.cross_zone.enabled', spec.backend.targetGroup.crossZone],
    ['target_health_state.unhealthy.connection_termination.enabled', 'true'],
    ['target_health_state.unhealthy.draining_interval_seconds', '0'],
    ['target_group_health.dns_failover.minimum_healthy_targets.count', '1'],
    ['target_group_health.dns_failover.minimum_healthy_targets.percentage', 'off'],
    ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.count', '1'],
    ['target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage', 'off'],
  ]);
  return { TargetGroupAttributes: [{ TargetGroupArn: targetGroupArn(spec), Attributes: values }] };
}

/** `describe-target-health` as AWS reports it after the health checks have run. */
export function renderTargetHealth(spec: NetworkSpec): Json {
  const { targetGroup, targets } = spec.backend;
  const checkPort =
    targetGroup.healthCheckPort === 'traffic-port'
      ? String(targetGroup.port)
      : targetGroup.healthCheckPort;
  const descriptions = targets.map((target) => ({
    Target: { Id: instanceId(spec.provider, target.instance), Port: targetGroup.port },
    HealthCheckPort: checkPort,
    TargetHealth:
      target.health === 'healthy'
        ? { State: 'healthy' }
        : {
            State: 'unhealthy',
            Reason: 'Target.FailedHealthChecks',
            Description: 'Health checks failed',
          },
    AdministrativeOverride: {
      State: 'no_override',
      Reason: 'AdministrativeOverride.NoOverride',
      Description: 'No override is currently active on target',
    },
  }));
  return {
    LoadBalancerTargetHealth: [
      { TargetGroupArn: targetGroupArn(spec), TargetHealthDescriptions: descriptions },
    ],
  };
}
