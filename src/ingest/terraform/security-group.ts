import type { IacIpPermission } from '../iac/model.js';
import {
  canonicalCidr,
  optionalInteger,
  securityGroupPorts,
  securityGroupProtocol,
} from '../iac/rule-values.js';
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

/** The peer attributes of one rule, by their Terraform names. */
interface PeerFields {
  cidrIpv4: string;
  cidrIpv6: string;
  prefixLists: string;
  groups: string;
}

const BLOCK_PEERS: PeerFields = {
  cidrIpv4: 'cidr_blocks',
  cidrIpv6: 'ipv6_cidr_blocks',
  prefixLists: 'prefix_list_ids',
  groups: 'security_groups',
};

const RULE_PEERS: PeerFields = { ...BLOCK_PEERS, groups: 'source_security_group_id' };

const VPC_RULE_PEERS: PeerFields = {
  cidrIpv4: 'cidr_ipv4',
  cidrIpv6: 'cidr_ipv6',
  prefixLists: 'prefix_list_id',
  groups: 'referenced_security_group_id',
};

function cidrs(context: TfContext, resource: TfResource, path: ValuePath, family: 4 | 6) {
  return context.linker
    .strings(resource, path)
    .map((cidr) => canonicalCidr(cidr, siteOf(context, resource, path), family));
}

/**
 * One IpPermission from a Terraform rule (inline block or rule resource) found at `path`.
 * `self` adds the group itself as a peer, as the AWS API does for a self-reference.
 */
function readPermission(
  context: TfContext,
  resource: TfResource,
  options: { path: ValuePath; peers: PeerFields; protocolField: string; groupId: string },
): IacIpPermission {
  const { path, peers } = options;
  const at = (field: string): ValuePath => [...path, field];
  const ipProtocol = securityGroupProtocol(
    planValue(context, resource, at(options.protocolField)),
    siteOf(context, resource, at(options.protocolField)),
  );
  const from = optionalInteger(
    planValue(context, resource, at('from_port')),
    siteOf(context, resource, at('from_port')),
  );
  const to = optionalInteger(
    planValue(context, resource, at('to_port')),
    siteOf(context, resource, at('to_port')),
  );
  const groupIds = context.linker.strings(resource, at(peers.groups));
  if (planValue(context, resource, at('self')) === true) groupIds.push(options.groupId);
  const description = planValue(context, resource, at('description'));
  return {
    ipProtocol,
    ...securityGroupPorts(ipProtocol, from, to),
    cidrIpv4: cidrs(context, resource, at(peers.cidrIpv4), 4),
    cidrIpv6: cidrs(context, resource, at(peers.cidrIpv6), 6),
    prefixListIds: context.linker.strings(resource, at(peers.prefixLists)),
    groupIds,
    description: typeof description === 'string' && description !== '' ? description : undefined,
  };
}

function inlineRules(context: TfContext, resource: TfResource, direction: string, groupId: string) {
  return blocksOf(context, resource, [direction]).map((_, index) =>
    readPermission(context, resource, {
      path: [direction, index],
      peers: BLOCK_PEERS,
      protocolField: 'protocol',
      groupId,
    }),
  );
}

/**
 * `aws_security_group`. Terraform removes the allow-all egress rule AWS adds to a new group, so
 * a group without `egress` blocks has no outbound rules at all.
 */
export function translateSecurityGroup(context: TfContext, resource: TfResource): void {
  const groupId = String(context.linker.attribute(resource, 'id'));
  const prefix = stringOf(context, resource, ['name_prefix'], 'terraform-');
  context.network.securityGroups.push({
    source: resource.address,
    tags: tagsOf(resource),
    groupId,
    groupName: stringOf(context, resource, ['name'], `${prefix}${resource.name}`),
    description: stringOf(context, resource, ['description'], 'Managed by Terraform'),
    vpcId: requiredString(context, resource, ['vpc_id']),
    isDefault: false,
    ingress: inlineRules(context, resource, 'ingress', groupId),
    egress: inlineRules(context, resource, 'egress', groupId),
  });
}

/**
 * `aws_default_security_group`: Terraform makes the VPC's default group hold exactly the rules
 * it lists (none listed means AWS's rules are removed).
 */
export function translateDefaultSecurityGroup(context: TfContext, resource: TfResource): void {
  const groupId = String(context.linker.attribute(resource, 'id'));
  context.network.securityGroups.push({
    source: resource.address,
    tags: tagsOf(resource),
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId: requiredString(context, resource, ['vpc_id']),
    isDefault: true,
    ingress: inlineRules(context, resource, 'ingress', groupId),
    egress: inlineRules(context, resource, 'egress', groupId),
  });
}

/** `aws_security_group_rule` (`type` ingress or egress). */
export function translateSecurityGroupRule(context: TfContext, resource: TfResource): void {
  const groupId = requiredString(context, resource, ['security_group_id']);
  const direction = planValue(context, resource, ['type']) === 'egress' ? 'egress' : 'ingress';
  context.network.securityGroupRules.push({
    source: resource.address,
    groupId,
    direction,
    permission: readPermission(context, resource, {
      path: [],
      peers: RULE_PEERS,
      protocolField: 'protocol',
      groupId,
    }),
  });
}

/** `aws_vpc_security_group_ingress_rule` / `_egress_rule`: one peer per rule. */
export function translateVpcSecurityGroupRule(context: TfContext, resource: TfResource): void {
  const groupId = requiredString(context, resource, ['security_group_id']);
  context.network.securityGroupRules.push({
    source: resource.address,
    groupId,
    direction: resource.type.endsWith('_egress_rule') ? 'egress' : 'ingress',
    permission: readPermission(context, resource, {
      path: [],
      peers: VPC_RULE_PEERS,
      protocolField: 'ip_protocol',
      groupId,
    }),
  });
}
