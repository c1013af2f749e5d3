import { compileNetworkAcl, compileSecurityGroups } from '../../filters/compile.js';
import { PacketSet } from '../../net/packet-set.js';
import { EPHEMERAL_PORTS, type PortRange } from '../../net/port-range.js';
import type { Eni, Network } from '../../network/types.js';
import type { ModelOptions, TraceContext } from '../../paths/context.js';
import type { PathHops } from '../../paths/path.js';
import { providerSide } from '../../paths/privatelink.js';
import { judgePath } from '../judge.js';
import { eniBlocks, receivingSide } from './sides.js';

/** What the question asks about: one protocol, destination ports, the clients' source ports. */
export interface ReachScope {
  readonly protocol: number | 'all';
  readonly ports: PortRange;
  readonly sourcePorts: PortRange;
}

/** One ENI a destination is reached through, and the request packets it admits. */
export interface DestinationSide {
  readonly eni: Eni;
  /** The endpoint, service or ENI the user named, for reports. */
  readonly label: string;
  readonly admitted: PacketSet;
  /**
   * For an endpoint: what each provider path that works (endpoint ENI → NLB node → target)
   * admits, keyed by those waypoints; `admitted` is their union. A change that breaks one
   * target or one zone shows here while the union stays the same.
   */
  readonly paths?: readonly ProviderPathSet[];
}

/** The request packets one provider path carries through. */
export interface ProviderPathSet {
  /** `eni-… → eni-… (NLB node) → i-…:8443`. */
  readonly key: string;
  readonly admitted: PacketSet;
}

export interface SideContext {
  readonly network: Network;
  readonly options: ModelOptions;
  readonly limitations: TraceContext['limitations'];
}

/** The request packets a plain ENI lets in: addressed to it, in scope, past its filters. */
export function plainSide(
  ctx: SideContext,
  eni: Eni,
  scope: ReachScope,
  label = eni.id,
): DestinationSide {
  return {
    eni,
    label,
    admitted: receivingSide(ctx.network, eni, eni.securityGroupIds, scopeTo(eni, scope)),
  };
}

export function scopeTo(eni: Eni, scope: ReachScope): PacketSet {
  return PacketSet.of({
    ...(scope.protocol === 'all' ? {} : { protocol: scope.protocol }),
    destinations: eniBlocks(eni),
    destinationPorts: scope.ports,
    sourcePorts: scope.sourcePorts,
  });
}

/**
 * The request packets an interface endpoint ENI carries through to the service: what its own
 * filters let in, on the listener ports whose provider side works (some target reached and its
 * reply back, health and cross-zone as trace decides them), narrowed by the NLB's inbound groups
 * when PrivateLink enforcement is on — the one provider filter that sees the client's address.
 */
export function endpointSide(
  ctx: SideContext,
  eni: Eni,
  scope: ReachScope,
  label: string,
): DestinationSide {
  const endpoint = ctx.network.vpcEndpoints.get(eni.vpcEndpointId ?? '');
  const groups =
    eni.securityGroupIds.length > 0 ? eni.securityGroupIds : (endpoint?.securityGroupIds ?? []);
  const consumer = receivingSide(ctx.network, eni, groups, scopeTo(eni, scope));
  // Interface endpoints carry TCP and UDP only.
  const protocols = ([6, 17] as const).filter(
    (p) => scope.protocol === 'all' || scope.protocol === p,
  );
  const service = serviceOf(ctx, eni);
  if (service === undefined) {
    ctx.limitations.push({
      code: 'SERVICE_OUTSIDE_SNAPSHOT',
      component: label,
      detail: `the service behind ${label} is not in the snapshot; only the endpoint's own filters are counted`,
    });
    return {
      eni,
      label,
      admitted: PacketSet.unionAll(
        protocols.map((protocol) => consumer.intersect(PacketSet.of({ protocol }))),
      ),
    };
  }
  const parts: PacketSet[] = [];
  const byPath = new Map<string, PacketSet[]>();
  for (const protocol of protocols) {
    for (const port of listenerPorts(ctx, service.loadBalancerArns, protocol, scope.ports)) {
      const side = providerSide(traceContext(ctx, protocol, port, scope), eni, {
        healthDecided: false,
      });
      const onPort = consumer.intersect(
        PacketSet.of({ protocol, destinationPorts: { from: port, to: port } }),
      );
      for (const path of side.paths.filter(works)) {
        const part = onPort.intersect(clientFiltersAtNode(ctx, path));
        parts.push(part);
        const key = pathKey(eni, path);
        byPath.set(key, [...(byPath.get(key) ?? []), part]);
      }
    }
  }
  const paths = [...byPath].map(([key, sets]) => ({ key, admitted: PacketSet.unionAll(sets) }));
  return { eni, label, admitted: PacketSet.unionAll(parts).simplify(), paths };
}

