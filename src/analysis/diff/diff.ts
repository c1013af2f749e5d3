import { UsageError } from '../../errors.js';
import { formatIp, parseIp } from '../../net/address.js';
import { hostCidr } from '../../net/cidr.js';
import { PacketSet } from '../../net/packet-set.js';
import type { PortRange } from '../../net/port-range.js';
import type { Network } from '../../network/types.js';
import type { Limitation, ModelOptions } from '../../paths/context.js';
import { dedupe, describeQuestion, resolveScope, sideContext } from '../reach/reach.js';
import { attributeFlow, candidateSenders, destinationRoles } from './attribute.js';
import { type FailingTrace, traceClosedFlow } from './closed-trace.js';
import { type DestinationReach, reachOfDestinations } from './destination-reach.js';
import { type RawFlow, splitFlows, splitPathFlows } from './flows.js';
import { type ChangeDetail, compareText, diffRules, type RuleChange } from './rule-changes.js';

/** What to compare: every destination, or only some; the protocol and ports in scope. */
export interface DiffQuestion {
  /** Destinations as `reach --to` takes them; every ENI and interface endpoint when absent. */
  readonly to?: readonly string[];
  /** `all` (default), `tcp`, `udp`, or a protocol number without ports. */
  readonly protocol?: string | number;
  /** @default every port */
  readonly ports?: PortRange;
  /** @default 1024-65535 */
  readonly sourcePorts?: PortRange;
}

/** One opened or closed flow to a destination, and the changes that explain it. */
export interface DiffFlow {
  readonly change: 'opened' | 'closed';
  /** `destination-side`: what the destination admits changed; `sender-side`: only the senders. */
  readonly origin: 'destination-side' | 'sender-side';
  readonly protocol: string;
  readonly ports: readonly string[];
  readonly sources: {
    /** Source addresses, the fewest CIDR blocks. */
    readonly cidrs: readonly string[];
    /** ENIs of the snapshots whose own reach changed within this flow. */
    readonly enis: readonly string[];
  };
  /**
   * The destination's addresses the flow concerns, when it is not all of them (one endpoint ENI
   * of several, say); null when it concerns them all.
   */
  readonly toAddresses: readonly string[] | null;
  /**
   * For an endpoint, the provider paths (endpoint ENI → NLB node → target) the flow changed on,
   * when the endpoint as a whole still admits it through others; null when it concerns them all.
   */
  readonly paths: readonly string[] | null;
  /** IDs of entries of `changes` on the flow's path that match it. */
  readonly causes: readonly string[];
  /** ENIs in the flow whose address is not known until deployment. */
  readonly dependsOnUnknownAddress: readonly string[];
  /** For a closed flow: the trace in --after that now fails, or null when none can be run. */
  readonly trace: FailingTrace | null;
}

export interface DiffDestination {
  readonly destination: string;
  readonly kind: 'network-interface' | 'vpc-endpoint';
  /** `both`, or the one snapshot that holds the destination. */
  readonly presence: 'both' | 'before' | 'after';
  readonly addresses: readonly string[];
  readonly flows: readonly DiffFlow[];
}

export interface DiffResult {
  readonly version: 1;
  readonly question: Omit<ReturnType<typeof describeQuestion>, 'to'> & {
    readonly to: readonly string[] | null;
  };
  readonly summary: {
    readonly opened: number;
    readonly closed: number;
    readonly destinations: number;
    readonly changes: number;
  };
  /** Destinations with at least one flow, the widest opening first. */
  readonly destinations: readonly DiffDestination[];
  /** Every configuration difference found, whether or not a flow depends on it. */
  readonly changes: readonly RuleChange[];
  readonly limitations: readonly Limitation[];
}

/**
 * What a change opens and closes: reach is computed exactly (packet sets) for every destination
 * in both snapshots, matched by ID, and opened = admitted after minus before, closed = before
 * minus after — both for the admitted address space and for the snapshot's own ENIs. Each flow
 * names the rule changes on its path that match it; a closed flow carries the trace that fails.
 */
