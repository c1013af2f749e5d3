import type { SnapshotDocument } from '../../snapshot/keys.js';
import { compact, createEmitContext, type EmitContext } from './emit-context.js';
import {
  defaultNetworkAclEntries,
  defaultSecurityGroup,
  emitNetworkAcl,
  emitSecurityGroup,
} from './emit-filters.js';
import {
  emitInstanceInterface,
  emitInterface,
  emitNetworkInterface,
  emitReservation,
  emitServiceConfiguration,
  emitVpcEndpoint,
  endpointInterfaces,
} from './emit-interfaces.js';
import {
  emitListenerWrappers,
  emitLoadBalancer,
  emitTargetGroup,
  emitTargetHealth,
  loadBalancerInterfaces,
} from './emit-load-balancers.js';
import type { IacNetwork, IacNetworkAcl, IacSecurityGroup, IacSubnet, IacVpc } from './model.js';
import type { NoteList } from './read-result.js';

function emitVpc(context: EmitContext, vpc: IacVpc): object {
  return compact({
    VpcId: vpc.vpcId,
    OwnerId: context.network.accountId,
    CidrBlock: vpc.cidrBlock,
    CidrBlockAssociationSet:
      vpc.cidrBlock === undefined
        ? []
        : [{ CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } }],
    Ipv6CidrBlockAssociationSet: vpc.ipv6CidrBlocks.map((block) => ({
      Ipv6CidrBlock: block,
      Ipv6CidrBlockState: { State: 'associated' },
    })),
    IsDefault: false,
    State: 'available',
    InstanceTenancy: 'default',
    Tags: vpc.tags,
  });
}

function emitSubnet(context: EmitContext, subnet: IacSubnet): object {
  const { region, accountId } = context.network;
  return compact({
    SubnetId: subnet.subnetId,
    SubnetArn: `arn:aws:ec2:${region}:${accountId}:subnet/${subnet.subnetId}`,
    VpcId: subnet.vpcId,
    OwnerId: accountId,
    CidrBlock: subnet.cidrBlock,
    Ipv6CidrBlockAssociationSet:
      subnet.ipv6CidrBlock === undefined
        ? []
        : [{ Ipv6CidrBlock: subnet.ipv6CidrBlock, Ipv6CidrBlockState: { State: 'associated' } }],
    AvailabilityZone: subnet.availabilityZone,
    AvailabilityZoneId: subnet.availabilityZoneId,
    State: 'available',
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    Tags: subnet.tags,
  });
}

/** Declared ACLs plus each VPC's default ACL, unless a declaration manages that one. */
function allNetworkAcls(network: IacNetwork): IacNetworkAcl[] {
  const declared = new Set(network.networkAcls.map((acl) => acl.networkAclId));
  const defaults = network.vpcs
    .filter((vpc) => !declared.has(vpc.defaultNetworkAclId))
    .map((vpc) => ({
      source: vpc.source,
      tags: [],
      networkAclId: vpc.defaultNetworkAclId,
      vpcId: vpc.vpcId,
      isDefault: true,
      entries: defaultNetworkAclEntries(vpc),
    }));
  return [...defaults, ...network.networkAcls];
}

/** Declared groups plus each VPC's default group, unless a declaration manages that one. */
function allSecurityGroups(network: IacNetwork): IacSecurityGroup[] {
  const declared = new Set(network.securityGroups.map((group) => group.groupId));
  const defaults = network.vpcs
    .filter((vpc) => !declared.has(vpc.defaultSecurityGroupId))
    .map(defaultSecurityGroup);
  return [...defaults, ...network.securityGroups];
}

/** Subnet → ACL: the last explicit association wins, else the VPC's default ACL. */
function aclMembers(context: EmitContext, acls: IacNetworkAcl[]): Map<string, string[]> {
  const aclOfSubnet = new Map<string, string>();
  for (const subnet of context.network.subnets) {
    const vpc = context.vpcById.get(subnet.vpcId);
    if (vpc !== undefined) aclOfSubnet.set(subnet.subnetId, vpc.defaultNetworkAclId);
  }
  for (const association of context.network.networkAclAssociations) {
    aclOfSubnet.set(association.subnetId, association.networkAclId);
  }
  const members = new Map<string, string[]>(acls.map((acl) => [acl.networkAclId, []]));
  for (const [subnetId, aclId] of aclOfSubnet) members.get(aclId)?.push(subnetId);
  return members;
}

