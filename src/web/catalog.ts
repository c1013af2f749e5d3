import { inspectSummary } from '../analysis/inspect.js';
import { formatIp } from '../net/address.js';
import type { Eni, Network } from '../network/types.js';

/** What a catalog entry is, in the words the page shows. */
export type CatalogKind =
  | 'instance'
  | 'network-interface'
  | 'vpc-endpoint'
  | 'endpoint-service'
  | 'load-balancer';

/** One thing the page offers as a source or destination, with what people search it by. */
export interface CatalogEntry {
  readonly id: string;
  readonly kind: CatalogKind;
  /** The Name tag (or the load balancer's name), when there is one. */
  readonly name: string | null;
  readonly addresses: readonly string[];
  readonly vpcId: string | null;
  /** Endpoints, services and load balancers never open connections, so are destinations only. */
  readonly source: boolean;
  readonly detail: string | null;
}

/** `/api/summary`: the inspect summary plus everything the page can trace between. */
export function buildCatalogSummary(network: Network) {
  return { ...inspectSummary(network), catalog: buildCatalog(network) };
}

export type CatalogSummary = ReturnType<typeof buildCatalogSummary>;

/**
 * Instances and the ENIs that can start a flow, then the destinations only: interface endpoints,
 * endpoint services and load balancers. ENIs of endpoints and NLB nodes are left out, because
 * traces name their endpoint or load balancer instead.
 */
export function buildCatalog(network: Network): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const instance of network.instances.values()) {
    const enis = instance.eniIds.map((id) => network.enis.get(id)).filter((e) => e !== undefined);
    entries.push({
      id: instance.id,
      kind: 'instance',
      name: instance.name ?? null,
      addresses: enis.flatMap(addressesOf),
      vpcId: enis[0]?.vpcId ?? null,
      source: true,
      detail: instance.state ?? null,
    });
  }
  for (const eni of network.enis.values()) {
    if (eni.kind === 'vpc-endpoint' || eni.kind === 'nlb-node') continue;
    entries.push({
      id: eni.id,
      kind: 'network-interface',
      name: eni.name ?? null,
      addresses: addressesOf(eni),
      vpcId: eni.vpcId,
      source: true,
      detail: eni.instanceId ?? eni.description ?? null,
    });
  }
  entries.push(...destinationsOf(network));
  return entries;
}

function destinationsOf(network: Network): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const endpoint of network.vpcEndpoints.values()) {
    const enis = endpoint.eniIds.map((id) => network.enis.get(id)).filter((e) => e !== undefined);
    entries.push({
      id: endpoint.id,
      kind: 'vpc-endpoint',
      name: endpoint.name ?? null,
      addresses: enis.flatMap(addressesOf),
      vpcId: endpoint.vpcId,
      source: false,
      detail: endpoint.serviceName,
    });
  }
  for (const service of network.endpointServices.values()) {
    entries.push({
      id: service.id,
      kind: 'endpoint-service',
      name: null,
      addresses: [],
      vpcId: null,
      source: false,
      detail: service.name,
    });
  }
  for (const balancer of network.loadBalancers.values()) {
    entries.push({
      id: balancer.arn,
      kind: 'load-balancer',
      name: balancer.name,
      addresses: balancer.nodes.flatMap((n) => (n.ip === undefined ? [] : [formatIp(n.ip)])),
      vpcId: balancer.vpcId,
      source: false,
      detail: `${balancer.type} ${balancer.scheme ?? ''}`.trim(),
    });
  }
  return entries;
}

function addressesOf(eni: Eni): string[] {
  return [...eni.ipv4, ...eni.ipv6].map(formatIp);
}
