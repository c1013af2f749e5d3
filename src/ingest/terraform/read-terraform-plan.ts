import { InputError } from '../../errors.js';
import { type EmitOptions, emitSnapshotDocument } from '../iac/emit-snapshot.js';
import { createIacNetwork } from '../iac/model.js';
import { checkRuleGroups, placeAclEntries } from '../iac/place-rules.js';
import { type IacReadResult, NoteList } from '../iac/read-result.js';
import { parseJsonText } from '../parse-json.js';
import {
  translateEndpointGroupAssociation,
  translateEndpointSubnetAssociation,
  translateInterfaceGroupAttachment,
} from './associations.js';
import { providerRegion, readConfiguration } from './configuration.js';
import { type TfContext, UnfollowedValue } from './context.js';
import { translateInstance, translateNetworkInterface } from './instance.js';
import { TerraformLinker } from './linker.js';
import {
  translateListener,
  translateLoadBalancer,
  translateTargetAttachment,
  translateTargetGroup,
} from './load-balancer.js';
import {
  translateDefaultNetworkAcl,
  translateNetworkAcl,
  translateNetworkAclAssociation,
  translateNetworkAclRule,
} from './network-acl.js';
import { isObject, listResources, type TfResource } from './plan-json.js';
import {
  translateDefaultSecurityGroup,
  translateSecurityGroup,
  translateSecurityGroupRule,
  translateVpcSecurityGroupRule,
} from './security-group.js';
import { translateSubnet, translateVpc } from './vpc.js';
import { translateEndpointService, translateVpcEndpoint } from './vpc-endpoint.js';

type Translator = (context: TfContext, resource: TfResource) => void;

/**
 * Resource types read, in the order they are read: VPCs before what names their defaults, ENIs
 * before the instances launched on them.
 */
const TRANSLATORS: Array<[string, Translator]> = [
  ['aws_vpc', translateVpc],
  ['aws_subnet', translateSubnet],
  ['aws_network_acl', translateNetworkAcl],
  ['aws_default_network_acl', translateDefaultNetworkAcl],
  ['aws_network_acl_rule', translateNetworkAclRule],
  ['aws_network_acl_association', translateNetworkAclAssociation],
  ['aws_security_group', translateSecurityGroup],
  ['aws_default_security_group', translateDefaultSecurityGroup],
  ['aws_security_group_rule', translateSecurityGroupRule],
  ['aws_vpc_security_group_ingress_rule', translateVpcSecurityGroupRule],
  ['aws_vpc_security_group_egress_rule', translateVpcSecurityGroupRule],
  ['aws_network_interface', translateNetworkInterface],
  ['aws_instance', translateInstance],
  ['aws_vpc_endpoint', translateVpcEndpoint],
  ['aws_vpc_endpoint_service', translateEndpointService],
  ['aws_lb', translateLoadBalancer],
  ['aws_alb', translateLoadBalancer],
  ['aws_lb_listener', translateListener],
  ['aws_alb_listener', translateListener],
  ['aws_lb_target_group', translateTargetGroup],
  ['aws_alb_target_group', translateTargetGroup],
  ['aws_lb_target_group_attachment', translateTargetAttachment],
  ['aws_alb_target_group_attachment', translateTargetAttachment],
  ['aws_vpc_endpoint_subnet_association', translateEndpointSubnetAssociation],
  ['aws_vpc_endpoint_security_group_association', translateEndpointGroupAssociation],
  ['aws_network_interface_sg_attachment', translateInterfaceGroupAttachment],
];

/** Types that change what can reach what but are not read: each use is noted, not dropped. */
const NOT_MODELLED = new Set([
  'aws_vpc_ipv4_cidr_block_association',
  'aws_vpc_ipv6_cidr_block_association',
  'aws_network_interface_attachment',
  'aws_lb_listener_rule',
  'aws_alb_listener_rule',
  'aws_vpc_security_group_vpc_association',
  'aws_ec2_managed_prefix_list',
  'aws_ec2_managed_prefix_list_entry',
  'aws_vpc_peering_connection',
  'aws_route',
  'aws_route_table',
  'aws_route_table_association',
  'aws_nat_gateway',
  'aws_internet_gateway',
  'aws_ec2_transit_gateway_vpc_attachment',
]);

