import { compileNetworkAclEntry, compileSecurityGroupRules } from '../../filters/compile.js';
import { describeSecurityGroupRule } from '../../filters/security-group.js';
import type { IpAddress } from '../../net/address.js';
import { type Cidr, formatCidr, hostCidr } from '../../net/cidr.js';
import { PacketSet } from '../../net/packet-set.js';
import type {
  EndpointService,
  Eni,
  LoadBalancer,
  Network,
  NetworkAcl,
  NetworkAclEntry,
  SecurityGroupRule,
  TargetGroup,
} from '../../network/types.js';
import {
  aclEntryCommand,
  aclEntryRef,
  authorizeIngressCommand,
  deleteAclEntryCommand,
  describeAclEntry,
  freeRuleNumber,
  revokeRuleCommand,
} from './aws-commands.js';
import type { Finding } from './finding.js';

/** One target ENI of an endpoint service, with the ports the NLB sends to it. */
export interface ServiceTarget {
  readonly service: EndpointService;
  readonly balancer: LoadBalancer;
  readonly group: TargetGroup;
  readonly eni: Eni;
  /** TCP (6) or UDP (17), as the listener carries. */
  readonly protocol: number;
  readonly ports: readonly number[];
}

/** Every private address an NLB's nodes send from: primary and secondary, every zone. */
export function nodeAddresses(balancer: LoadBalancer): IpAddress[] {
  return balancer.nodes.flatMap((node) =>
    node.ip === undefined ? [] : [node.ip, ...node.secondaryIps],
  );
}

/** The target ENIs behind each endpoint service, with the target and health-check ports. */
export function serviceTargets(network: Network): ServiceTarget[] {
  const found: ServiceTarget[] = [];
  for (const service of network.endpointServices.values()) {
    for (const arn of service.loadBalancerArns) {
      const balancer = network.loadBalancers.get(arn);
      if (balancer === undefined) continue;
      for (const listener of balancer.listeners) {
        const protocol =
          /UDP|QUIC/.test(listener.protocol ?? '') && !/TCP/.test(listener.protocol ?? '') ? 17 : 6;
        for (const forward of listener.forwards) {
          const group = network.targetGroups.get(forward.targetGroupArn);
          if (group === undefined) continue;
          for (const target of group.targets) {
            const eni = target.eniId === undefined ? undefined : network.enis.get(target.eniId);
            const port = target.port ?? group.port;
            if (eni === undefined || port === undefined) continue;
            const health = group.healthCheckPort === 'traffic-port' ? port : group.healthCheckPort;
            const ports = [...new Set([port, health])];
            found.push({ service, balancer, group, eni, protocol, ports });
          }
        }
      }
    }
  }
  return found;
}

/** The VPC CIDRs of every consumer endpoint of a service in the snapshot. */
function consumerCidrs(network: Network, service: EndpointService): Cidr[] {
  const vpcIds = new Set(
    [...network.vpcEndpoints.values()]
      .filter((endpoint) => endpoint.serviceName === service.name)
      .map((endpoint) => endpoint.vpcId),
  );
  return [...vpcIds].flatMap((id) => [...(network.vpcs.get(id)?.cidrs ?? [])]);
}

/**
 * Rules in front of an endpoint service's targets that admit consumer addresses and no node
 * address, on the ports the NLB uses: PrivateLink traffic always arrives from the node IPs, so
 * for it such a rule does nothing. With client IP preservation on, and clients able to reach
 * the NLB directly (its own VPC, or the internet for an internet-facing one), the rule may serve
 * that other traffic: the finding is then low.
 */
export function auditClientRules(network: Network): Finding[] {
  const findings = new Map<string, Finding>();
  const add = (key: string, finding: Finding, eniId: string) => {
    const known = findings.get(key);
    if (known === undefined) findings.set(key, finding);
    else if (!known.related.includes(eniId))
      findings.set(key, { ...known, related: [...known.related, eniId] });
  };
  for (const target of serviceTargets(network)) {
    const clients = consumerCidrs(network, target.service);
    if (clients.length === 0) continue;
    const nodes = nodeAddresses(target.balancer).map(hostCidr);
    const onPorts = portsSet(target.protocol, target.ports);
    const fromClients = onPorts.intersect(PacketSet.of({ sources: clients }));
    const fromNodes = onPorts.intersect(PacketSet.of({ sources: nodes }));
    const direct = directClients(network, target);
    for (const rule of targetRules(network, target.eni)) {
      const set = compileSecurityGroupRules(network, [rule], 'ingress');
      if (!set.overlaps(fromClients) || set.overlaps(fromNodes)) continue;
      const direct2 = !set.intersect(direct).isEmpty();
      add(`${rule.groupId} ${rule.field}`, sgFinding(target, rule, nodes, direct2), target.eni.id);
    }
    const subnet = network.subnets.get(target.eni.subnetId);
    const acl = subnet === undefined ? undefined : network.networkAcls.get(subnet.networkAclId);
    for (const entry of acl?.inbound ?? []) {
      if (entry.action !== 'allow' || entry.ruleNumber >= 32767) continue;
      const set = compileNetworkAclEntry(entry);
      if (!set.overlaps(fromClients) || set.overlaps(fromNodes)) continue;
      add(
        `${acl!.id} ${entry.ruleNumber}`,
        aclFinding(network, acl!, target, entry),
        target.eni.id,
      );
    }
  }
  return [...findings.values()];
}

