import { InputError } from '../../errors.js';
import { parseIp } from '../../net/address.js';
import { placeholderId } from '../iac/placeholder-ids.js';
import {
  type CfnContext,
  type CfnResource,
  fieldValue,
  idList,
  idValue,
  ownId,
  requiredId,
  siteOf,
  stringValue,
  tagsOf,
} from './context.js';
import { isUnresolved } from './functions.js';
import { isRecord } from './parse-template.js';
import { resourceKey } from './resource-ids.js';

function address(context: CfnContext, resource: CfnResource, field: string): string | undefined {
  const value = fieldValue(resource.properties, field);
  if (value === undefined || value === '' || isUnresolved(value)) return undefined;
  if (typeof value === 'string' && parseIp(value).ok) return value;
  throw new InputError({
    ...siteOf(context, resource, field),
    value,
    message: 'is not an IP address',
  });
}

/** The `NetworkInterfaces` entry with device index 0, if the instance declares its ENIs. */
function primaryInterfaceIndex(resource: CfnResource): number | undefined {
  const interfaces = resource.properties.NetworkInterfaces;
  if (!Array.isArray(interfaces)) return undefined;
  const index = interfaces.findIndex((item) => isRecord(item) && String(item.DeviceIndex) === '0');
  return index < 0 ? undefined : index;
}

/**
 * `AWS::EC2::Instance`: its primary ENI carries its address and groups, from the instance's own
 * properties or from its device-index-0 `NetworkInterfaces` entry. No groups means the VPC's
 * default group, as EC2 does.
 */
export function translateInstance(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const index = primaryInterfaceIndex(resource);
  const at = index === undefined ? '' : `NetworkInterfaces[${index}].`;
  const declaredEni = idValue(fieldValue(properties, `${at}NetworkInterfaceId`), 'eni');
  const key = resourceKey(context.evaluator.scope, resource.logicalId);
  const groups =
    index === undefined ? properties.SecurityGroupIds : fieldValue(properties, `${at}GroupSet`);
  if (idList(groups, 'sg').length === 0 && properties.SecurityGroups !== undefined) {
    context.notes.add(
      'SECURITY_GROUP_NAMES_IGNORED',
      resource.logicalId,
      'SecurityGroups (group names) is not read; use SecurityGroupIds',
    );
  }
  const zone = stringValue(properties.AvailabilityZone, '');
  context.network.instances.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    instanceId: ownId(context, resource),
    subnetId:
      declaredEni === undefined ? requiredId(context, resource, `${at}SubnetId`, 'subnet') : '',
    primaryNetworkInterfaceId: declaredEni ?? placeholderId('eni', key),
    privateIpAddress: address(context, resource, `${at}PrivateIpAddress`),
    securityGroupIds: idList(groups, 'sg'),
    availabilityZone: zone === '' ? undefined : zone,
  });
  if (declaredEni !== undefined) attachDeclaredInterface(context, resource, declaredEni);
}

/** An instance launched on a declared ENI: the ENI gets the attachment, and the subnet. */
function attachDeclaredInterface(context: CfnContext, resource: CfnResource, eniId: string): void {
  const instance = context.network.instances.at(-1)!;
  const eni = context.network.networkInterfaces.find((item) => item.networkInterfaceId === eniId);
  if (eni === undefined) {
    context.notes.add(
      'INTERFACE_OUTSIDE_SNAPSHOT',
      resource.logicalId,
      `the primary ENI ${eniId} is not declared in this template; the instance has no address here`,
    );
    return;
  }
  eni.attachment = { instanceId: instance.instanceId, deviceIndex: 0 };
  instance.subnetId = eni.subnetId;
  instance.securityGroupIds = eni.securityGroupIds;
  instance.privateIpAddress = eni.privateIpAddresses[0];
}

/** `AWS::EC2::NetworkInterface`. */
export function translateNetworkInterface(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const listed = Array.isArray(properties.PrivateIpAddresses) ? properties.PrivateIpAddresses : [];
  const secondary = listed.flatMap(
    (_, i) => address(context, resource, `PrivateIpAddresses[${i}].PrivateIpAddress`) ?? [],
  );
  const primary = address(context, resource, 'PrivateIpAddress');
  context.network.networkInterfaces.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    networkInterfaceId: ownId(context, resource),
    subnetId: requiredId(context, resource, 'SubnetId', 'subnet'),
    privateIpAddresses: [...new Set([...(primary === undefined ? [] : [primary]), ...secondary])],
    securityGroupIds: idList(properties.GroupSet, 'sg'),
    description: stringValue(properties.Description, ''),
  });
}
