import {
  blocksOf,
  booleanOf,
  planValue,
  requiredString,
  stringOf,
  type TfContext,
  tagsOf,
} from './context.js';
import type { TfResource } from './plan-json.js';

/** Addresses designated per subnet in `subnet_configuration` blocks. */
function designatedAddresses(context: TfContext, resource: TfResource): Record<string, string> {
  const addresses: Record<string, string> = {};
  blocksOf(context, resource, ['subnet_configuration']).forEach((_, index) => {
    const subnetId = context.linker.string(resource, ['subnet_configuration', index, 'subnet_id']);
    const ipv4 = planValue(context, resource, ['subnet_configuration', index, 'ipv4']);
    if (subnetId !== undefined && typeof ipv4 === 'string' && ipv4 !== '') {
      addresses[subnetId] = ipv4;
    }
  });
  return addresses;
}

/**
 * `aws_vpc_endpoint`. The type defaults to `Gateway`, as in the provider; only interface
 * endpoints get ENIs (one per subnet) and security groups (none listed: the VPC's default).
 */
export function translateVpcEndpoint(context: TfContext, resource: TfResource): void {
  const { linker } = context;
  const state = planValue(context, resource, ['state']);
  context.network.vpcEndpoints.push({
    source: resource.address,
    tags: tagsOf(resource),
    vpcEndpointId: String(linker.attribute(resource, 'id')),
    vpcEndpointType: stringOf(context, resource, ['vpc_endpoint_type'], 'Gateway'),
    vpcId: requiredString(context, resource, ['vpc_id']),
    serviceName: requiredString(context, resource, ['service_name']),
    subnetIds: linker.strings(resource, ['subnet_ids']),
    securityGroupIds: linker.strings(resource, ['security_group_ids']),
    privateDnsEnabled: booleanOf(context, resource, ['private_dns_enabled'], false),
    ipAddressType: stringOf(context, resource, ['ip_address_type'], 'ipv4'),
    designatedIpv4: designatedAddresses(context, resource),
    state: typeof state === 'string' && state !== '' ? state : undefined,
  });
}

/** `aws_vpc_endpoint_service` fronting network load balancers. */
export function translateEndpointService(context: TfContext, resource: TfResource): void {
  const { linker } = context;
  const types = planValue(context, resource, ['supported_ip_address_types']);
  const state = planValue(context, resource, ['state']);
  context.network.endpointServices.push({
    source: resource.address,
    tags: tagsOf(resource),
    serviceId: String(linker.attribute(resource, 'id')),
    serviceName: String(linker.attribute(resource, 'service_name')),
    networkLoadBalancerArns: linker.strings(resource, ['network_load_balancer_arns']),
    acceptanceRequired: booleanOf(context, resource, ['acceptance_required'], false),
    supportedIpAddressTypes:
      Array.isArray(types) && types.length > 0 ? types.map(String) : ['ipv4'],
    state: typeof state === 'string' && state !== '' ? state : undefined,
  });
}
