import { canonicalCidr } from '../iac/rule-values.js';
import { planValue, requiredString, siteOf, stringOf, type TfContext, tagsOf } from './context.js';
import type { TfResource } from './plan-json.js';

function optionalCidr(
  context: TfContext,
  resource: TfResource,
  attribute: string,
  family: 4 | 6,
): string | undefined {
  const value = planValue(context, resource, [attribute]);
  if (value === undefined || value === null || value === '') return undefined;
  return canonicalCidr(value, siteOf(context, resource, [attribute]), family);
}

/** `aws_vpc`: its blocks and the IDs of the default ACL and group AWS gives it. */
export function translateVpc(context: TfContext, resource: TfResource): void {
  const { linker } = context;
  const cidrBlock = optionalCidr(context, resource, 'cidr_block', 4);
  const ipv6 = optionalCidr(context, resource, 'ipv6_cidr_block', 6);
  if (cidrBlock === undefined) {
    context.notes.add(
      'CIDR_UNKNOWN_UNTIL_DEPLOYMENT',
      resource.address,
      'the VPC IPv4 block is allocated at deployment (IPAM); the VPC has no CidrBlock here',
    );
  }
  if (ipv6 === undefined && planValue(context, resource, ['assign_generated_ipv6_cidr_block'])) {
    context.notes.add(
      'CIDR_UNKNOWN_UNTIL_DEPLOYMENT',
      resource.address,
      'the Amazon-provided IPv6 block is allocated at deployment; the VPC is read as IPv4-only',
    );
  }
  context.network.vpcs.push({
    source: resource.address,
    tags: tagsOf(resource),
    vpcId: String(linker.attribute(resource, 'id')),
    cidrBlock,
    ipv6CidrBlocks: ipv6 === undefined ? [] : [ipv6],
    defaultNetworkAclId: String(linker.attribute(resource, 'default_network_acl_id')),
    defaultSecurityGroupId: String(linker.attribute(resource, 'default_security_group_id')),
  });
}

/** `aws_subnet`. Availability zones keep the name given, and the zone ID when known. */
export function translateSubnet(context: TfContext, resource: TfResource): void {
  const zone = stringOf(context, resource, ['availability_zone'], '');
  const zoneId = stringOf(context, resource, ['availability_zone_id'], '');
  context.network.subnets.push({
    source: resource.address,
    tags: tagsOf(resource),
    subnetId: String(context.linker.attribute(resource, 'id')),
    vpcId: requiredString(context, resource, ['vpc_id']),
    cidrBlock: optionalCidr(context, resource, 'cidr_block', 4),
    ipv6CidrBlock: optionalCidr(context, resource, 'ipv6_cidr_block', 6),
    availabilityZone: zone === '' ? undefined : zone,
    availabilityZoneId: zoneId === '' ? undefined : zoneId,
  });
}
