import type { IacHealthCheck, IacListenerAction, Tag } from '../iac/model.js';
import { integerValue, optionalInteger } from '../iac/rule-values.js';
import {
  type CfnContext,
  type CfnResource,
  fieldValue,
  idList,
  idValue,
  ownId,
  requiredId,
  siteOf,
  stringValue,
  tagsOf,
} from './context.js';
import { isUnresolved } from './functions.js';
import { isRecord } from './parse-template.js';
import { generatedName } from './resource-ids.js';

function keyValues(value: unknown): Tag[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((item) => ({ Key: String(item.Key), Value: String(item.Value) }));
}

function subnetMappings(resource: CfnResource) {
  const mappings = Array.isArray(resource.properties.SubnetMappings)
    ? resource.properties.SubnetMappings.filter(isRecord)
    : [];
  const mapped = mappings.flatMap((mapping) => {
    const subnetId = idValue(mapping.SubnetId, 'subnet');
    const address = mapping.PrivateIPv4Address;
    if (subnetId === undefined) return [];
    return [{ subnetId, privateIpv4Address: typeof address === 'string' ? address : undefined }];
  });
  const listed = idList(resource.properties.Subnets, 'subnet')
    .filter((subnetId) => !mapped.some((mapping) => mapping.subnetId === subnetId))
    .map((subnetId) => ({ subnetId }));
  return [...mapped, ...listed];
}

/**
 * `AWS::ElasticLoadBalancingV2::LoadBalancer`: one node per subnet, addresses known only when
 * `SubnetMappings` designates them. Cross-zone is off for a network load balancer unless its
 * attributes turn it on.
 */
export function translateLoadBalancer(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const type = stringValue(properties.Type, 'application');
  const attributes = keyValues(properties.LoadBalancerAttributes);
  const crossZone = 'load_balancing.cross_zone.enabled';
  if (!attributes.some((attribute) => attribute.Key === crossZone)) {
    attributes.push({ Key: crossZone, Value: String(type !== 'network') });
  }
  const enforce = properties.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic;
  context.network.loadBalancers.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    loadBalancerArn: ownId(context, resource),
    loadBalancerName: stringValue(properties.Name, generatedName(resource.logicalId)),
    key: `${context.evaluator.scope.stackName}.${resource.logicalId}`,
    type,
    scheme: properties.Scheme === 'internal' ? 'internal' : 'internet-facing',
    subnets: subnetMappings(resource),
    securityGroupIds: idList(properties.SecurityGroups, 'sg'),
    ipAddressType: stringValue(properties.IpAddressType, 'ipv4'),
    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic:
      typeof enforce === 'string' ? enforce : undefined,
    attributes,
  });
}

function readAction(action: Record<string, unknown>): IacListenerAction {
  const groups = fieldValue(action, 'ForwardConfig.TargetGroups');
  return {
    type: stringValue(action.Type, 'forward'),
    targetGroupArn: idValue(action.TargetGroupArn, 'arn'),
    order: typeof action.Order === 'number' ? action.Order : undefined,
    forward: Array.isArray(groups)
      ? groups.filter(isRecord).map((group) => ({
          targetGroupArn: idValue(group.TargetGroupArn, 'arn') ?? '',
          weight: typeof group.Weight === 'number' ? group.Weight : 1,
        }))
      : undefined,
  };
}

/** `AWS::ElasticLoadBalancingV2::Listener` with its default actions. */
export function translateListener(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const actions = Array.isArray(properties.DefaultActions) ? properties.DefaultActions : [];
  context.network.listeners.push({
    source: resource.logicalId,
    tags: [],
    listenerArn: ownId(context, resource),
    loadBalancerArn: requiredId(context, resource, 'LoadBalancerArn', 'arn'),
    port: integerValue(properties.Port, siteOf(context, resource, 'Port')),
    protocol: stringValue(properties.Protocol, 'TCP'),
    defaultActions: actions.filter(isRecord).map(readAction),
  });
}

function healthCheck(context: CfnContext, resource: CfnResource, protocol: string): IacHealthCheck {
  const { properties } = resource;
  const number = (field: string, fallback: number) =>
    optionalInteger(properties[field], siteOf(context, resource, field)) ?? fallback;
  const matcher = fieldValue(properties, 'Matcher.HttpCode');
  return {
    enabled: properties.HealthCheckEnabled !== false && properties.HealthCheckEnabled !== 'false',
    protocol: stringValue(properties.HealthCheckProtocol, protocol === 'UDP' ? 'TCP' : protocol),
    port: stringValue(properties.HealthCheckPort, 'traffic-port'),
    path: typeof properties.HealthCheckPath === 'string' ? properties.HealthCheckPath : undefined,
    intervalSeconds: number('HealthCheckIntervalSeconds', 30),
    timeoutSeconds: number('HealthCheckTimeoutSeconds', 10),
    healthyThresholdCount: number('HealthyThresholdCount', 5),
    unhealthyThresholdCount: number('UnhealthyThresholdCount', 2),
    matcher: typeof matcher === 'string' ? matcher : undefined,
  };
}

/** `AWS::ElasticLoadBalancingV2::TargetGroup` with its `Targets` and attributes. */
export function translateTargetGroup(context: CfnContext, resource: CfnResource): void {
  const { properties } = resource;
  const protocol = stringValue(properties.Protocol, 'TCP');
  const targetGroupArn = ownId(context, resource);
  context.network.targetGroups.push({
    source: resource.logicalId,
    tags: tagsOf(resource),
    targetGroupArn,
    targetGroupName: stringValue(properties.Name, generatedName(resource.logicalId)),
    protocol,
    port: integerValue(properties.Port, siteOf(context, resource, 'Port')),
    vpcId: idValue(properties.VpcId, 'vpc'),
    targetType: stringValue(properties.TargetType, 'instance'),
    ipAddressType: stringValue(properties.IpAddressType, 'ipv4'),
    healthCheck: healthCheck(context, resource, protocol),
    attributes: keyValues(properties.TargetGroupAttributes),
  });
  readTargets(context, resource, targetGroupArn);
}

/** The group's `Targets`; one whose ID is known only after deployment is left out, noted. */
function readTargets(context: CfnContext, resource: CfnResource, targetGroupArn: string): void {
  const targets = Array.isArray(resource.properties.Targets) ? resource.properties.Targets : [];
  targets.forEach((target, index) => {
    if (!isRecord(target)) return;
    const port = optionalInteger(target.Port, siteOf(context, resource, `Targets[${index}].Port`));
    if (isUnresolved(target.Id)) {
      context.notes.add(
        'TARGET_UNKNOWN_UNTIL_DEPLOYMENT',
        resource.logicalId,
        `Targets[${index}].Id is known only after deployment (${target.Id}); the target is left out`,
      );
      return;
    }
    const id = requiredId(context, resource, `Targets[${index}].Id`, 'i');
    context.network.targets.push({
      source: resource.logicalId,
      targetGroupArn,
      id,
      port,
      availabilityZone:
        typeof target.AvailabilityZone === 'string' ? target.AvailabilityZone : undefined,
    });
  });
}
