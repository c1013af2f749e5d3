import { InputError } from '../../errors.js';
import {
  booleanValue,
  type CfnContext,
  type CfnResource,
  idList,
  ownId,
  requiredId,
  siteOf,
  stringValue,
  tagsOf,
} from './context.js';

/**
 * `AWS::EC2::VPCEndpoint`. The type defaults to `Gateway`, as in CloudFormation; only interface
 * endpoints get ENIs (one per subnet) and security groups (none listed: the VPC's default).
 */
export function translateVpcEndpoint(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const serviceName = properties.ServiceName;
  if (typeof serviceName !== 'string' || serviceName === '') {
    throw new InputError({
      ...siteOf(context, resource, 'ServiceName'),
      value: serviceName,
      message: 'is missing',
    });
  }
  context.network.vpcEndpoints.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    vpcEndpointId: ownId(context, resource),
    vpcEndpointType: stringValue(properties.VpcEndpointType, 'Gateway'),
    vpcId: requiredId(context, resource, 'VpcId', 'vpc'),
    serviceName,
    subnetIds: idList(properties.SubnetIds, 'subnet'),
    securityGroupIds: idList(properties.SecurityGroupIds, 'sg'),
    privateDnsEnabled: booleanValue(properties.PrivateDnsEnabled, false),
    ipAddressType: stringValue(properties.IpAddressType, 'ipv4'),
    designatedIpv4: {},
  });
}

/**
 * `AWS::EC2::VPCEndpointService`. Its service name is `com.amazonaws.vpce.<region>.<service ID>`,
 * the form AWS gives, so a consumer endpoint built with `!Sub` from the same ID matches it.
 */
export function translateEndpointService(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const serviceId = ownId(context, resource);
  const types = idList(properties.SupportedIpAddressTypes, 'ipv4');
  context.network.endpointServices.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    serviceId,
    serviceName: `com.amazonaws.vpce.${context.evaluator.scope.region}.${serviceId}`,
    networkLoadBalancerArns: idList(properties.NetworkLoadBalancerArns, 'arn'),
    acceptanceRequired: booleanValue(properties.AcceptanceRequired, false),
    supportedIpAddressTypes: types.length > 0 ? types : ['ipv4'],
  });
}
