import { InputError } from '../../errors.js';
import type { IacNetworkAclEntry } from '../iac/model.js';
import {
  canonicalCidr,
  integerValue,
  networkAclProtocol,
  optionalInteger,
  type ValueSite,
} from '../iac/rule-values.js';
import { blocksOf, requiredString, siteOf, type TfContext, tagsOf } from './context.js';
import type { ValuePath } from './linker.js';
import type { TfResource } from './plan-json.js';

/** The field names of one entry: inline blocks say `rule_no`/`action`, rules otherwise. */
interface EntryFields {
  ruleNumber: 'rule_no' | 'rule_number';
  action: 'action' | 'rule_action';
}

function entryCidrs(
  fields: Record<string, unknown>,
  site: (field: string) => ValueSite,
): { cidrBlock?: string; ipv6CidrBlock?: string } {
  const v4 = fields.cidr_block;
  const v6 = fields.ipv6_cidr_block;
  if (typeof v6 === 'string' && v6 !== '') {
    return { ipv6CidrBlock: canonicalCidr(v6, site('ipv6_cidr_block'), 6) };
  }
  return { cidrBlock: canonicalCidr(v4, site('cidr_block'), 4) };
}

function entryAction(value: unknown, site: ValueSite): 'allow' | 'deny' {
  const action = typeof value === 'string' ? value.toLowerCase() : value;
  if (action === 'allow' || action === 'deny') return action;
  throw new InputError({
    ...site,
    value,
    message: 'is not a network ACL action',
    hint: 'use allow or deny',
  });
}

/**
 * One ACL entry from Terraform's fields. AWS keeps a port range only for TCP and UDP and an
 * ICMP type and code only for ICMP and ICMPv6; every other protocol matches all ports.
 */
export function readAclEntry(
  fields: Record<string, unknown>,
  options: { egress: boolean; names: EntryFields; site: (field: string) => ValueSite },
): IacNetworkAclEntry {
  const { site, names } = options;
  const protocol = networkAclProtocol(fields.protocol, site('protocol'));
  const entry: IacNetworkAclEntry = {
    ruleNumber: integerValue(fields[names.ruleNumber], site(names.ruleNumber)),
    egress: options.egress,
    protocol,
    ruleAction: entryAction(fields[names.action], site(names.action)),
    ...entryCidrs(fields, site),
  };
  if (protocol === '6' || protocol === '17') {
    entry.portRange = {
      from: integerValue(fields.from_port, site('from_port')),
      to: integerValue(fields.to_port, site('to_port')),
    };
  }
  if (protocol === '1' || protocol === '58') {
    entry.icmpTypeCode = {
      type: optionalInteger(fields.icmp_type, site('icmp_type')) ?? -1,
      code: optionalInteger(fields.icmp_code, site('icmp_code')) ?? -1,
    };
  }
  return entry;
}

function inlineEntries(context: TfContext, resource: TfResource): IacNetworkAclEntry[] {
  const names: EntryFields = { ruleNumber: 'rule_no', action: 'action' };
  return (['egress', 'ingress'] as const).flatMap((direction) =>
    blocksOf(context, resource, [direction]).map((block, index) => {
      const path: ValuePath = [direction, index];
      const site = (field: string) => siteOf(context, resource, [...path, field]);
      return readAclEntry(block as Record<string, unknown>, {
        egress: direction === 'egress',
        names,
        site,
      });
    }),
  );
}

function associate(context: TfContext, resource: TfResource, networkAclId: string): void {
  for (const subnetId of context.linker.strings(resource, ['subnet_ids'])) {
    context.network.networkAclAssociations.push({ networkAclId, subnetId });
  }
}

/** `aws_network_acl` with its inline entries and subnets. */
export function translateNetworkAcl(context: TfContext, resource: TfResource): void {
  const networkAclId = String(context.linker.attribute(resource, 'id'));
  context.network.networkAcls.push({
    source: resource.address,
    tags: tagsOf(resource),
    networkAclId,
    vpcId: requiredString(context, resource, ['vpc_id']),
    isDefault: false,
    entries: inlineEntries(context, resource),
  });
  associate(context, resource, networkAclId);
}

/**
 * `aws_default_network_acl`: Terraform makes the default ACL hold exactly the entries it lists
 * (none listed means AWS's allow rules are removed).
 */
export function translateDefaultNetworkAcl(context: TfContext, resource: TfResource): void {
  const networkAclId = requiredString(context, resource, ['default_network_acl_id']);
  const vpc = context.network.vpcs.find(
    (candidate) => candidate.defaultNetworkAclId === networkAclId,
  );
  const vpcId = context.linker.string(resource, ['vpc_id']) ?? vpc?.vpcId;
  if (vpcId === undefined) throw missingVpc(context, resource);
  context.network.networkAcls.push({
    source: resource.address,
    tags: tagsOf(resource),
    networkAclId,
    vpcId,
    isDefault: true,
    entries: inlineEntries(context, resource),
  });
  associate(context, resource, networkAclId);
}

function missingVpc(context: TfContext, resource: TfResource): InputError {
  return new InputError({
    ...siteOf(context, resource, ['default_network_acl_id']),
    message: 'names the default ACL of a VPC that is not in the plan',
  });
}

/** `aws_network_acl_rule`: queued until every ACL, default ones included, is known. */
export function translateNetworkAclRule(context: TfContext, resource: TfResource): void {
  const egress = resource.values.egress === true;
  const entry = readAclEntry(resource.values, {
    egress,
    names: { ruleNumber: 'rule_number', action: 'rule_action' },
    site: (field) => siteOf(context, resource, [field]),
  });
  const networkAclId = requiredString(context, resource, ['network_acl_id']);
  context.pendingAclEntries.push({ source: resource.address, networkAclId, entry });
}

/** `aws_network_acl_association`: the subnet leaves its VPC's default ACL for this one. */
export function translateNetworkAclAssociation(context: TfContext, resource: TfResource): void {
  context.network.networkAclAssociations.push({
    networkAclId: requiredString(context, resource, ['network_acl_id']),
    subnetId: requiredString(context, resource, ['subnet_id']),
  });
}
