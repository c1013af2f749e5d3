import type { IacHealthCheck, IacListenerAction, Tag } from '../iac/model.js';
import { integerValue, optionalInteger } from '../iac/rule-values.js';
import {
  blocksOf,
  booleanOf,
  planValue,
  requiredString,
  siteOf,
  stringOf,
  type TfContext,
  tagsOf,
} from './context.js';
import type { ValuePath } from './linker.js';
import type { TfResource } from './plan-json.js';

function subnetMappings(context: TfContext, resource: TfResource) {
  const { linker } = context;
  const mapped = blocksOf(context, resource, ['subnet_mapping']).map((_, index) => {
    const address = planValue(context, resource, ['subnet_mapping', index, 'private_ipv4_address']);
    return {
      subnetId: requiredString(context, resource, ['subnet_mapping', index, 'subnet_id']),
      privateIpv4Address: typeof address === 'string' && address !== '' ? address : undefined,
    };
  });
  const listed = linker
    .strings(resource, ['subnets'])
    .filter((subnetId) => !mapped.some((mapping) => mapping.subnetId === subnetId))
    .map((subnetId) => ({ subnetId }));
  return [...mapped, ...listed];
}

/**
 * `aws_lb` / `aws_alb`: one node per subnet. Node addresses are known only when
 * `subnet_mapping` designates them; cross-zone becomes the `load_balancing.cross_zone.enabled`
 * attribute (false by default for network load balancers).
 */
export function translateLoadBalancer(context: TfContext, resource: TfResource): void {
  const { linker } = context;
  const type = stringOf(context, resource, ['load_balancer_type'], 'application');
  const crossZone = booleanOf(
    context,
    resource,
    ['enable_cross_zone_load_balancing'],
    type !== 'network',
  );
  const enforce = planValue(context, resource, [
    'enforce_security_group_inbound_rules_on_private_link_traffic',
  ]);
  const attributes: Tag[] = [
    { Key: 'load_balancing.cross_zone.enabled', Value: String(crossZone) },
  ];
  context.network.loadBalancers.push({
    source: resource.address,
    tags: tagsOf(resource),
    loadBalancerArn: String(linker.attribute(resource, 'arn')),
    loadBalancerName: linker.elbName(resource),
    key: resource.address,
    type,
    scheme: booleanOf(context, resource, ['internal'], false) ? 'internal' : 'internet-facing',
    subnets: subnetMappings(context, resource),
    securityGroupIds: linker.strings(resource, ['security_groups']),
    ipAddressType: stringOf(context, resource, ['ip_address_type'], 'ipv4'),
    enforceSecurityGroupInboundRulesOnPrivateLinkTraffic:
      typeof enforce === 'string' && enforce !== '' ? enforce : undefined,
    attributes,
  });
}

function readAction(context: TfContext, resource: TfResource, path: ValuePath): IacListenerAction {
  const { linker } = context;
  const groups = blocksOf(context, resource, [...path, 'forward', 0, 'target_group']);
  const order = planValue(context, resource, [...path, 'order']);
  return {
    type: stringOf(context, resource, [...path, 'type'], 'forward'),
    targetGroupArn: linker.string(resource, [...path, 'target_group_arn']),
    order: typeof order === 'number' ? order : undefined,
    forward:
      groups.length === 0
        ? undefined
        : groups.map((_, index) => {
            const at: ValuePath = [...path, 'forward', 0, 'target_group', index];
            const weight = planValue(context, resource, [...at, 'weight']);
            return {
              targetGroupArn: requiredString(context, resource, [...at, 'arn']),
              weight: typeof weight === 'number' ? weight : 1,
            };
          }),
  };
}

