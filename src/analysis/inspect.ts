import { UsageError } from '../errors.js';
import { describeSecurityGroupRule } from '../filters/security-group.js';
import { formatIp, parseIp } from '../net/address.js';
import { formatCidr } from '../net/cidr.js';
import { formatProtocol } from '../net/protocol.js';
import type {
  Eni,
  L4Match,
  LoadBalancer,
  Network,
  NetworkAclEntry,
  SecurityGroup,
  Subnet,
  TargetGroup,
} from '../network/types.js';
import { eniAtAddress } from '../paths/resolve.js';

/** What was loaded: one count per kind, the files skipped, the warnings. */
export function inspectSummary(network: Network) {
  return {
    version: 1 as const,
    counts: {
      vpcs: network.vpcs.size,
      subnets: network.subnets.size,
      networkAcls: network.networkAcls.size,
      securityGroups: network.securityGroups.size,
      networkInterfaces: network.enis.size,
      instances: network.instances.size,
      vpcEndpoints: network.vpcEndpoints.size,
      endpointServices: network.endpointServices.size,
      loadBalancers: network.loadBalancers.size,
      targetGroups: network.targetGroups.size,
    },
    files: network.snapshot.files.length,
    skipped: network.snapshot.skipped,
    warnings: network.warnings,
  };
}

export type InspectSummary = ReturnType<typeof inspectSummary>;

/**
 * Everything that applies to one resource. For an interface endpoint this is what AWS's
 * troubleshooting guidance has people click through the console for: its subnets' NACLs with
 * every rule, its groups with every rule, its ENIs and addresses, and the service, load
 * balancer, listeners and targets behind it.
 */
export function inspectResource(network: Network, id: string): Record<string, unknown> {
  const endpoint = network.vpcEndpoints.get(id);
  if (endpoint !== undefined) {
    const service = [...network.endpointServices.values()].find(
      (s) => s.name === endpoint.serviceName,
    );
    return {
      kind: 'vpc-endpoint',
      id,
      type: endpoint.type,
      vpcId: endpoint.vpcId,
      serviceName: endpoint.serviceName,
      state: endpoint.state ?? null,
      usesDefaultSecurityGroup: endpoint.usesDefaultSecurityGroup,
      securityGroups: endpoint.securityGroupIds.map((g) => presentGroup(network, g)),
      networkInterfaces: endpoint.eniIds.map((e) => presentEni(network, network.enis.get(e)!)),
      service: service === undefined ? null : inspectResource(network, service.id),
    };
  }
  const service = network.endpointServices.get(id);
  if (service !== undefined) {
    return {
      kind: 'endpoint-service',
      id,
      name: service.name,
      state: service.state ?? null,
      acceptanceRequired: service.acceptanceRequired ?? null,
      availabilityZoneIds: service.availabilityZoneIds ?? null,
      connections: Object.fromEntries(service.connectionStates),
      loadBalancers: service.loadBalancerArns.map((arn) => {
        const balancer = network.loadBalancers.get(arn);
        return balancer === undefined
          ? { arn, inSnapshot: false }
          : presentLoadBalancer(network, balancer);
      }),
    };
  }
  return inspectOther(network, id);
}

function inspectOther(network: Network, id: string): Record<string, unknown> {
  const balancer =
    network.loadBalancers.get(id) ?? [...network.loadBalancers.values()].find((b) => b.name === id);
  if (balancer !== undefined)
    return { kind: 'load-balancer', id: balancer.arn, ...presentLoadBalancer(network, balancer) };
  const instance = network.instances.get(id);
  if (instance !== undefined) {
    return {
      kind: 'instance',
      id,
      name: instance.name ?? null,
      state: instance.state ?? null,
      networkInterfaces: instance.eniIds.map((e) => presentEni(network, network.enis.get(e)!)),
    };
  }
  const parsed = parseIp(id);
  const eni = network.enis.get(id) ?? (parsed.ok ? eniAtAddress(network, parsed.value) : undefined);
  if (eni !== undefined) return { ...presentEni(network, eni), kind: 'network-interface' };
  const subnet = network.subnets.get(id);
  if (subnet !== undefined) return { kind: 'subnet', ...presentSubnet(network, subnet) };
  if (network.securityGroups.has(id))
    return { kind: 'security-group', ...presentGroup(network, id) };
  const acl = network.networkAcls.get(id);
  if (acl !== undefined)
    return {
      kind: 'network-acl',
      id,
      vpcId: acl.vpcId,
      isDefault: acl.isDefault,
      subnetIds: acl.subnetIds,
      inbound: acl.inbound.map(presentEntry),
      outbound: acl.outbound.map(presentEntry),
    };
  const group = network.targetGroups.get(id);
  if (group !== undefined) return { kind: 'target-group', ...presentTargetGroup(network, group) };
  throw new UsageError(
    `${id} is not in the snapshot`,
    'give an endpoint, endpoint service, ENI, instance, IP, subnet, security group, network ACL, load balancer or target group ID; `vpcreach inspect` lists the counts',
  );
}