function emitInterfaces(context: EmitContext): {
  interfaces: object[];
  endpoints: object[];
} {
  const { network } = context;
  // An instance launched on a declared ENI has that ENI as its primary one: emit it once.
  const declared = new Set(network.networkInterfaces.map((eni) => eni.networkInterfaceId));
  const interfaces = [
    ...network.instances
      .filter((instance) => !declared.has(instance.primaryNetworkInterfaceId))
      .map((instance) => emitInstanceInterface(context, instance)),
    ...network.networkInterfaces.map((eni) => emitNetworkInterface(context, eni)),
    ...network.loadBalancers
      .flatMap(loadBalancerInterfaces)
      .map((spec) => emitInterface(context, spec)),
  ];
  const endpoints = network.vpcEndpoints.map((endpoint) => {
    const specs = endpointInterfaces(context, endpoint);
    interfaces.push(...specs.map((spec) => emitInterface(context, spec)));
    return emitVpcEndpoint(
      context,
      endpoint,
      specs.map((spec) => spec.networkInterfaceId),
    );
  });
  return { interfaces, endpoints };
}

/** What the caller knows that the file does not. */
export interface EmitOptions {
  /**
   * Zone name → zone ID of the account (`aws ec2 describe-availability-zones`), for subnets
   * whose zone ID the file does not give. Zone names map to different zones in each account;
   * zone IDs do not, and PrivateLink pairs endpoint ENIs with load balancer nodes by zone ID.
   */
  availabilityZoneIds?: Record<string, string>;
}

function withZoneIds(network: IacNetwork, zoneIds: Record<string, string>): IacNetwork {
  const subnets = network.subnets.map((subnet) => {
    if (subnet.availabilityZoneId !== undefined || subnet.availabilityZone === undefined) {
      return subnet;
    }
    const zoneId = zoneIds[subnet.availabilityZone];
    return zoneId === undefined ? subnet : { ...subnet, availabilityZoneId: zoneId };
  });
  return { ...network, subnets };
}

function noteMissingZoneIds(network: IacNetwork, notes: NoteList): void {
  const zones = network.subnets
    .filter((subnet) => subnet.availabilityZoneId === undefined)
    .map((subnet) => subnet.availabilityZone)
    .filter((zone) => zone !== undefined);
  if (zones.length === 0) return;
  notes.add(
    'AVAILABILITY_ZONE_ID_UNKNOWN',
    '',
    `the zone IDs of ${[...new Set(zones)].sort().join(', ')} are not in the file; give them with the availabilityZoneIds option (aws ec2 describe-availability-zones) so endpoint ENIs can be paired with load balancer nodes`,
  );
}

/**
 * Turns a declared network into one snapshot document in the shapes the AWS CLI prints, adding
 * what AWS adds on its own: each VPC's default network ACL and security group, the `*` entries
 * of every ACL, the ENIs of interface endpoints and network load balancer nodes.
 */
export function emitSnapshotDocument(
  declared: IacNetwork,
  notes: NoteList,
  options: EmitOptions = {},
): SnapshotDocument {
  const network = withZoneIds(declared, options.availabilityZoneIds ?? {});
  noteMissingZoneIds(network, notes);
  const groups = allSecurityGroups(network);
  const context = createEmitContext({ ...network, securityGroups: groups }, notes);
  const acls = allNetworkAcls(network);
  const members = aclMembers(context, acls);
  const { interfaces, endpoints } = emitInterfaces(context);
  const document: SnapshotDocument = {
    Vpcs: network.vpcs.map((vpc) => emitVpc(context, vpc)),
    Subnets: network.subnets.map((subnet) => emitSubnet(context, subnet)),
    NetworkAcls: acls.map((acl) =>
      emitNetworkAcl(context, acl, members.get(acl.networkAclId) ?? []),
    ),
    SecurityGroups: groups.map((group) => emitSecurityGroup(context, group)),
    NetworkInterfaces: interfaces,
    Reservations: network.instances.map((instance) => emitReservation(context, instance)),
    VpcEndpoints: endpoints,
    ServiceConfigurations: network.endpointServices.map((service) =>
      emitServiceConfiguration(context, service),
    ),
    LoadBalancers: network.loadBalancers.map((lb) => emitLoadBalancer(context, lb)),
    LoadBalancerAttributes: network.loadBalancers.map((lb) => ({
      LoadBalancerArn: lb.loadBalancerArn,
      Attributes: lb.attributes,
    })),
    LoadBalancerListeners: emitListenerWrappers(network.listeners),
    TargetGroups: network.targetGroups.map((group) => emitTargetGroup(context, group)),
    TargetGroupAttributes: network.targetGroups.map((group) => ({
      TargetGroupArn: group.targetGroupArn,
      Attributes: group.attributes,
    })),
    LoadBalancerTargetHealth: emitTargetHealth(network.targetGroups, network.targets),
  };
  return dropEmptyKeys(document);
}

function dropEmptyKeys(document: SnapshotDocument): SnapshotDocument {
  return Object.fromEntries(
    Object.entries(document).filter(([, items]) => items !== undefined && items.length > 0),
  );
}
