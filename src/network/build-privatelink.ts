import { ip, ipKey } from '../net/address.js';
import type {
  ListenerData,
  LoadBalancerData,
  TargetGroupData,
  TargetHealthDescriptionData,
} from '../snapshot/schema/privatelink.js';
import { zoneIdsByAccount } from './build-vpc.js';
import type { BuildContext } from './context.js';
import { nameTag } from './context.js';
import type {
  EndpointService,
  Eni,
  Instance,
  Listener,
  LoadBalancer,
  NlbNode,
  Subnet,
  Target,
  TargetGroup,
  Vpc,
  VpcEndpoint,
} from './types.js';

/** Endpoint ENI ID to endpoint ID, from describe-vpc-endpoints. */
export function endpointOfEni(ctx: BuildContext): Map<string, string> {
  const map = new Map<string, string>();
  for (const endpoint of ctx.snapshot.VpcEndpoints) {
    for (const eniId of endpoint.NetworkInterfaceIds ?? []) map.set(eniId, endpoint.VpcEndpointId);
  }
  return map;
}

/**
 * Interface endpoints. An endpoint created without security groups gets its VPC's default group,
 * whose inbound rule admits only the group's own members — a classic cause of failure, so the
 * endpoint remembers that it uses it.
 */
export function buildVpcEndpoints(
  ctx: BuildContext,
  vpcs: Map<string, Vpc>,
  enis: Map<string, Eni>,
) {
  const endpoints = new Map<string, VpcEndpoint>();
  for (const data of ctx.snapshot.VpcEndpoints) {
    (data.NetworkInterfaceIds ?? []).forEach((eniId, i) => {
      if (!enis.has(eniId)) {
        throw ctx.dangling(
          data,
          data.VpcEndpointId,
          `NetworkInterfaceIds[${i}]`,
          eniId,
          'include the describe-network-interfaces output of the consumer account',
        );
      }
    });
    const listed = (data.Groups ?? []).map((group) => group.GroupId);
    const fallback = vpcs.get(data.VpcId)?.defaultSecurityGroupId;
    const usesDefault = listed.length === 0 && data.VpcEndpointType === 'Interface';
    endpoints.set(data.VpcEndpointId, {
      id: data.VpcEndpointId,
      type: data.VpcEndpointType,
      vpcId: data.VpcId,
      ownerId: data.OwnerId ?? ctx.accountOf(data),
      name: nameTag(data.Tags),
      serviceName: data.ServiceName,
      state: data.State,
      subnetIds: data.SubnetIds ?? [],
      eniIds: data.NetworkInterfaceIds ?? [],
      securityGroupIds: usesDefault && fallback !== undefined ? [fallback] : listed,
      usesDefaultSecurityGroup: usesDefault,
    });
  }
  return endpoints;
}

export function buildEndpointServices(ctx: BuildContext) {
  const zoneIds = zoneIdsByAccount(ctx);
  const services = new Map<string, EndpointService>();
  for (const data of ctx.snapshot.ServiceConfigurations) {
    const account = ctx.accountOf(data);
    const connections = new Map<string, string>();
    for (const connection of ctx.snapshot.VpcEndpointConnections) {
      if (connection.ServiceId === data.ServiceId && connection.VpcEndpointState !== undefined) {
        connections.set(connection.VpcEndpointId, connection.VpcEndpointState);
      }
    }
    // An empty ID list beside zone names says nothing; the names decide then.
    const names = data.AvailabilityZones ?? [];
    let azIds =
      data.AvailabilityZoneIds?.length === 0 && names.length > 0
        ? undefined
        : data.AvailabilityZoneIds;
    if (azIds === undefined && data.AvailabilityZones !== undefined) {
      const mapped = data.AvailabilityZones.map((zone) => zoneIds.get(`${account}/${zone}`));
      if (mapped.every((id) => id !== undefined)) azIds = mapped as string[];
      else {
        ctx.warn(
          'AZ_NAMES_UNMAPPED',
          data.ServiceId,
          'the service lists zone names but the snapshot has no describe-availability-zones output of its account to map them to zone IDs; zones are taken from its load balancers instead',
        );
      }
    }
    services.set(data.ServiceId, {
      id: data.ServiceId,
      name: data.ServiceName,
      state: data.ServiceState,
      ownerId: account,
      availabilityZoneIds: azIds,
      acceptanceRequired: data.AcceptanceRequired,
      loadBalancerArns: data.NetworkLoadBalancerArns ?? [],
      connectionStates: connections,
    });
  }
  return services;
}

