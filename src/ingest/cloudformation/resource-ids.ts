import { elbArn, placeholderId } from '../iac/placeholder-ids.js';

/** What `Ref` returns for each resource type read: an ID with the AWS prefix, or an ARN. */
const REF_PREFIX: Record<string, string> = {
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::NetworkAcl': 'acl',
  'AWS::EC2::SecurityGroup': 'sg',
  'AWS::EC2::Instance': 'i',
  'AWS::EC2::NetworkInterface': 'eni',
  'AWS::EC2::VPCEndpoint': 'vpce',
  'AWS::EC2::VPCEndpointService': 'vpce-svc',
  'AWS::EC2::NetworkAclEntry': 'aclentry',
  'AWS::EC2::SubnetNetworkAclAssociation': 'aclassoc',
  'AWS::EC2::SecurityGroupIngress': 'sgr',
  'AWS::EC2::SecurityGroupEgress': 'sgr',
};

/** Region, account and stack a placeholder is made in. */
export interface StackScope {
  stackName: string;
  region: string;
  accountId: string;
}

/** `<stack>.<logicalId>`: unique across the templates of one app. */
export function resourceKey(scope: StackScope, logicalId: string): string {
  return `${scope.stackName}.${logicalId}`;
}

/** The load balancer or target group name CloudFormation would generate (at most 32 chars). */
export function generatedName(logicalId: string): string {
  return logicalId.slice(0, 32);
}

/**
 * The physical ID placeholder `Ref` gives for a resource of this type; undefined for types the
 * reader does not know (their `Ref` is left unresolved).
 */
export function placeholderRef(
  scope: StackScope,
  logicalId: string,
  type: string,
  name: string | undefined,
): string | undefined {
  const key = resourceKey(scope, logicalId);
  const prefix = REF_PREFIX[type];
  if (prefix !== undefined) return placeholderId(prefix, key);
  const base = { region: scope.region, accountId: scope.accountId, key };
  if (type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
    return elbArn({ ...base, kind: 'loadbalancer', name: name ?? generatedName(logicalId) });
  }
  if (type === 'AWS::ElasticLoadBalancingV2::TargetGroup') {
    return elbArn({ ...base, kind: 'targetgroup', name: name ?? generatedName(logicalId) });
  }
  return undefined;
}

/** The default ACL and group AWS creates with a VPC, named after the VPC's placeholder. */
export function vpcDefaultIds(scope: StackScope, logicalId: string) {
  const key = resourceKey(scope, logicalId);
  return {
    networkAclId: `${placeholderId('acl', key)}.default`,
    securityGroupId: `${placeholderId('sg', key)}.default`,
  };
}
