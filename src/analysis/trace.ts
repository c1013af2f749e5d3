import { formatIp, type IpAddress, parseIp } from '../net/address.js';
import type { PortRange } from '../net/port-range.js';
import { formatProtocol } from '../net/protocol.js';
import type { Eni, Network } from '../network/types.js';
import {
  addLimitation,
  DEFAULT_MODEL_OPTIONS,
  type Limitation,
  type ModelOptions,
  type TraceContext,
} from '../paths/context.js';
import { directNlbPaths } from '../paths/direct-nlb.js';
import { healthResults, type TargetHealthResult } from '../paths/health.js';
import { gate } from '../paths/hop.js';
import { intraVpcPath } from '../paths/intra-vpc.js';
import type { PathHops, TracePath, Verdict } from '../paths/path.js';
import { privateLinkPaths } from '../paths/privatelink.js';
import { resolveDestination, resolveSource } from '../paths/resolve.js';
import { type BlockedItem, blockedItems, uniqueBlocked } from './blocked.js';
import { judgePath } from './judge.js';
import { resolveService, type TraceQuestion } from './question.js';

export type { TraceQuestion } from './question.js';

/** The answer to one trace: the verdict, every path with its hops, and what decided. */
export interface TraceResult {
  readonly version: 1;
  readonly question: {
    readonly from: string;
    readonly to: string;
    readonly protocol: string;
    readonly port: number | null;
    readonly icmp: { readonly type: number; readonly code: number } | null;
    readonly sourcePorts: PortRange;
    readonly ipVersion: 4 | 6;
  };
  readonly verdict: Verdict;
  readonly summary: string;
  readonly paths: readonly TracePath[];
  readonly blocked: readonly BlockedItem[];
  readonly health: readonly TargetHealthResult[];
  /** True when target health changed which targets receive the flow. */
  readonly healthDecided: boolean;
  readonly limitations: readonly Limitation[];
}

/**
 * Traces a flow from a client to a destination over every way it can go (endpoint ENIs × NLB
 * nodes × targets), both directions: reachable if every path works, unreachable if none does,
 * partially reachable otherwise — the "works sometimes" case.
 */
export function traceFlow(
  network: Network,
  question: TraceQuestion,
  options: Partial<ModelOptions> = {},
): TraceResult {
  const service = resolveService(question);
  const source = resolveSource(network, question.from);
  const destination = resolveDestination(network, question.to);
  const ctx: TraceContext = {
    network,
    service,
    options: { ...DEFAULT_MODEL_OPTIONS, ...options },
    limitations: [],
    notes: [],
    named: namedAddresses(question, source, destination),
  };
  const state = { healthDecided: false };
  let hops: PathHops[];
  if (source.kind === 'vpc-endpoint' || source.kind === 'nlb-node') {
    const code = source.kind === 'vpc-endpoint' ? 'VPCE_INTRA_VPC_TRAFFIC' : 'NO_PATH';
    const detail = `${source.id} belongs to ${source.kind === 'vpc-endpoint' ? 'an interface endpoint' : 'a load balancer'}, which never opens connections of its own`;
    hops = [
      {
        waypoints: {
          source: { eniId: source.id, address: source.ipv4[0] ? formatIp(source.ipv4[0]) : '' },
        },
        forward: [gate('routing', source.id, false, detail, code)],
        return: [],
      },
    ];
  } else if (destination.kind === 'eni') {
    hops = [intraVpcPath(ctx, source, destination.eni)].filter((p) => p !== undefined);
  } else if (destination.kind === 'endpoint-enis') {
    hops = destination.enis.flatMap((eni) => privateLinkPaths(ctx, source, eni, state));
  } else {
    hops = destination.nodes.flatMap((node) =>
      directNlbPaths(ctx, source, destination.loadBalancer, node, state),
    );
  }
  const paths = hops.map((path) => judgePath(path, service.sourcePorts));
  for (const path of paths) noteAssumedAddresses(ctx, path);
  const verdict = overallVerdict(paths);
  const blocked = uniqueBlocked(paths.flatMap((path) => blockedItems(path)));
  const health = healthResults(ctx);
  return {
    version: 1,
    question: {
      from: question.from,
      to: question.to,
      protocol: formatProtocol(service.protocol),
      port:
        service.icmp === undefined && (service.protocol === 6 || service.protocol === 17)
          ? service.port
          : null,
      icmp: service.icmp ?? null,
      sourcePorts: service.sourcePorts,
      ipVersion: service.family,
    },
    verdict,
    summary: summarize(verdict, paths, question),
    paths,
    blocked,
    health,
    healthDecided: state.healthDecided,
    limitations: ctx.limitations,
  };
}

/** The ENIs the question named by one of their addresses, with that address. */
function namedAddresses(
  question: TraceQuestion,
  source: Eni,
  destination: ReturnType<typeof resolveDestination>,
): Map<string, IpAddress> {
  const named = new Map<string, IpAddress>();
  const from = parseIp(question.from);
  if (from.ok) named.set(source.id, from.value);
  const to = parseIp(question.to);
  if (to.ok && destination.kind === 'eni') named.set(destination.eni.id, to.value);
  return named;
}

/** Planned ENIs have no address yet; a verdict that goes through one holds only on that caveat. */
function noteAssumedAddresses(ctx: TraceContext, path: TracePath): void {
  const w = path.waypoints;
  const ids = [
    w.source.eniId,
    w.endpoint?.eniId,
    w.loadBalancer?.nodeEniId,
    w.target?.eniId,
    w.destination?.eniId,
  ];
  for (const id of ids) {
    const eni = id === undefined ? undefined : ctx.network.enis.get(id);
    if (eni === undefined || !eni.addressUnknown) continue;
    addLimitation(ctx, {
      code: 'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT',
      component: eni.id,
      detail: `${eni.id} gets its address when it is deployed; the verdict uses ${formatIp(eni.ipv4[0]!)}, one free address of ${eni.subnetId}, and holds for the deployed address only if the rules treat every address of that subnet alike`,
    });
  }
}

function overallVerdict(paths: readonly TracePath[]): Verdict {
  if (paths.length === 0) return 'unreachable';
  if (paths.every((path) => path.verdict === 'reachable')) return 'reachable';
  if (paths.every((path) => path.verdict === 'unreachable')) return 'unreachable';
  return 'partially-reachable';
}

function summarize(verdict: Verdict, paths: readonly TracePath[], question: TraceQuestion): string {
  const working = paths.filter((path) => path.verdict === 'reachable').length;
  const partial = paths.filter((path) => path.verdict === 'partially-reachable').length;
  const count =
    paths.length === 1 ? 'the only path' : `${working} of ${paths.length} paths work fully`;
  const sometimes = partial > 0 ? `, ${partial} only for some source ports` : '';
  const what = `${question.from} → ${question.to}`;
  if (paths.length === 0) return `${verdict}: ${what} — no path found`;
  return `${verdict}: ${what} — ${paths.length === 1 ? `${count} is ${paths[0]!.verdict}` : count + sometimes}`;
}