export function buildLoadBalancers(
  ctx: BuildContext,
  subnets: Map<string, Subnet>,
  enis: Map<string, Eni>,
) {
  const listeners = new Map<string, Listener[]>();
  for (const wrapper of ctx.snapshot.LoadBalancerListeners) {
    listeners.set(wrapper.LoadBalancerArn, wrapper.Listeners.map(toListener));
  }
  const attributes = attributeMaps(
    ctx.snapshot.LoadBalancerAttributes.map((w) => [w.LoadBalancerArn, w.Attributes]),
  );
  const nodeEnis = new Map<string, Eni[]>();
  for (const eni of enis.values()) {
    if (eni.loadBalancerArn === undefined) continue;
    nodeEnis.set(eni.loadBalancerArn, [...(nodeEnis.get(eni.loadBalancerArn) ?? []), eni]);
  }
  const balancers = new Map<string, LoadBalancer>();
  for (const data of ctx.snapshot.LoadBalancers) {
    const attrs = attributes.get(data.LoadBalancerArn) ?? new Map<string, string>();
    const groups = data.SecurityGroups ?? [];
    balancers.set(data.LoadBalancerArn, {
      arn: data.LoadBalancerArn,
      name: data.LoadBalancerName,
      type: data.Type,
      scheme: data.Scheme,
      vpcId: data.VpcId,
      ownerId: ctx.accountOf(data),
      state: data.State?.Code,
      securityGroupIds: groups,
      enforceInboundRulesOnPrivateLink:
        groups.length > 0 && data.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic !== 'off',
      crossZone: attrs.get('load_balancing.cross_zone.enabled') === 'true',
      nodes: buildNodes(ctx, data, subnets, nodeEnis.get(data.LoadBalancerArn) ?? []),
      listeners: listeners.get(data.LoadBalancerArn) ?? [],
      attributes: attrs,
    });
  }
  return balancers;
}

function toListener(data: ListenerData): Listener {
  const forwards = (data.DefaultActions ?? [])
    .filter((action) => action.Type === 'forward')
    .flatMap((action) => {
      const weighted = action.ForwardConfig?.TargetGroups;
      if (weighted !== undefined && weighted.length > 0) {
        return weighted.map((tg) => ({
          targetGroupArn: tg.TargetGroupArn,
          weight: tg.Weight ?? 1,
        }));
      }
      return action.TargetGroupArn === undefined
        ? []
        : [{ targetGroupArn: action.TargetGroupArn, weight: 1 }];
    });
  return { arn: data.ListenerArn, port: data.Port, protocol: data.Protocol, forwards };
}

/**
 * One node per enabled zone. Its private IP comes from `LoadBalancerAddresses` when AWS filled
 * it in, else from the ENI described `ELB net/<name>/<id>` in that subnet.
 */
function buildNodes(
  ctx: BuildContext,
  data: LoadBalancerData,
  subnets: Map<string, Subnet>,
  nodeEnis: readonly Eni[],
): NlbNode[] {
  return data.AvailabilityZones.map((zone, i) => {
    const subnet = subnets.get(zone.SubnetId);
    if (subnet === undefined) {
      throw ctx.dangling(
        data,
        data.LoadBalancerArn,
        `AvailabilityZones[${i}].SubnetId`,
        zone.SubnetId,
        'include the describe-subnets output of the account that owns the load balancer',
      );
    }
    const eni = nodeEnis.find((candidate) => candidate.subnetId === zone.SubnetId);
    const listed = zone.LoadBalancerAddresses?.find(
      (a) => a.PrivateIPv4Address,
    )?.PrivateIPv4Address;
    const primary = listed === undefined ? eni?.ipv4[0] : ip(listed);
    if (primary === undefined) {
      ctx.warn(
        'NLB_NODE_ADDRESS_UNKNOWN',
        data.LoadBalancerArn,
        `the node in ${zone.SubnetId} has no known private IP (no LoadBalancerAddresses and no "ELB ${data.LoadBalancerName}" network interface)`,
      );
    }
    const secondaryIps = (eni?.ipv4 ?? []).filter(
      (a) => primary === undefined || ipKey(a) !== ipKey(primary),
    );
    return {
      loadBalancerArn: data.LoadBalancerArn,
      subnetId: zone.SubnetId,
      availabilityZoneId: subnet.availabilityZoneId,
      eniId: eni?.id,
      ip: primary,
      secondaryIps,
    };
  });
}

