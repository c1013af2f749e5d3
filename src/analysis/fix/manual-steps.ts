import type { Network } from '../../network/types.js';
import type { FailingHop } from './failing-hops.js';
import type { ManualStep } from './types.js';

/**
 * What must change when no rule can open the flow: an endpoint to accept, a listener to add,
 * cross-zone load balancing to enable, a target outside the snapshot. Each step names the AWS
 * call that does it when there is one.
 */
export function manualStep(network: Network, failing: FailingHop): ManualStep {
  const { hop } = failing;
  const base = { code: hop.code ?? 'NO_PATH', component: hop.component };
  switch (hop.kind) {
    case 'endpoint-state':
      return { ...base, ...endpointStateStep(network, hop.component, hop.detail) };
    case 'listener':
      return { ...base, ...listenerStep(network, failing) };
    case 'target-group':
      return { ...base, ...targetGroupStep(network, failing) };
    case 'endpoint-service':
      return { ...base, what: serviceStep(hop.code, hop.detail) };
    case 'target':
      if (hop.code === 'NLB_LOOPBACK_WITH_CLIENT_IP_PRESERVED') {
        const group = failing.waypoints?.target?.targetGroupArn ?? 'TARGET_GROUP_ARN';
        return {
          ...base,
          what: hop.detail,
          command: `aws elbv2 modify-target-group-attributes --target-group-arn ${group} --attributes Key=preserve_client_ip.enabled,Value=false`,
        };
      }
      return {
        ...base,
        what: `${hop.detail}; collect the account that owns it into the snapshot and run fix again`,
      };
    case 'routing':
      return {
        ...base,
        what: `${hop.detail}; route the VPCs to each other (peering or a transit gateway, with routes both ways) — vpcreach does not propose routes`,
      };
    case 'protocol':
      return { ...base, what: `${hop.detail}; use TCP or UDP` };
    default:
      return { ...base, what: hop.detail };
  }
}

function endpointStateStep(network: Network, endpointId: string, detail: string) {
  const endpoint = network.vpcEndpoints.get(endpointId);
  const service = [...network.endpointServices.values()].find(
    (s) => s.name === endpoint?.serviceName,
  );
  const state = (service?.connectionStates.get(endpointId) ?? endpoint?.state ?? '').toLowerCase();
  const serviceId = service?.id ?? endpoint?.serviceName ?? 'SERVICE_ID';
  if (state === 'pendingacceptance' || state === 'pending-acceptance') {
    return {
      what: `${detail}; the provider accepts the endpoint connection`,
      command: `aws ec2 accept-vpc-endpoint-connections --service-id ${serviceId} --vpc-endpoint-ids ${endpointId}`,
    };
  }
  if (state === 'rejected') {
    return {
      what: `${detail}; the provider rejected it: the provider allows the consumer's principal and the consumer creates the endpoint again, then the provider accepts it`,
      command: `aws ec2 accept-vpc-endpoint-connections --service-id ${serviceId} --vpc-endpoint-ids NEW_ENDPOINT_ID`,
    };
  }
  return { what: `${detail}; wait until the endpoint is available, or create it again` };
}

function listenerStep(network: Network, failing: FailingHop) {
  const arn = failing.waypoints?.loadBalancer?.arn ?? failing.hop.component;
  const balancer = network.loadBalancers.get(arn);
  const existing = balancer?.listeners.find((l) => l.forwards.length > 0);
  const group = existing?.forwards[0]?.targetGroupArn ?? 'TARGET_GROUP_ARN';
  const packet = failing.hop.detail.match(/takes (TCP|UDP) port (\d+)/);
  const protocol = packet?.[1] ?? 'TCP';
  const port = packet?.[2] ?? 'PORT';
  return {
    what: `${failing.hop.detail}; add a listener ${protocol}:${port} that forwards to the service's target group (or have clients connect to a port a listener has)`,
    command: `aws elbv2 create-listener --load-balancer-arn ${arn} --protocol ${protocol} --port ${port} --default-actions Type=forward,TargetGroupArn=${group}`,
  };
}

function targetGroupStep(network: Network, failing: FailingHop) {
  const { hop } = failing;
  const arn = failing.waypoints?.loadBalancer?.arn;
  if (hop.code === 'ELBV2_NO_TARGETS_IN_AZ' && arn !== undefined) {
    const group = network.targetGroups.get(hop.component);
    const own = group?.attributes.get('load_balancing.cross_zone.enabled');
    const command =
      own === 'false'
        ? `aws elbv2 modify-target-group-attributes --target-group-arn ${hop.component} --attributes Key=load_balancing.cross_zone.enabled,Value=true`
        : `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${arn} --attributes Key=load_balancing.cross_zone.enabled,Value=true`;
    return {
      what: `${hop.detail}; enable cross-zone load balancing (or register a target in that zone), then check that the targets admit every node's address`,
      command,
    };
  }
  return {
    what: `${hop.detail}; register targets`,
    command: `aws elbv2 register-targets --target-group-arn ${hop.component} --targets Id=TARGET_ID`,
  };
}

function serviceStep(code: string | undefined, detail: string): string {
  if (code === 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ') {
    return `${detail}; enable that zone on the load balancer and on the endpoint service, or create the endpoint's subnet in a zone the service offers`;
  }
  return `${detail}; the provider must make the service available`;
}
