import { InputError } from '../../errors.js';
import { parseIp } from '../../net/address.js';
import type { IacNetworkInterface } from '../iac/model.js';
import {
  blocksOf,
  planValue,
  requiredString,
  siteOf,
  stringOf,
  type TfContext,
  tagsOf,
} from './context.js';
import type { ValuePath } from './linker.js';
import type { TfResource } from './plan-json.js';

/** A private IP the configuration sets; unknown or absent reads as undefined. */
function privateIp(context: TfContext, resource: TfResource, path: ValuePath): string | undefined {
  const value = planValue(context, resource, path);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && parseIp(value).ok) return value;
  throw new InputError({
    ...siteOf(context, resource, path),
    value,
    message: 'is not an IP address',
  });
}

/**
 * `aws_instance`: its primary ENI carries its address and groups. No `vpc_security_group_ids`
 * means the VPC's default group, as EC2 does.
 */
export function translateInstance(context: TfContext, resource: TfResource): void {
  const { linker } = context;
  const groupIds = linker.strings(resource, ['vpc_security_group_ids']);
  // Group names matter only when no IDs are given (EC2-Classic style or a default VPC).
  if (groupIds.length === 0 && linker.strings(resource, ['security_groups']).length > 0) {
    context.notes.add(
      'SECURITY_GROUP_NAMES_IGNORED',
      resource.address,
      'security_groups (group names) is not read; use vpc_security_group_ids',
    );
  }
  const declared = declaredPrimaryInterface(context, resource);
  if (declared !== undefined) {
    launchOnInterface(context, resource, declared);
    return;
  }
  const zone = stringOf(context, resource, ['availability_zone'], '');
  context.network.instances.push({
    source: resource.address,
    tags: tagsOf(resource),
    instanceId: String(linker.attribute(resource, 'id')),
    subnetId: requiredString(context, resource, ['subnet_id']),
    primaryNetworkInterfaceId: String(linker.attribute(resource, 'primary_network_interface_id')),
    privateIpAddress: privateIp(context, resource, ['private_ip']),
    securityGroupIds: groupIds,
    availabilityZone: zone === '' ? undefined : zone,
  });
}

/** The ENI a `network_interface` block with device index 0 launches the instance on. */
function declaredPrimaryInterface(context: TfContext, resource: TfResource) {
  const blocks = blocksOf(context, resource, ['network_interface']);
  const index = blocks.findIndex(
    (block) => String((block as { device_index?: unknown }).device_index) === '0',
  );
  if (index < 0) return undefined;
  const eniId = requiredString(context, resource, [
    'network_interface',
    index,
    'network_interface_id',
  ]);
  return context.network.networkInterfaces.find((eni) => eni.networkInterfaceId === eniId);
}

/**
 * An instance launched on a declared ENI: that ENI is its primary one, with its subnet, address
 * and groups, and it gets the attachment.
 */
function launchOnInterface(
  context: TfContext,
  resource: TfResource,
  eni: IacNetworkInterface,
): void {
  const instanceId = String(context.linker.attribute(resource, 'id'));
  eni.attachment = { instanceId, deviceIndex: 0 };
  context.network.instances.push({
    source: resource.address,
    tags: tagsOf(resource),
    instanceId,
    subnetId: eni.subnetId,
    primaryNetworkInterfaceId: eni.networkInterfaceId,
    privateIpAddress: eni.privateIpAddresses[0],
    securityGroupIds: eni.securityGroupIds,
  });
}

function interfaceAddresses(context: TfContext, resource: TfResource): string[] {
  const primary = privateIp(context, resource, ['private_ip']);
  const listed = ['private_ip_list', 'private_ips'].flatMap((name) => {
    const value = planValue(context, resource, [name]);
    return Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : [];
  });
  return [...new Set([...(primary === undefined ? [] : [primary]), ...listed])];
}

/** `aws_network_interface`, with its attachment when the block names an instance. */
export function translateNetworkInterface(context: TfContext, resource: TfResource): void {
  const { linker } = context;
  const attachment = blocksOf(context, resource, ['attachment'])[0];
  const instanceId =
    attachment === undefined ? undefined : linker.string(resource, ['attachment', 0, 'instance']);
  const deviceIndex = planValue(context, resource, ['attachment', 0, 'device_index']);
  context.network.networkInterfaces.push({
    source: resource.address,
    tags: tagsOf(resource),
    networkInterfaceId: String(linker.attribute(resource, 'id')),
    subnetId: requiredString(context, resource, ['subnet_id']),
    privateIpAddresses: interfaceAddresses(context, resource),
    securityGroupIds: linker.strings(resource, ['security_groups']),
    description: stringOf(context, resource, ['description'], ''),
    attachment:
      instanceId === undefined
        ? undefined
        : { instanceId, deviceIndex: typeof deviceIndex === 'number' ? deviceIndex : 1 },
  });
}