export function buildTargetGroups(
  ctx: BuildContext,
  enis: Map<string, Eni>,
  instances: Map<string, Instance>,
  eniByIp: Map<string, Eni>,
  sharedAddresses: Map<string, Eni[]>,
) {
  const attributes = attributeMaps(
    ctx.snapshot.TargetGroupAttributes.map((w) => [w.TargetGroupArn, w.Attributes]),
  );
  const health = new Map(
    ctx.snapshot.LoadBalancerTargetHealth.map((w) => [
      w.TargetGroupArn,
      w.TargetHealthDescriptions,
    ]),
  );
  const groups = new Map<string, TargetGroup>();
  for (const data of ctx.snapshot.TargetGroups) {
    const descriptions = health.get(data.TargetGroupArn) ?? [];
    const targets = descriptions.map((d) =>
      toTarget(ctx, data, d, enis, instances, eniByIp, sharedAddresses),
    );
    const hcPort = data.HealthCheckPort;
    groups.set(data.TargetGroupArn, {
      arn: data.TargetGroupArn,
      name: data.TargetGroupName,
      protocol: data.Protocol,
      port: data.Port,
      vpcId: data.VpcId,
      targetType: data.TargetType ?? 'instance',
      ipAddressType: data.IpAddressType,
      healthCheckProtocol: data.HealthCheckProtocol,
      healthCheckPort:
        hcPort === undefined || hcPort === 'traffic-port' ? 'traffic-port' : Number(hcPort),
      healthCheckEnabled: data.HealthCheckEnabled !== false,
      attributes: attributes.get(data.TargetGroupArn) ?? new Map(),
      targets,
    });
  }
  return groups;
}

type Description = TargetHealthDescriptionData;

function toTarget(
  ctx: BuildContext,
  group: TargetGroupData,
  d: Description,
  enis: Map<string, Eni>,
  instances: Map<string, Instance>,
  eniByIp: Map<string, Eni>,
  sharedAddresses: Map<string, Eni[]>,
): Target {
  const id = d.Target.Id;
  let eni: Eni | undefined;
  if (id.startsWith('i-')) {
    const primary = instances.get(id)?.eniIds[0];
    eni = primary === undefined ? undefined : enis.get(primary);
  } else if (/^[0-9a-f.:]+$/i.test(id)) {
    const parsed = ip(id);
    // An address several VPCs use names the ENI in the target group's VPC.
    const key = ipKey(parsed);
    eni =
      sharedAddresses.get(key)?.find((candidate) => candidate.vpcId === group.VpcId) ??
      eniByIp.get(key);
    if (eni === undefined) {
      ctx.warn(
        'TARGET_OUTSIDE_SNAPSHOT',
        group.TargetGroupArn,
        `target ${id} is not an address of any network interface in the snapshot; paths to it cannot be checked`,
      );
    }
    return target(d, eni, parsed);
  }
  if (eni === undefined) {
    ctx.warn(
      'TARGET_OUTSIDE_SNAPSHOT',
      group.TargetGroupArn,
      `target ${id} is not in the snapshot; paths to it cannot be checked`,
    );
  }
  return target(d, eni, eni?.ipv4[0]);
}

function target(
  d: Description,
  eni: Eni | undefined,
  address: ReturnType<typeof ip> | undefined,
): Target {
  return {
    id: d.Target.Id,
    port: d.Target.Port,
    availabilityZone: d.Target.AvailabilityZone,
    observedState: d.TargetHealth?.State,
    observedReason: d.TargetHealth?.Reason,
    eniId: eni?.id,
    ip: address,
  };
}

function attributeMaps(
  entries: [string, readonly { Key: string; Value?: string | undefined }[]][],
) {
  return new Map(
    entries.map(([arn, list]) => [arn, new Map(list.map((a) => [a.Key, a.Value ?? '']))]),
  );
}