function presentEni(network: Network, eni: Eni) {
  return {
    id: eni.id,
    kind: eni.kind,
    description: eni.description ?? null,
    addresses: [...eni.ipv4, ...eni.ipv6].map(formatIp),
    addressUnknown: eni.addressUnknown,
    instanceId: eni.instanceId ?? null,
    vpcEndpointId: eni.vpcEndpointId ?? null,
    loadBalancerArn: eni.loadBalancerArn ?? null,
    subnet: presentSubnet(network, network.subnets.get(eni.subnetId)!),
    securityGroups: eni.securityGroupIds.map((g) => presentGroup(network, g)),
  };
}

function presentSubnet(network: Network, subnet: Subnet) {
  const acl = network.networkAcls.get(subnet.networkAclId)!;
  return {
    id: subnet.id,
    vpcId: subnet.vpcId,
    cidrs: subnet.cidrs.map(formatCidr),
    availabilityZone: subnet.availabilityZone ?? null,
    availabilityZoneId: subnet.availabilityZoneId ?? null,
    networkAcl: {
      id: acl.id,
      isDefault: acl.isDefault,
      associatedExplicitly: !subnet.usesDefaultNetworkAcl,
      inbound: acl.inbound.map(presentEntry),
      outbound: acl.outbound.map(presentEntry),
    },
  };
}

function presentGroup(network: Network, id: string) {
  const group: SecurityGroup | undefined = network.securityGroups.get(id);
  if (group === undefined) return { id, inSnapshot: false };
  const rule = (r: SecurityGroup['inbound'][number]) => ({
    rule: describeSecurityGroupRule(r),
    field: r.field,
    description: r.description ?? null,
  });
  return {
    id,
    name: group.name ?? null,
    isDefault: group.isDefault,
    inbound: group.inbound.map(rule),
    outbound: group.outbound.map(rule),
  };
}

export function presentEntry(entry: NetworkAclEntry) {
  return {
    rule: entry.ruleNumber > 32766 ? '*' : entry.ruleNumber,
    action: entry.action,
    protocol: formatProtocol(entry.protocol),
    ports: describeL4(entry.l4),
    cidr: formatCidr(entry.cidr),
  };
}

function describeL4(l4: L4Match): string {
  if (l4.kind === 'any') return 'all';
  if (l4.kind === 'ports') return l4.from === l4.to ? String(l4.from) : `${l4.from}-${l4.to}`;
  if (l4.type === undefined) return 'all types';
  return l4.code === undefined ? `type ${l4.type}` : `type ${l4.type} code ${l4.code}`;
}

function presentLoadBalancer(network: Network, balancer: LoadBalancer) {
  const groups = new Set(
    balancer.listeners.flatMap((l) => l.forwards.map((f) => f.targetGroupArn)),
  );
  return {
    arn: balancer.arn,
    name: balancer.name,
    scheme: balancer.scheme ?? null,
    crossZone: balancer.crossZone,
    securityGroups: balancer.securityGroupIds.map((g) => presentGroup(network, g)),
    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic:
      balancer.securityGroupIds.length > 0
        ? balancer.enforceInboundRulesOnPrivateLink
          ? 'on'
          : 'off'
        : null,
    nodes: balancer.nodes.map((node) => ({
      subnetId: node.subnetId,
      availabilityZoneId: node.availabilityZoneId ?? null,
      networkInterfaceId: node.eniId ?? null,
      address: node.ip === undefined ? null : formatIp(node.ip),
      networkAcl: presentSubnet(network, network.subnets.get(node.subnetId)!).networkAcl,
    })),
    listeners: balancer.listeners.map((l) => ({
      arn: l.arn ?? null,
      protocol: l.protocol ?? null,
      port: l.port ?? null,
      forwards: l.forwards,
    })),
    targetGroups: [...groups].map((arn) => {
      const group = network.targetGroups.get(arn);
      return group === undefined ? { arn, inSnapshot: false } : presentTargetGroup(network, group);
    }),
  };
}

function presentTargetGroup(network: Network, group: TargetGroup) {
  return {
    arn: group.arn,
    name: group.name ?? null,
    protocol: group.protocol ?? null,
    port: group.port ?? null,
    targetType: group.targetType,
    healthCheck: { protocol: group.healthCheckProtocol ?? null, port: group.healthCheckPort },
    attributes: Object.fromEntries(group.attributes),
    targets: group.targets.map((t) => ({
      id: t.id,
      port: t.port ?? group.port ?? null,
      address: t.ip === undefined ? null : formatIp(t.ip),
      observedState: t.observedState ?? null,
      networkInterface:
        t.eniId === undefined ? null : presentEni(network, network.enis.get(t.eniId)!),
    })),
  };
}
