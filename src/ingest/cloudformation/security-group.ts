import { InputError } from '../../errors.js';
import type { IacIpPermission } from '../iac/model.js';
import { optionalInteger, securityGroupPorts, securityGroupProtocol } from '../iac/rule-values.js';
import {
  type CfnContext,
  type CfnResource,
  cidrValue,
  fieldValue,
  idValue,
  ownId,
  requiredId,
  siteOf,
  stringValue,
  tagsOf,
} from './context.js';

type Direction = 'ingress' | 'egress';

const PEER_FIELDS: Record<Direction, { prefixList: string; group: string }> = {
  ingress: { prefixList: 'SourcePrefixListId', group: 'SourceSecurityGroupId' },
  egress: { prefixList: 'DestinationPrefixListId', group: 'DestinationSecurityGroupId' },
};

function groupPeer(value: unknown, owner: unknown): string[] {
  const groupId = idValue(value, 'sg');
  if (groupId === undefined) return [];
  return owner === undefined || owner === null || owner === ''
    ? [groupId]
    : [`${owner}/${groupId}`];
}

/**
 * One rule as an IpPermission. `at` is where the rule's fields sit in the properties: a list
 * element of the group (`SecurityGroupIngress[0]`) or the resource itself (`''`).
 */
function readPermission(
  context: CfnContext,
  resource: CfnResource,
  options: { at: string; direction: Direction },
): IacIpPermission {
  const field = (name: string) => (options.at === '' ? name : `${options.at}.${name}`);
  const value = (name: string) => fieldValue(resource.properties, field(name));
  const site = (name: string) => siteOf(context, resource, field(name));
  const ipProtocol = securityGroupProtocol(value('IpProtocol'), site('IpProtocol'));
  const from = optionalInteger(value('FromPort'), site('FromPort'));
  const to = optionalInteger(value('ToPort'), site('ToPort'));
  const ipv4 = cidrValue(context, resource, field('CidrIp'), 4);
  const ipv6 = cidrValue(context, resource, field('CidrIpv6'), 6);
  const peers = PEER_FIELDS[options.direction];
  const prefixList = idValue(value(peers.prefixList), 'pl');
  const description = value('Description');
  return {
    ipProtocol,
    ...securityGroupPorts(ipProtocol, from, to),
    cidrIpv4: ipv4 === undefined ? [] : [ipv4],
    cidrIpv6: ipv6 === undefined ? [] : [ipv6],
    prefixListIds: prefixList === undefined ? [] : [prefixList],
    groupIds: groupPeer(value(peers.group), value('SourceSecurityGroupOwnerId')),
    description: typeof description === 'string' && description !== '' ? description : undefined,
  };
}

function inlineRules(
  context: CfnContext,
  resource: CfnResource,
  property: string,
  direction: Direction,
) {
  const rules = resource.properties[property];
  if (!Array.isArray(rules)) return [];
  return rules.map((_, index) =>
    readPermission(context, resource, { at: `${property}[${index}]`, direction }),
  );
}

const ALLOW_ALL_EGRESS: IacIpPermission = {
  ipProtocol: '-1',
  cidrIpv4: ['0.0.0.0/0'],
  cidrIpv6: [],
  prefixListIds: [],
  groupIds: [],
};

/**
 * An empty `SecurityGroupEgress` list removes nothing: CloudFormation replaces AWS's default
 * egress rule only with the rules it is given (hence CDK's unmatchable rule for "no outbound").
 */
function hasEgressRules(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/**
 * `AWS::EC2::SecurityGroup`. Unlike Terraform, CloudFormation keeps the allow-all egress rule AWS
 * gives a new group unless `SecurityGroupEgress` is set, in which case it replaces it.
 */
export function translateSecurityGroup(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const generated = `${context.evaluator.scope.stackName}-${resource.logicalId}`;
  context.network.securityGroups.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    groupId: ownId(context, resource),
    groupName: stringValue(properties.GroupName, generated),
    description: stringValue(properties.GroupDescription, ''),
    vpcId: requiredId(context, resource, 'VpcId', 'vpc'),
    isDefault: false,
    ingress: inlineRules(context, resource, 'SecurityGroupIngress', 'ingress'),
    egress: hasEgressRules(properties.SecurityGroupEgress)
      ? inlineRules(context, resource, 'SecurityGroupEgress', 'egress')
      : [{ ...ALLOW_ALL_EGRESS }],
  });
}

/** `AWS::EC2::SecurityGroupIngress` / `SecurityGroupEgress`: one rule for an existing group. */
export function translateSecurityGroupRule(context: CfnContext, resource: CfnResource): void {
  const direction: Direction = resource.type.endsWith('Egress') ? 'egress' : 'ingress';
  if (resource.properties.GroupId === undefined && resource.properties.GroupName !== undefined) {
    throw new InputError({
      ...siteOf(context, resource, 'GroupName'),
      value: resource.properties.GroupName,
      message: 'names a group by name, which only works in a default VPC',
      hint: 'use GroupId',
    });
  }
  context.network.securityGroupRules.push({
    source: resource.logicalId,
    groupId: requiredId(context, resource, 'GroupId', 'sg'),
    direction,
    permission: readPermission(context, resource, { at: '', direction }),
  });
}