/** `aws_lb_listener` with its default actions. */
export function translateListener(context: TfContext, resource: TfResource): void {
  const actions = blocksOf(context, resource, ['default_action']);
  context.network.listeners.push({
    source: resource.address,
    tags: tagsOf(resource),
    listenerArn: String(context.linker.attribute(resource, 'arn')),
    loadBalancerArn: requiredString(context, resource, ['load_balancer_arn']),
    port: integerValue(planValue(context, resource, ['port']), siteOf(context, resource, ['port'])),
    protocol: stringOf(context, resource, ['protocol'], 'TCP'),
    defaultActions: actions.map((_, index) =>
      readAction(context, resource, ['default_action', index]),
    ),
  });
}

function healthCheck(context: TfContext, resource: TfResource, protocol: string): IacHealthCheck {
  const at = (field: string): ValuePath => ['health_check', 0, field];
  const number = (field: string, fallback: number) =>
    optionalInteger(
      planValue(context, resource, at(field)),
      siteOf(context, resource, at(field)),
    ) ?? fallback;
  const path = stringOf(context, resource, at('path'), '');
  const matcher = stringOf(context, resource, at('matcher'), '');
  return {
    enabled: booleanOf(context, resource, at('enabled'), true),
    protocol: stringOf(context, resource, at('protocol'), protocol === 'UDP' ? 'TCP' : protocol),
    port: String(planValue(context, resource, at('port')) ?? 'traffic-port'),
    path: path === '' ? undefined : path,
    intervalSeconds: number('interval', 30),
    timeoutSeconds: number('timeout', 10),
    healthyThresholdCount: number('healthy_threshold', 3),
    unhealthyThresholdCount: number('unhealthy_threshold', 3),
    matcher: matcher === '' ? undefined : matcher,
  };
}

const GROUP_ATTRIBUTES: Array<[string, string]> = [
  ['preserve_client_ip', 'preserve_client_ip.enabled'],
  ['proxy_protocol_v2', 'proxy_protocol_v2.enabled'],
  ['load_balancing_cross_zone_enabled', 'load_balancing.cross_zone.enabled'],
  ['deregistration_delay', 'deregistration_delay.timeout_seconds'],
  ['connection_termination', 'deregistration_delay.connection_termination.enabled'],
];

function groupAttributes(context: TfContext, resource: TfResource): Tag[] {
  return GROUP_ATTRIBUTES.flatMap(([field, key]) => {
    const value = planValue(context, resource, [field]);
    return value === undefined || value === null || value === ''
      ? []
      : [{ Key: key, Value: String(value) }];
  });
}

/** `aws_lb_target_group`; its settings become `TargetGroupAttributes`. */
export function translateTargetGroup(context: TfContext, resource: TfResource): void {
  const protocol = stringOf(context, resource, ['protocol'], 'TCP');
  context.network.targetGroups.push({
    source: resource.address,
    tags: tagsOf(resource),
    targetGroupArn: String(context.linker.attribute(resource, 'arn')),
    targetGroupName: context.linker.elbName(resource),
    protocol,
    port: integerValue(planValue(context, resource, ['port']), siteOf(context, resource, ['port'])),
    vpcId: context.linker.string(resource, ['vpc_id']),
    targetType: stringOf(context, resource, ['target_type'], 'instance'),
    ipAddressType: stringOf(context, resource, ['ip_address_type'], 'ipv4'),
    healthCheck: healthCheck(context, resource, protocol),
    attributes: groupAttributes(context, resource),
  });
}

/** `aws_lb_target_group_attachment`: one registered target. */
export function translateTargetAttachment(context: TfContext, resource: TfResource): void {
  const port = planValue(context, resource, ['port']);
  const zone = stringOf(context, resource, ['availability_zone'], '');
  const id = context.linker.string(resource, ['target_id']);
  if (id === undefined) {
    context.notes.add(
      'TARGET_UNKNOWN_UNTIL_DEPLOYMENT',
      resource.address,
      'target_id is known only after deployment (an address AWS assigns); the target is left out',
    );
    return;
  }
  context.network.targets.push({
    source: resource.address,
    targetGroupArn: requiredString(context, resource, ['target_group_arn']),
    id,
    port: typeof port === 'number' ? port : undefined,
    availabilityZone: zone === '' ? undefined : zone,
  });
}
