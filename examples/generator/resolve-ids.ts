import { awsId, elbSuffix, REGION } from './ids.js';
import type { AccountSpec, NetworkSpec } from './spec.js';

/** Key of the VPC's default security group in every account. */
export const DEFAULT_SG = 'default';

/** ID of the account's only VPC. */
export function vpcId(account: AccountSpec): string {
  return awsId('vpc', `${account.id}/vpc`);
}

/** ID of a subnet, by key. */
export function subnetId(account: AccountSpec, key: string): string {
  return awsId('subnet', `${account.id}/${key}`);
}

/** ID of a security group, by key (`default` is the VPC's default group). */
export function securityGroupId(account: AccountSpec, key: string): string {
  return awsId('sg', `${account.id}/${key}`);
}

/** ID of a network ACL, by key (`default-acl` is the VPC's default NACL). */
export function naclId(account: AccountSpec, key: string): string {
  return awsId('acl', `${account.id}/${key}`);
}

/** ID of an instance, by key. */
export function instanceId(account: AccountSpec, key: string): string {
  return awsId('i', `${account.id}/${key}`);
}

/** The primary ENI of an instance. */
export function instanceEniId(account: AccountSpec, key: string): string {
  return awsId('eni', `${account.id}/instance/${key}`);
}

/** ID of the consumer's interface endpoint. */
export function endpointId(spec: NetworkSpec): string {
  return awsId('vpce', `${spec.consumer.id}/${spec.endpoint.key}`);
}

/** ID of the endpoint's ENI in one subnet. */
export function endpointEniId(spec: NetworkSpec, subnetKey: string): string {
  return awsId('eni', `${spec.consumer.id}/${spec.endpoint.key}/${subnetKey}`);
}

/** ID of the provider's endpoint service (`vpce-svc-…`). */
export function serviceId(spec: NetworkSpec): string {
  return awsId('vpce-svc', `${spec.provider.id}/${spec.service.key}`);
}

/** Name consumers use to create endpoints: `com.amazonaws.vpce.<region>.<service ID>`. */
export function serviceName(spec: NetworkSpec): string {
  return `com.amazonaws.vpce.${REGION}.${serviceId(spec)}`;
}

/** ARN of the provider's NLB. */
export function nlbArn(spec: NetworkSpec): string {
  const { name, key } = spec.nlb;
  const suffix = elbSuffix(`${spec.provider.id}/${key}`);
  return `arn:aws:elasticloadbalancing:${REGION}:${spec.provider.id}:loadbalancer/net/${name}/${suffix}`;
}

/** ID of the NLB node's ENI in one subnet. */
export function nodeEniId(spec: NetworkSpec, subnetKey: string): string {
  return awsId('eni', `${spec.provider.id}/${spec.nlb.key}/${subnetKey}`);
}

/** ARN of the NLB's only listener. */
export function listenerArn(spec: NetworkSpec): string {
  const suffix = elbSuffix(`${spec.provider.id}/${spec.nlb.key}/listener`);
  return `${nlbArn(spec).replace(':loadbalancer/', ':listener/')}/${suffix}`;
}

/** ARN of the NLB's only target group. */
export function targetGroupArn(spec: NetworkSpec): string {
  const { name, key } = spec.backend.targetGroup;
  const suffix = elbSuffix(`${spec.provider.id}/${key}`);
  return `arn:aws:elasticloadbalancing:${REGION}:${spec.provider.id}:targetgroup/${name}/${suffix}`;
}

/** Zone ID of a subnet, through the owning account's own zone names. */
export function subnetZoneId(account: AccountSpec, subnetKey: string): string {
  const subnet = account.subnets.find((s) => s.key === subnetKey);
  const zone = account.zones.find((z) => z.name === subnet?.zone);
  if (subnet === undefined || zone === undefined) {
    throw new Error(`example network: subnet ${subnetKey} or its zone is not defined`);
  }
  return zone.id;
}
