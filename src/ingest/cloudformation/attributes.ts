import type { TemplateEvaluator } from './evaluator.js';
import { placeholderRef } from './resource-ids.js';

interface AttributeQuery {
  logicalId: string;
  type: string;
  attribute: string;
}

type AttributeReader = (evaluator: TemplateEvaluator, logicalId: string) => unknown;

function property(name: string): AttributeReader {
  return (evaluator, logicalId) => evaluator.propertiesOf(logicalId)[name];
}

const identity: AttributeReader = (evaluator, logicalId) =>
  evaluator.ref(logicalId, { resource: logicalId, field: '' });

/** Attributes known before deployment, per type: the ones that link resources together. */
const ATTRIBUTES: Record<string, Record<string, AttributeReader>> = {
  'AWS::EC2::VPC': {
    VpcId: identity,
    CidrBlock: property('CidrBlock'),
    DefaultNetworkAcl: (evaluator, id) => evaluator.vpcDefaults(id).networkAclId,
    DefaultSecurityGroup: (evaluator, id) => evaluator.vpcDefaults(id).securityGroupId,
  },
  'AWS::EC2::Subnet': {
    SubnetId: identity,
    VpcId: property('VpcId'),
    CidrBlock: property('CidrBlock'),
    AvailabilityZone: property('AvailabilityZone'),
    AvailabilityZoneId: property('AvailabilityZoneId'),
  },
  'AWS::EC2::SecurityGroup': { GroupId: identity, VpcId: property('VpcId') },
  'AWS::EC2::NetworkAcl': { Id: identity },
  'AWS::EC2::Instance': {
    PrivateIp: property('PrivateIpAddress'),
    AvailabilityZone: property('AvailabilityZone'),
  },
  'AWS::EC2::NetworkInterface': {
    Id: identity,
    PrimaryPrivateIpAddress: property('PrivateIpAddress'),
  },
  'AWS::EC2::VPCEndpoint': { Id: identity },
  'AWS::EC2::VPCEndpointService': { ServiceId: identity },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    LoadBalancerArn: identity,
    LoadBalancerName: (evaluator, id) => loadBalancerName(evaluator, id),
    SecurityGroups: property('SecurityGroups'),
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    TargetGroupArn: identity,
    TargetGroupName: (evaluator, id) => evaluator.propertiesOf(id).Name ?? id.slice(0, 32),
  },
  'AWS::ElasticLoadBalancingV2::Listener': { ListenerArn: identity },
};

function loadBalancerName(evaluator: TemplateEvaluator, logicalId: string): unknown {
  const name = evaluator.propertiesOf(logicalId).Name;
  if (name !== undefined) return name;
  const arn = placeholderRef(
    evaluator.scope,
    logicalId,
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    undefined,
  );
  return arn?.split('/')[2];
}

/** An attribute's value, or undefined when it is known only after deployment. */
export function attributeOf(evaluator: TemplateEvaluator, query: AttributeQuery): unknown {
  const reader = ATTRIBUTES[query.type]?.[query.attribute];
  return reader?.(evaluator, query.logicalId);
}
