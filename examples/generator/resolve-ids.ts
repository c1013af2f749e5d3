import { awsId, elbSuffix, REGION } from './ids.js';
import type { AccountSpec, NetworkSpec } from './spec.js';

/** Key of the VPC's default security group in every account. */
export const DEFAULT_SG = 'default';

export function vpcId(account: AccountSpec): string {
  return awsId('vpc', `${account.id}/vpc`);
}

export function subnetId(account: AccountSpec, key: string): string {
  return awsId('subnet', `${account.id}/${key}`);
}

export function securityGroupId(account: AccountSpec, key: string): string {
  return awsId('sg', `${account.id}/${key}`);
}

export function naclId(account: AccountSpec, key: string): string {
  return awsId('acl', `${account.id}/${key}`);
}

export function instanceId(account: AccountSpec, key: string): string {
  return awsId('i', `${account.id}/${key}`);
}

/** The primary ENI of an instance. */
export function instanceEniId(account: AccountSpec, key: string): string {
  return awsId('eni', `${account.id}/instance/${key}`);
}

export function endpointId(spec: NetworkSpec): string {
  return awsId('vpce', `${spec.consumer.id}/${spec.endpoint.key}`);
}

export function endpointEniId(spec: NetworkSpec, subnetKey: string): string {
  return awsId('eni', `${spec.consumer.id}/${spec.endpoint.key}/${subnetKey}`);
}

export function serviceId(spec: NetworkSpec): string {
  return awsId('vpce-svc', `${spec.provider.id}/${spec.service.key}`);
}

export function serviceName(spec: NetworkSpec): string {
  return `com.amazonaws.vpce.${REGION}.${serviceId(spec)}`;
}

export function nlbArn(spec: NetworkSpec): string {
  const { name, key } = spec.nlb;
  const suffix = elbSuffix(`${spec.provider.id}/${key}`);
  return `arn:aws:elasticloadbalancing:${REGION}:${spec.provider.id}:loadbalancer/net/${name}/${suffix}`;
}

export function nodeEniId(spec: NetworkSpec, subnetKey: string): string {
  return awsId('eni', `${spec.provider.id}/${spec.nlb.key}/${subnetKey}`);
}

export function listenerArn(spec: NetworkSpec): string {
  const suffix = elbSuffix(`${spec.provider.id}/${spec.nlb.key}/listener`);
  return `${nlbArn(spec).replace(':loadbalancer/', ':listener/')}/${suffix}`;
}

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