function portsSet(protocol: number, ports: readonly number[]): PacketSet {
  return PacketSet.unionAll(
    ports.map((port) => PacketSet.of({ protocol, destinationPorts: { from: port, to: port } })),
  );
}

function targetRules(network: Network, eni: Eni): SecurityGroupRule[] {
  return eni.securityGroupIds.flatMap((id) => [...(network.securityGroups.get(id)?.inbound ?? [])]);
}

/** Packets from clients whose address reaches the target unchanged, outside PrivateLink. */
function directClients(network: Network, target: ServiceTarget): PacketSet {
  if (!preservesClientIp(target.group, target.protocol)) return PacketSet.empty();
  if (target.balancer.scheme === 'internet-facing') return PacketSet.all();
  const vpc = network.vpcs.get(target.balancer.vpcId);
  return PacketSet.of({ sources: [...(vpc?.cidrs ?? [])] });
}

/**
 * AWS's defaults: preserved for instance targets and for UDP ip targets, not for TCP ip
 * targets; the `preserve_client_ip.enabled` attribute overrides them.
 */
function preservesClientIp(group: TargetGroup, protocol: number): boolean {
  const set = group.attributes.get('preserve_client_ip.enabled');
  if (set !== undefined) return set === 'true';
  return group.targetType === 'instance' || protocol === 17;
}

function nodeList(nodes: readonly Cidr[]): string {
  return nodes.map(formatCidr).join(', ');
}

function sgFinding(
  target: ServiceTarget,
  rule: SecurityGroupRule,
  nodes: readonly Cidr[],
  servesDirect: boolean,
): Finding {
  const also = servesDirect
    ? '; it may still serve clients that reach the NLB directly with their address preserved'
    : '';
  const port = target.ports[0]!;
  return {
    code: 'TARGET_SG_ADMITS_CLIENTS',
    severity: servesDirect ? 'low' : 'medium',
    resource: rule.groupId,
    rule: { ref: rule.field, summary: describeSecurityGroupRule(rule) },
    message: `${rule.field}, in front of the targets of ${target.service.id}, admits consumer addresses but none of the NLB node addresses (${nodeList(nodes)}), and PrivateLink traffic always arrives from the nodes, so it does nothing for that traffic${also}.`,
    suggestion: {
      text: `admit the node addresses on port ${target.ports.join(' and ')} instead${servesDirect ? '' : `, then revoke ${rule.field}`}`,
      commands: [
        authorizeIngressCommand(
          rule.groupId,
          target.protocol,
          { from: port, to: port },
          nodes.map(formatCidr),
        ),
        ...(servesDirect ? [] : [revokeRuleCommand(rule)]),
      ],
    },
    related: [target.balancer.arn, target.eni.id],
  };
}

function aclFinding(
  network: Network,
  acl: NetworkAcl,
  target: ServiceTarget,
  entry: NetworkAclEntry,
): Finding {
  const aclId = acl.id;
  return {
    code: 'TARGET_NACL_ADMITS_CLIENTS',
    severity: 'medium',
    resource: aclId,
    rule: { ref: aclEntryRef(entry), summary: describeAclEntry(entry) },
    message: `${aclEntryRef(entry)}, in front of the targets of ${target.service.id}, admits consumer addresses but no NLB node address, and packets from the NLB carry the node's address, so it never admits PrivateLink traffic.`,
    suggestion: {
      text: `allow the NLB subnets (${target.balancer.nodes.map((n) => n.subnetId).join(', ')}) on port ${target.ports.join(' and ')} instead, and delete the entry`,
      commands: [
        ...nodeSubnetCidrs(network, target.balancer).map((cidr, i) =>
          aclEntryCommand({
            aclId,
            ruleNumber: freeRuleNumber(acl, false) + i,
            egress: false,
            protocol: target.protocol,
            ports: { from: target.ports[0]!, to: target.ports[0]! },
            cidr,
          }),
        ),
        deleteAclEntryCommand(aclId, entry),
      ],
    },
    related: [target.balancer.arn, target.eni.id],
  };
}

/** The CIDRs of the subnets an NLB's nodes sit in. */
export function nodeSubnetCidrs(network: Network, balancer: LoadBalancer): Cidr[] {
  return balancer.nodes.flatMap((node) =>
    (network.subnets.get(node.subnetId)?.cidrs ?? []).filter((c) => c.network.family === 4),
  );
}