function pathKey(eni: Eni, path: PathHops): string {
  const { loadBalancer, target } = path.waypoints;
  const node = loadBalancer?.nodeEniId ?? loadBalancer?.nodeAddress ?? '?';
  return `${eni.id} → ${node} → ${target?.id ?? '?'}:${target?.port ?? '?'}`;
}

function serviceOf(ctx: SideContext, eni: Eni) {
  const endpoint = ctx.network.vpcEndpoints.get(eni.vpcEndpointId ?? '');
  return [...ctx.network.endpointServices.values()].find((s) => s.name === endpoint?.serviceName);
}

/**
 * A provider path works when every forward hop passes and some reply gets back. The NLB picks
 * one port q for a flow, so some q must pass every reply hop of the leg at once: two hops that
 * each pass part of 1024-65535, but different parts, let no reply back.
 */
function works(path: PathHops): boolean {
  if (path.forward.some((hop) => hop.verdict !== 'pass')) return false;
  if (path.return.some((hop) => hop.ephemeral !== 'load-balancer' && hop.verdict === 'block'))
    return false;
  const judged = judgePath(path, EPHEMERAL_PORTS);
  return (
    judged.loadBalancerPortsPassing === undefined || judged.loadBalancerPortsPassing.length > 0
  );
}

/** The NLB's inbound groups (enforcement on) and, as an option, its subnet's inbound NACL. */
function clientFiltersAtNode(ctx: SideContext, path: PathHops): PacketSet {
  const arn = path.waypoints.loadBalancer?.arn;
  const balancer = arn === undefined ? undefined : ctx.network.loadBalancers.get(arn);
  if (balancer === undefined) return PacketSet.all();
  let set = PacketSet.all();
  if (balancer.securityGroupIds.length > 0 && balancer.enforceInboundRulesOnPrivateLink) {
    // The endpoint hands the packet over without the consumer's groups (see clientHopsAtNode).
    set = compileSecurityGroups(ctx.network, balancer.securityGroupIds, 'ingress', 'none');
  }
  const node = balancer.nodes.find((n) => n.eniId === path.waypoints.loadBalancer?.nodeEniId);
  if (ctx.options.nlbSubnetAclOnPrivateLink && node !== undefined) {
    const acl = ctx.network.networkAcls.get(ctx.network.subnets.get(node.subnetId)!.networkAclId)!;
    set = set.intersect(compileNetworkAcl(acl, 'ingress'));
  }
  return set;
}

/** Ports in scope that some listener of the service's NLBs takes for the protocol. */
function listenerPorts(
  ctx: SideContext,
  arns: readonly string[],
  protocol: number,
  ports: PortRange,
): number[] {
  const accepted =
    protocol === 6 ? ['TCP', 'TLS', 'TCP_UDP', 'TCP_QUIC'] : ['UDP', 'TCP_UDP', 'QUIC', 'TCP_QUIC'];
  const found = new Set<number>();
  for (const arn of arns) {
    for (const listener of ctx.network.loadBalancers.get(arn)?.listeners ?? []) {
      const port = listener.port;
      if (
        port !== undefined &&
        port >= ports.from &&
        port <= ports.to &&
        accepted.includes(listener.protocol ?? '')
      )
        found.add(port);
    }
  }
  return [...found].sort((a, b) => a - b);
}

function traceContext(
  ctx: SideContext,
  protocol: number,
  port: number,
  scope: ReachScope,
): TraceContext {
  return {
    network: ctx.network,
    service: { family: 4, protocol, port, sourcePorts: scope.sourcePorts },
    options: ctx.options,
    limitations: ctx.limitations,
    notes: [],
  };
}
