import type { IacNetwork } from '../iac/model.js';
import { booleanOf, requiredString, type TfContext } from './context.js';
import type { TfResource } from './plan-json.js';

function endpointOf(context: TfContext, resource: TfResource) {
  const endpointId = requiredString(context, resource, ['vpc_endpoint_id']);
  const endpoint = context.network.vpcEndpoints.find((item) => item.vpcEndpointId === endpointId);
  if (endpoint === undefined) {
    context.notes.add(
      'ENDPOINT_OUTSIDE_SNAPSHOT',
      resource.address,
      `the association is for ${endpointId}, which this file does not declare; it is left out`,
    );
  }
  return endpoint;
}

/** `aws_vpc_endpoint_subnet_association`: one more subnet, so one more endpoint ENI. */
export function translateEndpointSubnetAssociation(context: TfContext, resource: TfResource): void {
  const endpoint = endpointOf(context, resource);
  const subnetId = requiredString(context, resource, ['subnet_id']);
  if (endpoint !== undefined && !endpoint.subnetIds.includes(subnetId)) {
    endpoint.subnetIds.push(subnetId);
  }
}

function defaultGroupOf(network: IacNetwork, vpcId: string): string | undefined {
  return network.vpcs.find((vpc) => vpc.vpcId === vpcId)?.defaultSecurityGroupId;
}

/**
 * `aws_vpc_endpoint_security_group_association`. An endpoint created without groups has the VPC's
 * default group; an associated group joins it, or replaces it when
 * `replace_default_association` is set.
 */
export function translateEndpointGroupAssociation(context: TfContext, resource: TfResource): void {
  const endpoint = endpointOf(context, resource);
  if (endpoint === undefined) return;
  const groupId = requiredString(context, resource, ['security_group_id']);
  const replace = booleanOf(context, resource, ['replace_default_association'], false);
  const defaultGroup = defaultGroupOf(context.network, endpoint.vpcId);
  if (endpoint.securityGroupIds.length === 0 && !replace && defaultGroup !== undefined) {
    endpoint.securityGroupIds.push(defaultGroup);
  }
  if (replace) {
    endpoint.securityGroupIds = endpoint.securityGroupIds.filter((id) => id !== defaultGroup);
  }
  if (!endpoint.securityGroupIds.includes(groupId)) endpoint.securityGroupIds.push(groupId);
}

/** `aws_network_interface_sg_attachment`: one more group on an ENI or an instance's primary ENI. */
export function translateInterfaceGroupAttachment(context: TfContext, resource: TfResource): void {
  const eniId = requiredString(context, resource, ['network_interface_id']);
  const groupId = requiredString(context, resource, ['security_group_id']);
  const { network } = context;
  const eni = network.networkInterfaces.find((item) => item.networkInterfaceId === eniId);
  const instance = network.instances.find((item) => item.primaryNetworkInterfaceId === eniId);
  const holder = eni ?? instance;
  if (holder === undefined) {
    context.notes.add(
      'INTERFACE_OUTSIDE_SNAPSHOT',
      resource.address,
      `the attachment is for ${eniId}, which this file does not declare; it is left out`,
    );
    return;
  }
  if (!holder.securityGroupIds.includes(groupId)) holder.securityGroupIds.push(groupId);
}
