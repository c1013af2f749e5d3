import {
  type CfnContext,
  type CfnResource,
  cidrValue,
  ownId,
  requiredId,
  stringValue,
  tagsOf,
} from './context.js';

/** `AWS::EC2::VPC` with the default ACL and group AWS creates for it. */
export function translateVpc(context: CfnContext, resource: CfnResource): void {
  const defaults = context.evaluator.vpcDefaults(resource.logicalId);
  const cidrBlock = cidrValue(context, resource, 'CidrBlock', 4);
  if (cidrBlock === undefined) {
    context.notes.add(
      'CIDR_UNKNOWN_UNTIL_DEPLOYMENT',
      resource.logicalId,
      'the VPC IPv4 block is allocated at deployment (IPAM); the VPC has no CidrBlock here',
    );
  }
  context.network.vpcs.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    vpcId: ownId(context, resource),
    cidrBlock,
    ipv6CidrBlocks: [],
    defaultNetworkAclId: defaults.networkAclId,
    defaultSecurityGroupId: defaults.securityGroupId,
  });
}

/**
 * `AWS::EC2::VPCCidrBlock`: an IPv6 block given as a CIDR is added to its VPC; an
 * Amazon-provided one is allocated at deployment and only noted.
 */
export function translateVpcCidrBlock(context: CfnContext, resource: CfnResource): void {
  const vpcId = requiredId(context, resource, 'VpcId', 'vpc');
  const vpc = context.network.vpcs.find((candidate) => candidate.vpcId === vpcId);
  const ipv6 = cidrValue(context, resource, 'Ipv6CidrBlock', 6);
  if (vpc !== undefined && ipv6 !== undefined) vpc.ipv6CidrBlocks.push(ipv6);
  if (ipv6 === undefined) {
    context.notes.add(
      'CIDR_UNKNOWN_UNTIL_DEPLOYMENT',
      resource.logicalId,
      'an Amazon-provided or pool-allocated block is known only after deployment; it is not added',
    );
  }
}

/** `AWS::EC2::Subnet`. Availability zones keep the name given, and the zone ID when given. */
export function translateSubnet(context: CfnContext, resource: CfnResource): void {
  const zone = stringValue(resource.properties.AvailabilityZone, '');
  const zoneId = stringValue(resource.properties.AvailabilityZoneId, '');
  context.network.subnets.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    subnetId: ownId(context, resource),
    vpcId: requiredId(context, resource, 'VpcId', 'vpc'),
    cidrBlock: cidrValue(context, resource, 'CidrBlock', 4),
    ipv6CidrBlock: cidrValue(context, resource, 'Ipv6CidrBlock', 6),
    availabilityZone: zone === '' ? undefined : zone,
    availabilityZoneId: zoneId === '' ? undefined : zoneId,
  });
}
