import { UsageError } from '../errors.js';
import { formatIp, type IpAddress, ipKey, parseIp } from '../net/address.js';
import type { Eni, LoadBalancer, Network, NlbNode, VpcEndpoint } from '../network/types.js';

/** What a `--to` names, once looked up in the network. */
export type Destination =
  | { readonly kind: 'eni'; readonly eni: Eni }
  | { readonly kind: 'endpoint-enis'; readonly enis: readonly Eni[]; readonly label: string }
  | {
      readonly kind: 'load-balancer';
      readonly loadBalancer: LoadBalancer;
      readonly nodes: readonly NlbNode[];
    };

const SOURCE_FORMS = 'an instance ID (i-…), a network interface ID (eni-…) or a private IP';

/** The ENI a `--from` names: an instance's primary ENI, an ENI, or the ENI owning an IP. */
export function resolveSource(network: Network, selector: string): Eni {
  const eni = lookupEni(network, selector);
  if (eni === undefined) {
    throw new UsageError(
      `--from ${selector} matches nothing in the snapshot`,
      `give ${SOURCE_FORMS}; \`vpcreach inspect\` lists what was loaded`,
    );
  }
  return eni;
}

function lookupEni(network: Network, selector: string): Eni | undefined {
  if (selector.startsWith('i-')) {
    const primary = network.instances.get(selector)?.eniIds[0];
    return primary === undefined ? undefined : network.enis.get(primary);
  }
  if (selector.startsWith('eni-')) return network.enis.get(selector);
  const parsed = parseIp(selector);
  return parsed.ok ? eniAtAddress(network, parsed.value) : undefined;
}

/**
 * The ENI that holds a private address. Overlapping VPCs (common across accounts) can give two
 * ENIs one address; then the address names neither, and the user is asked for the ENI.
 */
export function eniAtAddress(network: Network, address: IpAddress): Eni | undefined {
  const shared = network.sharedAddresses.get(ipKey(address));
  if (shared !== undefined) {
    const owners = shared.map((eni) => `${eni.id} in ${eni.vpcId}`).join(', ');
    throw new UsageError(
      `${formatIp(address)} is an address of several network interfaces: ${owners}`,
      'give the ENI ID (eni-…) or the instance ID instead',
    );
  }
  return network.eniByIp.get(ipKey(address));
}

/**
 * Looks up a `--to`: an instance, ENI or IP (an endpoint's ENI or an NLB node's leads through
 * PrivateLink or the NLB); an interface endpoint (all of its ENIs, as its Regional DNS name hands
 * them out); an endpoint service (every endpoint of it, each of them);
 * an NLB by ARN or name (every node).
 */
export function resolveDestination(network: Network, selector: string): Destination {
  if (selector.startsWith('vpce-svc-')) return serviceEndpoints(network, selector);
  if (selector.startsWith('vpce-')) {
    const endpoint = network.vpcEndpoints.get(selector);
    if (endpoint === undefined) throw notFound(selector);
    return { kind: 'endpoint-enis', enis: endpointEnis(network, endpoint), label: selector };
  }
  const balancer = findLoadBalancer(network, selector);
  if (balancer !== undefined)
    return { kind: 'load-balancer', loadBalancer: balancer, nodes: balancer.nodes };
  const parsed = parseIp(selector);
  if (parsed.ok) {
    const node = findNode(network, parsed.value);
    if (node !== undefined)
      return { kind: 'load-balancer', loadBalancer: node.balancer, nodes: [node.node] };
  }
  const eni = lookupEni(network, selector);
  if (eni === undefined) throw notFound(selector);
  return classifyEni(network, eni);
}

function classifyEni(network: Network, eni: Eni): Destination {
  if (eni.kind === 'vpc-endpoint') return { kind: 'endpoint-enis', enis: [eni], label: eni.id };
  if (eni.kind === 'nlb-node' && eni.loadBalancerArn !== undefined) {
    const balancer = network.loadBalancers.get(eni.loadBalancerArn);
    const node = balancer?.nodes.find((candidate) => candidate.eniId === eni.id);
    if (balancer !== undefined && node !== undefined)
      return { kind: 'load-balancer', loadBalancer: balancer, nodes: [node] };
  }
  return { kind: 'eni', eni };
}

function serviceEndpoints(network: Network, serviceId: string): Destination {
  const service = network.endpointServices.get(serviceId);
  const name = service?.name;
  const endpoints = [...network.vpcEndpoints.values()].filter(
    (endpoint) =>
      endpoint.type === 'Interface' &&
      (endpoint.serviceName === name || endpoint.serviceName.endsWith(serviceId)),
  );
  if (endpoints.length === 0) {
    throw new UsageError(
      `--to ${serviceId}: no interface endpoint of this service is in the snapshot`,
      "add the consumer account's describe-vpc-endpoints output, or trace to the endpoint ID",
    );
  }
  return {
    kind: 'endpoint-enis',
    enis: endpoints.flatMap((endpoint) => endpointEnis(network, endpoint)),
    label: serviceId,
  };
}

function endpointEnis(network: Network, endpoint: VpcEndpoint): Eni[] {
  if (endpoint.type !== 'Interface') {
    throw new UsageError(
      `--to ${endpoint.id} is a ${endpoint.type} endpoint`,
      'only interface endpoints are modelled; gateway and Gateway Load Balancer endpoints are not',
    );
  }
  return endpoint.eniIds.map((id) => network.enis.get(id)!).filter((eni) => eni !== undefined);
}

function findLoadBalancer(network: Network, selector: string): LoadBalancer | undefined {
  const byArn = network.loadBalancers.get(selector);
  if (byArn !== undefined) return byArn;
  return [...network.loadBalancers.values()].find((balancer) => balancer.name === selector);
}

function findNode(network: Network, address: IpAddress) {
  const key = ipKey(address);
  for (const balancer of network.loadBalancers.values()) {
    for (const node of balancer.nodes) {
      if (node.ip !== undefined && ipKey(node.ip) === key) return { balancer, node };
    }
  }
  return undefined;
}

function notFound(selector: string): UsageError {
  return new UsageError(
    `--to ${selector} matches nothing in the snapshot`,
    `give ${SOURCE_FORMS}, an interface endpoint (vpce-…), an endpoint service (vpce-svc-…), or a load balancer ARN or name`,
  );
}