/** Options of `readTerraformPlan`. */
export interface ReadTerraformPlanOptions extends EmitOptions {
  /** The file name to put in messages. */
  file?: string;
}

function planRegion(json: unknown, resources: TfResource[], notes: NoteList): string {
  const region =
    providerRegion(json) ??
    resources.map((resource) => resource.values.region).find((value) => typeof value === 'string');
  if (typeof region === 'string') return region;
  notes.add(
    'REGION_ASSUMED',
    '',
    'the plan does not give the AWS Region as a constant; us-east-1 is assumed in ARNs and service names',
  );
  return 'us-east-1';
}

function planAccount(resources: TfResource[], notes: NoteList): string {
  const owner = resources
    .map((resource) => resource.values.owner_id)
    .find((value) => typeof value === 'string' && /^\d{12}$/.test(value));
  if (typeof owner === 'string') return owner;
  notes.add(
    'ACCOUNT_ASSUMED',
    '',
    'the plan does not give the AWS account ID; 123456789012 is assumed in OwnerId and ARNs',
  );
  return '123456789012';
}

function checkFormat(json: unknown, file?: string): void {
  const version = isObject(json) ? json.format_version : undefined;
  if (typeof version === 'string' && /^[01]\./.test(version)) return;
  throw new InputError({
    file,
    field: 'format_version',
    value: version,
    message: 'is not a Terraform JSON format version this reader understands (0.x or 1.x)',
    hint: 'give the output of `terraform show -json`',
  });
}

function translateOrNote(context: TfContext, resource: TfResource, translate: Translator): void {
  try {
    translate(context, resource);
  } catch (error) {
    if (!(error instanceof UnfollowedValue)) throw error;
    context.notes.add(
      'VALUE_NOT_FOLLOWED',
      resource.address,
      `${error.field} is known only after apply and comes from an expression the reader cannot follow (each.value, a local value); the resource is left out`,
    );
  }
}

/**
 * Reads the output of `terraform show -json` (a plan or a state) into one snapshot document.
 * Values the plan does not know yet are followed through the configuration's references; IDs
 * of resources not created yet become placeholders that keep AWS's prefix and name the address.
 */
export function readTerraformPlan(
  json: unknown,
  options: ReadTerraformPlanOptions = {},
): IacReadResult {
  const { file } = options;
  const plan = typeof json === 'string' ? parseJsonText(json, file ?? 'plan.json') : json;
  checkFormat(plan, file);
  const notes = new NoteList();
  const everything = listResources(plan, file);
  const resources = everything.filter((resource) => resource.mode === 'managed');
  const region = planRegion(plan, everything, notes);
  const accountId = planAccount(everything, notes);
  const configuration = readConfiguration(plan);
  const linker = new TerraformLinker(everything, configuration, { file, region, accountId, notes });
  const network = createIacNetwork(region, accountId);
  const context: TfContext = { file, linker, network, notes, pendingAclEntries: [] };
  for (const [type, translate] of TRANSLATORS) {
    for (const resource of resources.filter((candidate) => candidate.type === type)) {
      translateOrNote(context, resource, translate);
    }
  }
  for (const resource of resources.filter((candidate) => NOT_MODELLED.has(candidate.type))) {
    notes.add(
      'RESOURCE_NOT_MODELLED',
      resource.address,
      `${resource.type} is not read; what it changes is missing from the snapshot`,
    );
  }
  placeAclEntries(network, context.pendingAclEntries, notes);
  checkRuleGroups(network, notes);
  return { documents: [emitSnapshotDocument(network, notes, options)], notes: notes.notes };
}