export function diffNetworks(
  before: Network,
  after: Network,
  question: DiffQuestion = {},
  options: Partial<ModelOptions> = {},
): DiffResult {
  const scope = resolveScope({
    protocol: question.protocol ?? 'all',
    ...(question.ports === undefined ? {} : { ports: question.ports }),
    ...(question.sourcePorts === undefined ? {} : { sourcePorts: question.sourcePorts }),
  });
  const ctxBefore = sideContext(before, options);
  const ctxAfter = sideContext(after, options);
  const reachBefore = reachOfDestinations(ctxBefore, scope, question.to);
  const reachAfter = reachOfDestinations(ctxAfter, scope, question.to);
  for (const to of question.to ?? []) {
    if ((reachBefore.get(to)?.sides.length ?? 0) + (reachAfter.get(to)?.sides.length ?? 0) === 0)
      throw new UsageError(
        `--to ${to} matches nothing in either snapshot`,
        'give an ENI, instance, IP, interface endpoint (vpce-…) or endpoint service (vpce-svc-…) of --before or --after',
      );
  }
  const details = diffRules(before, after);
  const unknown = new Set(
    [...before.enis.values(), ...after.enis.values()]
      .filter((e) => e.addressUnknown)
      .map((e) => e.id),
  );
  const destinations: WideDestination[] = [];
  const limitations = [...ctxBefore.limitations, ...ctxAfter.limitations];
  for (const label of [...new Set([...reachBefore.keys(), ...reachAfter.keys()])].sort(
    compareText,
  )) {
    const pair = { before: reachBefore.get(label), after: reachAfter.get(label) };
    const flows = diffDestination({ before, after, pair, details, unknown, options });
    if (flows.length === 0) continue;
    destinations.push(describeDestination(label, pair, flows));
  }
  destinations.sort((a, b) => widest(b) - widest(a) || compareText(a.destination, b.destination));
  return {
    version: 1,
    question: { ...describeQuestion('', scope), to: question.to ?? null },
    summary: summarize(destinations, details.length),
    destinations: destinations.map(({ flows, ...rest }) => ({
      ...rest,
      flows: flows.map(({ width: _, ...flow }) => flow),
    })),
    changes: details.map((d) => d.change),
    limitations: dedupe([...limitations, ...unknownLimits(after, destinations)]),
  };
}

interface DestinationPair {
  readonly before: DestinationReach | undefined;
  readonly after: DestinationReach | undefined;
}

type WideFlow = DiffFlow & { readonly width: number };
type WideDestination = Omit<DiffDestination, 'flows'> & { readonly flows: WideFlow[] };

interface DestinationInput {
  readonly before: Network;
  readonly after: Network;
  readonly pair: DestinationPair;
  readonly details: readonly ChangeDetail[];
  readonly unknown: ReadonlySet<string>;
  readonly options: Partial<ModelOptions>;
}

interface SideSets {
  readonly admitted: PacketSet;
  readonly reached: PacketSet;
  readonly paths: ReadonlyMap<string, PacketSet>;
}

function setsOf(reach: DestinationReach | undefined): SideSets {
  const empty = PacketSet.empty();
  return {
    admitted: reach?.admitted ?? empty,
    reached: reach?.reached ?? empty,
    paths: reach?.paths ?? new Map(),
  };
}

function unchanged(a: SideSets, b: SideSets): boolean {
  if (!sameCover(a.admitted, b.admitted) || !sameCover(a.reached, b.reached)) return false;
  if (a.paths.size !== b.paths.size) return false;
  return [...a.paths].every(([key, set]) => {
    const other = b.paths.get(key);
    return other !== undefined && sameCover(set, other);
  });
}

function diffDestination(input: DestinationInput): WideFlow[] {
  const { pair } = input;
  const a = setsOf(pair.before);
  const b = setsOf(pair.after);
  if (unchanged(a, b)) return [];
  const networks = [input.before, input.after];
  const vpcs = new Set(
    [...(pair.before?.sides ?? []), ...(pair.after?.sides ?? [])].map((s) => s.eni.vpcId),
  );
  const candidates = candidateSenders(networks, vpcs);
  let roles = destinationRoles(input.before, pair.before?.sides ?? []);
  roles = destinationRoles(input.after, pair.after?.sides ?? [], roles);
  const label = (pair.after ?? pair.before)!.label;
  const flowsOf = (x: SideSets, y: SideSets): RawFlow[] => {
    const whole = diffOf(x.admitted, y.admitted);
    const reached = x.reached.simplify();
    return [
      ...splitFlows(whole, diffOf(x.reached, y.reached), candidates),
      ...splitPathFlows(pathPieces(x.paths, y.paths, whole), reached, candidates),
    ];
  };
  const raw = [
    ...flowsOf(b, a).map((f) => [f, 'opened'] as const),
    ...flowsOf(a, b).map((f) => [f, 'closed'] as const),
  ];
  return raw
    .map(([flow, change]) => ({
      change,
      origin: flow.origin,
      protocol: flow.item.protocol,
      ports: flow.item.ports,
      sources: { cidrs: flow.item.cidrs, enis: flow.enis.map((e) => e.id) },
      toAddresses: addressesConcerned(flow, pair),
      paths: flow.paths,
      causes: attributeFlow(networks, flow, roles, input.details),
      dependsOnUnknownAddress: dependsOn(flow, pair, input.unknown),
      trace: change === 'closed' ? traceClosedFlow(input.after, label, flow, input.options) : null,
      width: flow.width,
    }))
    .sort((x, y) => y.width - x.width);
}

