import { formatIp } from '../../net/address.js';
import type { Network } from '../../network/types.js';

/** A resource's path-relevant fields as text, by field name (AWS's own spelling). */
export type ResourceFields = Record<string, string>;

const list = (items: readonly string[]) => [...items].sort().join(', ') || '(none)';

/**
 * The fields of each non-rule resource that decide a path, by resource ID: which groups an ENI
 * carries and where it sits, which NACL a subnet uses, an endpoint's state and groups, a
 * service's acceptance, a load balancer's groups, enforcement, cross-zone and listeners, a
 * target group's port, health check and targets. Rules are compared separately, rule by rule.
 */
export function describeResources(network: Network): Map<string, ResourceFields> {
  const out = new Map<string, ResourceFields>();
  for (const eni of network.enis.values()) {
    out.set(eni.id, {
      Groups: list(eni.securityGroupIds),
      SubnetId: eni.subnetId,
      PrivateIpAddresses: list([...eni.ipv4, ...eni.ipv6].map(formatIp)),
    });
  }
  for (const subnet of network.subnets.values())
    out.set(subnet.id, { NetworkAclId: subnet.networkAclId });
  for (const endpoint of network.vpcEndpoints.values()) {
    out.set(endpoint.id, {
      State: endpoint.state ?? '(unknown)',
      Groups: list(endpoint.securityGroupIds),
      SubnetIds: list(endpoint.subnetIds),
      ServiceName: endpoint.serviceName,
    });
  }
  for (const service of network.endpointServices.values()) {
    const states = [...service.connectionStates].map(([id, state]) => `${id}=${state}`);
    out.set(service.id, {
      AcceptanceRequired: String(service.acceptanceRequired ?? '(unknown)'),
      NetworkLoadBalancerArns: list(service.loadBalancerArns),
      Connections: list(states),
    });
  }
  for (const balancer of network.loadBalancers.values()) {
    out.set(balancer.arn, {
      SecurityGroups: list(balancer.securityGroupIds),
      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: String(
        balancer.enforceInboundRulesOnPrivateLink,
      ),
      CrossZone: String(balancer.crossZone),
      Listeners: list(
        balancer.listeners.map(
          (l) =>
            `${l.protocol ?? '?'} ${l.port ?? '?'} -> ${list(l.forwards.map((f) => f.targetGroupArn))}`,
        ),
      ),
    });
  }
  for (const group of network.targetGroups.values()) {
    out.set(group.arn, {
      Port: String(group.port ?? '(none)'),
      HealthCheck: `${group.healthCheckEnabled ? 'on' : 'off'} ${group.healthCheckProtocol ?? ''} ${group.healthCheckPort}`,
      Targets: list(group.targets.map((t) => `${t.id}:${t.port ?? group.port ?? '?'}`)),
    });
  }
  return out;
}
