/**
 * Integrity of PrivateLink and elbv2: endpoints whose subnets, ENIs, groups and service resolve
 * (one subnet per zone, zones the service offers); services whose NLBs exist; NLB nodes whose
 * ENIs carry `ELB net/<name>/<id>` and the address `LoadBalancerAddresses` lists; listeners,
 * target groups, health and attributes that name existing ARNs; targets that exist in the
 * group's VPC.
 */
import type { IntegrityContext } from './integrity-context.js';
import type {
  ArnAttributesDoc,
  ConnectionDoc,
  EndpointDoc,
  EniDoc,
  GroupDoc,
  ListenersDoc,
  LoadBalancerDoc,
  ReservationDoc,
  ServiceConfigurationDoc,
  SubnetDoc,
  TargetGroupDoc,
  TargetHealthDoc,
} from './integrity-shapes.js';

function checkEndpoint(
  ctx: IntegrityContext,
  endpoint: EndpointDoc,
  services: Map<string, ServiceConfigurationDoc>,
): void {
  const id = endpoint.VpcEndpointId;
  const zones = endpoint.SubnetIds.map((s) => ctx.get<SubnetDoc>('Subnets', 'SubnetId', s));
  ctx.expect(
    zones.every((s) => s?.VpcId === endpoint.VpcId),
    `endpoint ${id}: subnet missing or in another VPC`,
  );
  const zoneIds = zones.map((s) => s?.AvailabilityZoneId);
  ctx.expect(new Set(zoneIds).size === zoneIds.length, `endpoint ${id}: two subnets in one zone`);
  ctx.expect(
    endpoint.NetworkInterfaceIds.length === endpoint.SubnetIds.length,
    `endpoint ${id}: not one ENI per subnet`,
  );
  for (const eniId of endpoint.NetworkInterfaceIds) {
    const eni = ctx.get<EniDoc>('NetworkInterfaces', 'NetworkInterfaceId', eniId);
    ctx.expect(
      eni?.InterfaceType === 'vpc_endpoint' &&
        endpoint.SubnetIds.includes(eni.SubnetId) &&
        eni.Description.endsWith(id),
      `endpoint ${id}: ENI ${eniId} missing or not its own`,
    );
  }
  for (const { GroupId } of endpoint.Groups) {
    ctx.expect(
      ctx.get<GroupDoc>('SecurityGroups', 'GroupId', GroupId)?.VpcId === endpoint.VpcId,
      `endpoint ${id}: group ${GroupId} missing`,
    );
  }
  if (!endpoint.ServiceName.startsWith('com.amazonaws.vpce.')) return;
  const service = services.get(endpoint.ServiceName);
  ctx.expect(service !== undefined, `endpoint ${id}: service ${endpoint.ServiceName} missing`);
  if (service)
    ctx.expect(
      zoneIds.every((z) => z !== undefined && service.AvailabilityZoneIds.includes(z)),
      `endpoint ${id}: subnet in a zone the service lacks`,
    );
}

function checkLoadBalancer(
  ctx: IntegrityContext,
  nlb: LoadBalancerDoc,
  nodeEnis: Map<string, EniDoc[]>,
): void {
  const path = nlb.LoadBalancerArn.slice(nlb.LoadBalancerArn.indexOf(':loadbalancer/') + 14);
  const enis = nodeEnis.get(`ELB ${path}`) ?? [];
  ctx.expect(
    enis.length === nlb.AvailabilityZones.length,
    `NLB ${nlb.LoadBalancerName}: ${enis.length} node ENIs for ${nlb.AvailabilityZones.length} zones`,
  );
  for (const zone of nlb.AvailabilityZones) {
    const subnet = ctx.get<SubnetDoc>('Subnets', 'SubnetId', zone.SubnetId);
    ctx.expect(
      subnet?.VpcId === nlb.VpcId,
      `NLB ${nlb.LoadBalancerName}: subnet ${zone.SubnetId} missing`,
    );
    const node = enis.find((e) => e.SubnetId === zone.SubnetId);
    const address = zone.LoadBalancerAddresses[0]?.PrivateIPv4Address;
    ctx.expect(
      node !== undefined && node.PrivateIpAddress === address,
      `NLB ${nlb.LoadBalancerName}: node address in ${zone.SubnetId} does not match its ENI`,
    );
  }
  for (const groupId of nlb.SecurityGroups ?? []) {
    ctx.expect(
      ctx.get<GroupDoc>('SecurityGroups', 'GroupId', groupId)?.VpcId === nlb.VpcId,
      `NLB ${nlb.LoadBalancerName}: group ${groupId} missing`,
    );
  }
}