/** What each provider path of `x` admits beyond `y`'s same path and beyond `whole`. */
function pathPieces(
  x: ReadonlyMap<string, PacketSet>,
  y: ReadonlyMap<string, PacketSet>,
  whole: PacketSet,
): { key: string; set: PacketSet }[] {
  const pieces: { key: string; set: PacketSet }[] = [];
  for (const [key, set] of x) {
    const other = y.get(key);
    if (other !== undefined && sameCover(set, other)) continue;
    const rest = diffOf(set.subtract(whole), other ?? PacketSet.empty());
    if (!rest.isEmpty()) pieces.push({ key, set: rest });
  }
  return pieces;
}

function addressesConcerned(flow: RawFlow, pair: DestinationPair): string[] | null {
  const all = new Set(
    [...(pair.before?.sides ?? []), ...(pair.after?.sides ?? [])].flatMap((s) =>
      [...s.eni.ipv4, ...s.eni.ipv6].map(formatIp),
    ),
  );
  const hit = [...all].filter((text) =>
    flow.set.overlaps(PacketSet.of({ destinations: [hostCidr(parseIpOrThrow(text))] })),
  );
  return hit.length === all.size ? null : hit.sort(compareText);
}

function parseIpOrThrow(text: string) {
  const parsed = parseIp(text);
  if (!parsed.ok) throw new Error(`internal: ${text} is not an address`);
  return parsed.value;
}

/** The same boxes in the same order: what one computation on unchanged inputs gives twice. */
function sameCover(x: PacketSet, y: PacketSet): boolean {
  if (x.boxCount !== y.boxCount) return false;
  const p = x.toBoxArray();
  const q = y.toBoxArray();
  return p.every((value, i) => value === q[i]);
}

function diffOf(x: PacketSet, y: PacketSet): PacketSet {
  const rest = x.subtract(y);
  return rest.isEmpty() ? rest : rest.simplify();
}

function dependsOn(flow: RawFlow, pair: DestinationPair, unknown: ReadonlySet<string>): string[] {
  const ids = [
    ...[...(pair.before?.sides ?? []), ...(pair.after?.sides ?? [])].map((s) => s.eni.id),
    ...flow.enis.map((e) => e.id),
  ];
  return [...new Set(ids.filter((id) => unknown.has(id)))].sort(compareText);
}

function describeDestination(
  label: string,
  pair: DestinationPair,
  flows: WideFlow[],
): WideDestination {
  const sides = (pair.after ?? pair.before)!.sides;
  const endpoint = sides.some((s) => s.eni.kind === 'vpc-endpoint') && !label.startsWith('eni-');
  const presence =
    pair.before !== undefined && pair.before.sides.length > 0
      ? pair.after !== undefined && pair.after.sides.length > 0
        ? 'both'
        : 'before'
      : 'after';
  const present = presence === 'before' ? pair.before! : (pair.after ?? pair.before)!;
  return {
    destination: label,
    kind: endpoint ? 'vpc-endpoint' : 'network-interface',
    presence,
    addresses: present.sides.flatMap((s) => [...s.eni.ipv4, ...s.eni.ipv6].map(formatIp)),
    flows,
  };
}

function widest(destination: { flows: readonly WideFlow[] }): number {
  return Math.max(0, ...destination.flows.filter((f) => f.change === 'opened').map((f) => f.width));
}

function summarize(destinations: readonly { flows: readonly DiffFlow[] }[], changes: number) {
  const flows = destinations.flatMap((d) => d.flows);
  return {
    opened: flows.filter((f) => f.change === 'opened').length,
    closed: flows.filter((f) => f.change === 'closed').length,
    destinations: destinations.length,
    changes,
  };
}

/**
 * Approximation: a planned ENI stands at the one free address of its subnet the network builder
 * gave it; the flows naming it hold for the subnet's other addresses only if the rules treat
 * them alike.
 */
function unknownLimits(after: Network, destinations: readonly WideDestination[]): Limitation[] {
  const ids = new Set(
    destinations.flatMap((d) => d.flows.flatMap((f) => f.dependsOnUnknownAddress)),
  );
  return [...ids].sort(compareText).map((id) => {
    const eni = after.enis.get(id);
    const where =
      eni === undefined ? '' : ` (${eni.ipv4.map(formatIp).join(', ')} in ${eni.subnetId})`;
    return {
      code: 'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT',
      component: id,
      detail: `${id} gets its address at deployment; the diff uses an assumed one${where}, so the flows naming it hold for the subnet's other addresses only if the rules treat them alike`,
    };
  });
}
