import { InputError } from '../../errors.js';
import type { IacNetworkAclEntry } from '../iac/model.js';
import { integerValue, networkAclProtocol, optionalInteger } from '../iac/rule-values.js';
import {
  booleanValue,
  type CfnContext,
  type CfnResource,
  cidrValue,
  fieldValue,
  ownId,
  requiredId,
  siteOf,
  tagsOf,
} from './context.js';

/** `AWS::EC2::NetworkAcl`: a new ACL has only the `*` entries until entries are added. */
export function translateNetworkAcl(context: CfnContext, resource: CfnResource): void {
  context.network.networkAcls.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    networkAclId: ownId(context, resource),
    vpcId: requiredId(context, resource, 'VpcId', 'vpc'),
    isDefault: false,
    entries: [],
  });
}

function ruleAction(context: CfnContext, resource: CfnResource): 'allow' | 'deny' {
  const value = resource.properties.RuleAction;
  const action = typeof value === 'string' ? value.toLowerCase() : value;
  if (action === 'allow' || action === 'deny') return action;
  throw new InputError({
    ...siteOf(context, resource, 'RuleAction'),
    value,
    message: 'is not a network ACL action',
    hint: 'use allow or deny',
  });
}

function entryCidr(context: CfnContext, resource: CfnResource) {
  const ipv6 = cidrValue(context, resource, 'Ipv6CidrBlock', 6);
  if (ipv6 !== undefined) return { ipv6CidrBlock: ipv6 };
  const ipv4 = cidrValue(context, resource, 'CidrBlock', 4);
  if (ipv4 !== undefined) return { cidrBlock: ipv4 };
  throw new InputError({
    ...siteOf(context, resource, 'CidrBlock'),
    message: 'is missing: an entry needs CidrBlock or Ipv6CidrBlock',
  });
}

/**
 * `AWS::EC2::NetworkAclEntry`. A port range is kept only for TCP and UDP, an ICMP type and code
 * only for ICMP and ICMPv6: AWS matches every port of any other protocol.
 */
export function translateNetworkAclEntry(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const site = (field: string) => siteOf(context, resource, field);
  const protocol = networkAclProtocol(properties.Protocol, site('Protocol'));
  const entry: IacNetworkAclEntry = {
    ruleNumber: integerValue(properties.RuleNumber, site('RuleNumber')),
    egress: booleanValue(properties.Egress, false),
    protocol,
    ruleAction: ruleAction(context, resource),
    ...entryCidr(context, resource),
  };
  if (protocol === '6' || protocol === '17') {
    entry.portRange = {
      from: integerValue(fieldValue(properties, 'PortRange.From'), site('PortRange.From')),
      to: integerValue(fieldValue(properties, 'PortRange.To'), site('PortRange.To')),
    };
  }
  if (protocol === '1' || protocol === '58') {
    entry.icmpTypeCode = {
      type: optionalInteger(fieldValue(properties, 'Icmp.Type'), site('Icmp.Type')) ?? -1,
      code: optionalInteger(fieldValue(properties, 'Icmp.Code'), site('Icmp.Code')) ?? -1,
    };
  }
  const networkAclId = requiredId(context, resource, 'NetworkAclId', 'acl');
  context.pendingAclEntries.push({ source: resource.logicalId, networkAclId, entry });
}

/** `AWS::EC2::SubnetNetworkAclAssociation`. */
export function translateAclAssociation(context: CfnContext, resource: CfnResource): void {
  context.network.networkAclAssociations.push({
    networkAclId: requiredId(context, resource, 'NetworkAclId', 'acl'),
    subnetId: requiredId(context, resource, 'SubnetId', 'subnet'),
  });
}