/** Where each target ID lives: instance ID or private IP → VPC ID. */
interface TargetHomes {
  readonly instances: Map<string, string>;
  readonly ips: Map<string, string>;
}

function checkTargets(ctx: IntegrityContext, health: TargetHealthDoc, homes: TargetHomes): void {
  const group = ctx.get<TargetGroupDoc>('TargetGroups', 'TargetGroupArn', health.TargetGroupArn);
  ctx.expect(group !== undefined, `target health for missing group ${health.TargetGroupArn}`);
  if (group === undefined) return;
  const { instances, ips } = homes;
  for (const { Target } of health.TargetHealthDescriptions) {
    const vpc = group.TargetType === 'instance' ? instances.get(Target.Id) : ips.get(Target.Id);
    ctx.expect(
      vpc === group.VpcId,
      `target group ${group.TargetGroupArn}: target ${Target.Id} missing or outside its VPC`,
    );
  }
}

function checkArns(ctx: IntegrityContext): void {
  for (const group of ctx.items<TargetGroupDoc>('TargetGroups')) {
    for (const arn of group.LoadBalancerArns)
      ctx.expect(
        ctx.get('LoadBalancers', 'LoadBalancerArn', arn) !== undefined,
        `target group ${group.TargetGroupArn}: NLB missing`,
      );
  }
  for (const wrapper of ctx.items<ListenersDoc>('LoadBalancerListeners')) {
    ctx.expect(
      ctx.get('LoadBalancers', 'LoadBalancerArn', wrapper.LoadBalancerArn) !== undefined,
      `listeners of missing NLB ${wrapper.LoadBalancerArn}`,
    );
    for (const listener of wrapper.Listeners) {
      for (const action of listener.DefaultActions) {
        ctx.expect(
          ctx.get('TargetGroups', 'TargetGroupArn', action.TargetGroupArn) !== undefined,
          `listener ${listener.ListenerArn}: target group missing`,
        );
      }
    }
  }
  for (const wrapper of ctx.items<ArnAttributesDoc>('LoadBalancerAttributes')) {
    ctx.expect(
      ctx.get('LoadBalancers', 'LoadBalancerArn', wrapper.LoadBalancerArn ?? '') !== undefined,
      'attributes of a missing NLB',
    );
  }
  for (const wrapper of ctx.items<ArnAttributesDoc>('TargetGroupAttributes')) {
    ctx.expect(
      ctx.get('TargetGroups', 'TargetGroupArn', wrapper.TargetGroupArn ?? '') !== undefined,
      'attributes of a missing target group',
    );
  }
}

/** Checks PrivateLink and elbv2 documents; call after the context's indexes exist. */
export function checkPrivateLinkLayer(ctx: IntegrityContext): void {
  const services = new Map(
    ctx.items<ServiceConfigurationDoc>('ServiceConfigurations').map((s) => [s.ServiceName, s]),
  );
  for (const service of services.values()) {
    for (const arn of service.NetworkLoadBalancerArns)
      ctx.expect(
        ctx.get('LoadBalancers', 'LoadBalancerArn', arn) !== undefined,
        `service ${service.ServiceId}: NLB missing`,
      );
  }
  for (const endpoint of ctx.items<EndpointDoc>('VpcEndpoints'))
    checkEndpoint(ctx, endpoint, services);
  for (const connection of ctx.items<ConnectionDoc>('VpcEndpointConnections')) {
    ctx.expect(
      ctx.get('VpcEndpoints', 'VpcEndpointId', connection.VpcEndpointId) !== undefined,
      `connection to missing endpoint ${connection.VpcEndpointId}`,
    );
  }
  const nodeEnis = new Map<string, EniDoc[]>();
  for (const eni of ctx.items<EniDoc>('NetworkInterfaces')) {
    if (eni.InterfaceType === 'network_load_balancer')
      nodeEnis.set(eni.Description, [...(nodeEnis.get(eni.Description) ?? []), eni]);
  }
  for (const nlb of ctx.items<LoadBalancerDoc>('LoadBalancers'))
    checkLoadBalancer(ctx, nlb, nodeEnis);
  checkArns(ctx);
  const homes: TargetHomes = {
    instances: new Map(
      ctx
        .items<ReservationDoc>('Reservations')
        .flatMap((r) => r.Instances.map((i) => [i.InstanceId, i.VpcId])),
    ),
    ips: new Map(
      ctx
        .items<EniDoc>('NetworkInterfaces')
        .flatMap((e) => e.PrivateIpAddresses.map((a) => [a.PrivateIpAddress, e.VpcId])),
    ),
  };
  for (const health of ctx.items<TargetHealthDoc>('LoadBalancerTargetHealth'))
    checkTargets(ctx, health, homes);
}
