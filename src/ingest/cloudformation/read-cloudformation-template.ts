import { basename } from 'node:path';
import { type EmitOptions, emitSnapshotDocument } from '../iac/emit-snapshot.js';
import { createIacNetwork } from '../iac/model.js';
import { checkRuleGroups, placeAclEntries } from '../iac/place-rules.js';
import { type IacReadResult, NoteList } from '../iac/read-result.js';
import type { CfnContext, CfnResource } from './context.js';
import { TemplateEvaluator } from './evaluator.js';
import { translateInstance, translateNetworkInterface } from './instance.js';
import { translateListener, translateLoadBalancer, translateTargetGroup } from './load-balancer.js';
import {
  translateAclAssociation,
  translateNetworkAcl,
  translateNetworkAclEntry,
} from './network-acl.js';
import { asTemplate, type CfnTemplate, isRecord, parseTemplateText } from './parse-template.js';
import { translateSecurityGroup, translateSecurityGroupRule } from './security-group.js';
import { translateSubnet, translateVpc, translateVpcCidrBlock } from './vpc.js';
import { translateEndpointService, translateVpcEndpoint } from './vpc-endpoint.js';

type Translator = (context: CfnContext, resource: CfnResource) => void;

/** Types read, in the order they are read (an ENI before the instance launched on it). */
const TRANSLATORS: Array<[string, Translator]> = [
  ['AWS::EC2::VPC', translateVpc],
  ['AWS::EC2::VPCCidrBlock', translateVpcCidrBlock],
  ['AWS::EC2::Subnet', translateSubnet],
  ['AWS::EC2::NetworkAcl', translateNetworkAcl],
  ['AWS::EC2::NetworkAclEntry', translateNetworkAclEntry],
  ['AWS::EC2::SubnetNetworkAclAssociation', translateAclAssociation],
  ['AWS::EC2::SecurityGroup', translateSecurityGroup],
  ['AWS::EC2::SecurityGroupIngress', translateSecurityGroupRule],
  ['AWS::EC2::SecurityGroupEgress', translateSecurityGroupRule],
  ['AWS::EC2::NetworkInterface', translateNetworkInterface],
  ['AWS::EC2::Instance', translateInstance],
  ['AWS::EC2::VPCEndpoint', translateVpcEndpoint],
  ['AWS::EC2::VPCEndpointService', translateEndpointService],
  ['AWS::ElasticLoadBalancingV2::LoadBalancer', translateLoadBalancer],
  ['AWS::ElasticLoadBalancingV2::Listener', translateListener],
  ['AWS::ElasticLoadBalancingV2::TargetGroup', translateTargetGroup],
];

const READ_TYPES = new Set(TRANSLATORS.map(([type]) => type));

/** Types that change what can reach what but are not read; each use is noted. */
const NOT_MODELLED = new Set([
  'AWS::EC2::NetworkInterfaceAttachment',
  'AWS::EC2::VPCEndpointServicePermissions',
  'AWS::EC2::PrefixList',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::Route',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::NatGateway',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::TransitGatewayAttachment',
  'AWS::EC2::SecurityGroupVpcAssociation',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
]);

/** Options of `readCloudFormationTemplate`; every one may be left out. */
export interface ReadCloudFormationOptions extends EmitOptions {
  /** The file name to put in messages; its base name is the default stack name. */
  file?: string;
  /** Parameter values; they override the template's Defaults. */
  parameters?: Record<string, unknown>;
  /** Values of other stacks' exports, for `Fn::ImportValue`. */
  imports?: Record<string, string>;
  /** `AWS::StackName`; it also scopes the placeholder IDs. */
  stackName?: string;
  /** `AWS::Region` (default us-east-1, noted). */
  region?: string;
  /** `AWS::AccountId` (default 123456789012, noted). */
  accountId?: string;
}

function defaultStackName(file: string | undefined): string {
  if (file === undefined) return 'stack';
  return basename(file).replace(/(\.template)?\.(json|ya?ml|template)$/i, '') || 'stack';
}

function scopeOf(options: ReadCloudFormationOptions, notes: NoteList) {
  if (options.region === undefined) {
    notes.add('REGION_ASSUMED', '', 'AWS::Region is not given; us-east-1 is assumed');
  }
  if (options.accountId === undefined) {
    notes.add('ACCOUNT_ASSUMED', '', 'AWS::AccountId is not given; 123456789012 is assumed');
  }
  const stackName = options.stackName ?? defaultStackName(options.file);
  if (options.stackName === undefined) {
    notes.add('STACK_NAME_ASSUMED', '', `AWS::StackName is not given; "${stackName}" is assumed`);
  }
  return {
    stackName,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
  };
}

/** Resources whose `Condition` holds, with their properties evaluated. */
function activeResources(template: CfnTemplate, evaluator: TemplateEvaluator): CfnResource[] {
  return Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    if (!isRecord(resource) || typeof resource.Type !== 'string') return [];
    // Only the types read are evaluated: a template's other resources may use functions
    // (transforms, custom resources) that have no meaning offline.
    if (!READ_TYPES.has(resource.Type) && !NOT_MODELLED.has(resource.Type)) return [];
    const condition = resource.Condition;
    const site = { resource: logicalId, field: 'Condition' };
    if (typeof condition === 'string' && !evaluator.condition(condition, site)) return [];
    return [{ logicalId, type: resource.Type, properties: evaluator.propertiesOf(logicalId) }];
  });
}

/**
 * Reads a CloudFormation template (JSON or YAML text with short-form tags, CDK output included,
 * or the template already parsed) into one snapshot document. Intrinsic functions are
 * evaluated; IDs of resources the stack creates become placeholders that keep AWS's prefix and
 * name `<stack>.<logicalId>`.
 */
export function readCloudFormationTemplate(
  text: string | object,
  options: ReadCloudFormationOptions = {},
): IacReadResult {
  const { file } = options;
  const parsed = typeof text === 'string' ? parseTemplateText(text, file) : text;
  const template = asTemplate(parsed, file);
  const notes = new NoteList();
  const scope = scopeOf(options, notes);
  const evaluator = new TemplateEvaluator(template, {
    ...scope,
    file,
    parameters: options.parameters ?? {},
    imports: options.imports ?? {},
    notes,
  });
  const resources = activeResources(template, evaluator);
  const network = createIacNetwork(scope.region, scope.accountId);
  const context: CfnContext = { file, evaluator, network, notes, pendingAclEntries: [] };
  for (const [type, translate] of TRANSLATORS) {
    for (const resource of resources.filter((candidate) => candidate.type === type)) {
      translate(context, resource);
    }
  }
  for (const resource of resources.filter((candidate) => NOT_MODELLED.has(candidate.type))) {
    notes.add(
      'RESOURCE_NOT_MODELLED',
      resource.logicalId,
      `${resource.type} is not read; what it changes is missing from the snapshot`,
    );
  }
  placeAclEntries(network, context.pendingAclEntries, notes);
  checkRuleGroups(network, notes);
  return { documents: [emitSnapshotDocument(network, notes, options)], notes: notes.notes };
}
