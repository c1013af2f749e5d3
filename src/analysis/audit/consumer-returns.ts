import type { Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';
import type { Hop } from '../../paths/hop.js';
import type { TracePath } from '../../paths/path.js';
import { traceFlow } from '../trace.js';
import { serviceOf } from './configuration.js';
import type { Finding } from './finding.js';
import { fixSuggestion } from './fix-suggestion.js';
import { blockingRule, partialRule, passingText } from './hop-findings.js';

const PROVIDER_GATES = new Set(['endpoint-state', 'endpoint-service', 'protocol', 'listener']);

interface Pending {
  readonly hop: Hop;
  /** Every failing hop merged here (one per endpoint ENI and client), for the suggestion. */
  readonly seen: { readonly hop: Hop; readonly path: TracePath }[];
  readonly path: TracePath;
  readonly protocol: number;
  readonly clients: Set<string>;
  readonly endpointId: string;
}

/**
 * Replies from interface endpoints to the clients of their VPC, traced on the real paths: for
 * each endpoint, each ENI of its VPC whose request reaches an endpoint ENI, and each listener
 * port of the service, the return hops (the endpoint subnet's NACL outbound, the client
 * subnet's inbound) that drop every reply or pass only part of 1024-65535.
 */
export function auditConsumerReturns(network: Network, limitations: Limitation[] = []): Finding[] {
  const pending = new Map<string, Pending>();
  for (const endpoint of network.vpcEndpoints.values()) {
    const service = serviceOf(network, endpoint);
    if (service === undefined || endpoint.eniIds.length === 0) continue;
    for (const source of clientsIn(network, endpoint.vpcId)) {
      for (const { protocol, port } of servicePorts(network, service.loadBalancerArns)) {
        const result = traceFlow(network, {
          from: source.id,
          to: endpoint.id,
          port,
          protocol: protocol === 17 ? 'udp' : 'tcp',
        });
        for (const path of result.paths) collect(pending, path, protocol, source.id, endpoint.id);
        limitations.push(...result.limitations);
      }
    }
  }
  return [...pending.values()].map((p) => finding(network, p));
}

/** ENIs that start flows (instances and other interfaces) in a VPC, in ID order. */
function clientsIn(network: Network, vpcId: string) {
  return [...network.enis.values()]
    .filter((eni) => eni.vpcId === vpcId && (eni.kind === 'instance' || eni.kind === 'other'))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function servicePorts(network: Network, arns: readonly string[]) {
  const seen = new Map<string, { protocol: number; port: number }>();
  for (const arn of arns) {
    for (const listener of network.loadBalancers.get(arn)?.listeners ?? []) {
      if (listener.port === undefined) continue;
      const protocol = /^(UDP|QUIC)$/.test(listener.protocol ?? '') ? 17 : 6;
      seen.set(`${protocol} ${listener.port}`, { protocol, port: listener.port });
    }
  }
  return [...seen.values()];
}

function collect(
  pending: Map<string, Pending>,
  path: TracePath,
  protocol: number,
  client: string,
  endpointId: string,
) {
  const gate = path.forward.findIndex((hop) => PROVIDER_GATES.has(hop.kind));
  const consumer = gate < 0 ? path.forward : path.forward.slice(0, gate);
  if (consumer.some((hop) => hop.verdict !== 'pass')) return;
  for (const hop of path.return) {
    if (hop.ephemeral !== 'client' || hop.kind !== 'network-acl' || hop.verdict === 'pass')
      continue;
    const key = `${hop.verdict} ${hop.component} ${hop.direction} ${endpointId}`;
    const known = pending.get(key);
    if (known !== undefined) {
      known.clients.add(client);
      known.seen.push({ hop, path });
    } else
      pending.set(key, {
        hop,
        seen: [{ hop, path }],
        path,
        protocol,
        clients: new Set([client]),
        endpointId,
      });
  }
}

function finding(network: Network, p: Pending): Finding {
  const { hop } = p;
  const partial = hop.verdict === 'partial';
  const clients = [...p.clients].sort();
  const egress = hop.direction === 'egress';
  const where = `${hop.component} ${egress ? 'outbound' : 'inbound'}`;
  const message = partial
    ? `${where} passes the replies from ${p.endpointId} to ${clients.join(', ')} only on client ports ${passingText(hop)} of 1024-65535, so connections work only when the client picks a port in that part (works sometimes).`
    : `${where} drops every reply from ${p.endpointId} to ${clients.join(', ')} (client ports 1024-65535), although the requests pass, so no connection completes.`;
  return {
    code: partial ? 'RETURN_PATH_PARTIAL' : 'RETURN_PATH_BLOCKED',
    severity: partial ? 'medium' : 'high',
    resource: hop.component,
    rule: partial ? partialRule(network, hop) : blockingRule(network, hop),
    message,
    suggestion: fixSuggestion(
      network,
      p.seen.map((s) => ({ hop: s.hop, waypoints: s.path.waypoints })),
    ),
    related: [p.endpointId, ...clients],
  };
}
