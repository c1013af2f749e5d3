import type { EndpointService, Network, VpcEndpoint } from '../../network/types.js';
import { targetHealth } from '../../paths/health.js';
import { forwardedGroups } from '../../paths/load-balancer.js';
import { crossZoneFor, targetZone } from '../../paths/target-choice.js';
import type { Finding } from './finding.js';
import { contextFor } from './provider-legs.js';

/** Interface endpoints carrying their VPC's default group, given or by omission. */
export function auditEndpointGroups(network: Network): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of network.vpcEndpoints.values()) {
    if (endpoint.type.toLowerCase() !== 'interface') continue;
    const defaultId = network.vpcs.get(endpoint.vpcId)?.defaultSecurityGroupId;
    const usesDefault =
      endpoint.usesDefaultSecurityGroup ||
      (defaultId !== undefined && endpoint.securityGroupIds.includes(defaultId));
    if (!usesDefault) continue;
    const group = defaultId ?? endpoint.securityGroupIds[0] ?? 'the default group';
    const how = endpoint.usesDefaultSecurityGroup
      ? 'was created without security groups, so it carries'
      : 'carries';
    findings.push({
      code: 'ENDPOINT_DEFAULT_SECURITY_GROUP',
      severity: 'medium',
      resource: endpoint.id,
      rule: null,
      message: `${endpoint.id} ${how} ${group}, the default group of ${endpoint.vpcId}, which admits only its own members: other clients are refused, and anything later added to the default group gains access.`,
      suggestion: {
        text: `create a group admitting the clients on the service ports and attach it instead of ${group}`,
        commands: [
          `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --add-security-group-ids <new-group-id> --remove-security-group-ids ${group}`,
        ],
      },
      related: [...endpoint.eniIds],
    });
  }
  return findings;
}

/** Network Load Balancers that can never get security groups. */
export function auditLoadBalancerGroups(network: Network): Finding[] {
  return [...network.loadBalancers.values()]
    .filter((lb) => lb.type === 'network' && lb.securityGroupIds.length === 0)
    .map((lb) => ({
      code: 'NLB_WITHOUT_SECURITY_GROUPS',
      severity: 'low' as const,
      resource: lb.arn,
      rule: null,
      message: `${lb.name} was created without security groups and can never get one, so nothing filters what reaches it and its targets must admit the node addresses rather than a group reference.`,
      suggestion: {
        text: 'if group-based filtering is wanted, create a replacement NLB with a security group and move the listeners and the endpoint service to it',
        commands: [
          `aws elbv2 create-load-balancer --name ${lb.name}-sg --type network --scheme ${lb.scheme ?? 'internal'} --subnets ${lb.nodes.map((n) => n.subnetId).join(' ')} --security-groups <group-id>`,
        ],
      },
      related: lb.nodes.flatMap((n) => (n.eniId === undefined ? [] : [n.eniId])),
    }));
}

/**
 * Target groups with cross-zone off (the group's own setting, else the NLB's) where an enabled
 * zone has no registered target — its node drops what it receives — or only targets whose
 * health checks fail, so traffic there relies on fail-open routing.
 */
export function auditCrossZone(network: Network): Finding[] {
  const findings: Finding[] = [];
  for (const balancer of network.loadBalancers.values()) {
    if (balancer.type !== 'network') continue;
    for (const listener of balancer.listeners) {
      const ctx = contextFor(network, 6, listener.port ?? 0);
      for (const group of forwardedGroups(ctx, listener)) {
        if (crossZoneFor(balancer, group)) continue;
        for (const node of balancer.nodes) {
          const zone = node.availabilityZoneId;
          const inZone = group.targets.filter((t) => targetZone(ctx, t) === zone);
          const healthy = inZone.filter((t) => targetHealth(ctx, balancer, group, t).healthy);
          if (healthy.length > 0) continue;
          const none = inZone.length === 0;
          findings.push({
            code: 'CROSS_ZONE_OFF_ZONE_WITHOUT_HEALTHY_TARGET',
            severity: none ? 'high' : 'medium',
            resource: balancer.arn,
            rule: null,
            message: `cross-zone load balancing is off for ${group.name ?? group.arn} and ${zone ?? node.subnetId} has ${none ? 'no registered target, so its node drops every flow it receives' : 'only targets whose health checks fail, so its traffic relies on fail-open routing'}; clients entering through that zone (PrivateLink pairs zones by ID) fail.`,
            suggestion: {
              text: `enable cross-zone load balancing, or register healthy targets in ${zone ?? node.subnetId}`,
              commands: [
                `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${balancer.arn} --attributes Key=load_balancing.cross_zone.enabled,Value=true`,
              ],
            },
            related: [group.arn, ...(node.eniId === undefined ? [] : [node.eniId])],
          });
        }
      }
    }
  }
  return findings;
}

/** Endpoint ENIs in zones (by zone ID) where the service or its NLBs have no presence. */
export function auditEndpointZones(network: Network): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of network.vpcEndpoints.values()) {
    const service = serviceOf(network, endpoint);
    if (service === undefined) continue;
    const nodeZones = new Set(
      service.loadBalancerArns.flatMap(
        (arn) => network.loadBalancers.get(arn)?.nodes.map((n) => n.availabilityZoneId) ?? [],
      ),
    );
    for (const eniId of endpoint.eniIds) {
      const eni = network.enis.get(eniId);
      if (eni === undefined) continue;
      const zone = eni.availabilityZoneId;
      const offered = service.availabilityZoneIds?.includes(zone ?? '') ?? true;
      if (offered && nodeZones.has(zone)) continue;
      const why = offered
        ? `no load balancer of ${service.id} has a node there`
        : `${service.id} is offered only in ${(service.availabilityZoneIds ?? []).join(', ')}`;
      findings.push({
        code: 'ENDPOINT_ZONE_NOT_SERVED',
        severity: 'high',
        resource: endpoint.id,
        rule: null,
        message: `${eni.id} of ${endpoint.id} sits in ${zone ?? eni.subnetId}, but ${why}, so clients that reach the endpoint through that ENI fail.`,
        suggestion: {
          text: `enable ${zone ?? 'the zone'} on the NLB and the service, or remove ${eni.subnetId} from the endpoint`,
          commands: [
            `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --remove-subnet-ids ${eni.subnetId}`,
          ],
        },
        related: [eni.id, service.id],
      });
    }
  }
  return findings;
}

/** The endpoint service an endpoint connects to, when the snapshot has it (matched by name). */
export function serviceOf(network: Network, endpoint: VpcEndpoint): EndpointService | undefined {
  return [...network.endpointServices.values()].find((s) => s.name === endpoint.serviceName);
}
