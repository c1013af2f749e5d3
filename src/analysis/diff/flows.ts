import { cidr, familyBits } from '../../net/cidr.js';
import { PacketSet } from '../../net/packet-set.js';
import { type AddressSummary, summarizeSources } from '../../net/packet-set-summary.js';
import { portCount } from '../../net/port-range.js';
import type { Eni } from '../../network/types.js';
import { type AdmittedItem, toItems } from '../reach/reach.js';
import { eniBlocks } from '../reach/sides.js';

/**
 * One stretch of a difference, as a reviewer reads it: these sources, this protocol and these
 * ports, to one destination. `destination-side` flows changed because what the destination side
 * admits changed (they list every address it now admits or refuses, whatever sends it);
 * `sender-side` flows changed only because the sending ENIs' own groups or NACLs did.
 */
export interface RawFlow {
  readonly item: AdmittedItem;
  readonly origin: 'destination-side' | 'sender-side';
  /** The packets of the difference this flow stands for. */
  readonly set: PacketSet;
  /** ENIs of either snapshot whose own reach changed within this flow. */
  readonly enis: readonly Eni[];
  /** Addresses times ports, to put the widest openings first. */
  readonly width: number;
  /** Provider paths the flow concerns when only some of them changed; null for all paths. */
  readonly paths: readonly string[] | null;
}

/**
 * Splits one destination's difference into flows: the admitted-space difference first, one
 * flow per protocol and address list, each naming the ENIs it affects; then whatever ENIs
 * gained or lost beyond it (their own filters changed), one flow per protocol and ports.
 */
export function splitFlows(
  admittedDiff: PacketSet,
  reachedDiff: PacketSet,
  candidates: readonly Eni[],
): RawFlow[] {
  const flows: RawFlow[] = [];
  for (const summary of summarizeSources(admittedDiff)) {
    const set = admittedDiff.intersect(restriction(summary));
    flows.push(
      flowOf(summary, 'destination-side', set, enisIn(reachedDiff.intersect(set), candidates)),
    );
  }
  const rest = reachedDiff.subtract(admittedDiff);
  for (const summary of summarizeSources(rest)) {
    const set = rest.intersect(restriction(summary));
    flows.push(flowOf(summary, 'sender-side', set, enisIn(set, candidates)));
  }
  return flows.sort((a, b) => b.width - a.width);
}

function flowOf(
  summary: AddressSummary,
  origin: RawFlow['origin'],
  set: PacketSet,
  enis: Eni[],
): RawFlow {
  const [item] = toItems([summary]);
  return { item: item!, origin, set, enis, width: widthOf(summary), paths: null };
}

/**
 * Flows that change on some provider paths only (one target, one zone), beyond what the
 * destination as a whole gained or lost: one flow per protocol, ports and addresses, naming the
 * paths, and the ENIs of the snapshot that send such packets.
 */
export function splitPathFlows(
  pieces: readonly { readonly key: string; readonly set: PacketSet }[],
  senders: PacketSet,
  candidates: readonly Eni[],
): RawFlow[] {
  const grouped = new Map<string, { summary: AddressSummary; set: PacketSet; keys: string[] }>();
  for (const piece of pieces) {
    for (const summary of summarizeSources(piece.set)) {
      const id = JSON.stringify(toItems([summary]));
      const known = grouped.get(id);
      const set = piece.set.intersect(restriction(summary));
      if (known === undefined) grouped.set(id, { summary, set, keys: [piece.key] });
      else
        grouped.set(id, { ...known, set: known.set.union(set), keys: [...known.keys, piece.key] });
    }
  }
  return [...grouped.values()].map(({ summary, set, keys }) => ({
    ...flowOf(summary, 'destination-side', set, enisIn(set.intersect(senders), candidates)),
    paths: keys.sort(),
  }));
}

/** The packets a summary line speaks of (a run of protocols is left open; it is intersected). */
export function restriction(summary: AddressSummary): PacketSet {
  const sources = summary.cidrs.map((text) => cidr(text));
  const protocol = typeof summary.protocol === 'object' ? undefined : summary.protocol;
  const base = { family: summary.family, sources, ...(protocol === undefined ? {} : { protocol }) };
  if (summary.kind !== 'ports') return PacketSet.of(base);
  return PacketSet.unionAll(
    summary.ports.map((range) => PacketSet.of({ ...base, destinationPorts: range })),
  );
}

function enisIn(set: PacketSet, candidates: readonly Eni[]): Eni[] {
  if (set.isEmpty()) return [];
  const seen = new Set<string>();
  const found: Eni[] = [];
  for (const eni of candidates) {
    if (seen.has(eni.id)) continue;
    const blocks = eniBlocks(eni);
    if (blocks.length === 0 || !set.overlaps(PacketSet.of({ sources: blocks }))) continue;
    seen.add(eni.id);
    found.push(eni);
  }
  return found;
}

function widthOf(summary: AddressSummary): number {
  const bits = familyBits(summary.family);
  const addresses = summary.cidrs.reduce(
    (sum, text) => sum + 2 ** (bits - cidr(text).prefixLength),
    0,
  );
  const ports =
    summary.kind === 'ports'
      ? summary.ports.reduce((sum, range) => sum + portCount(range), 0)
      : 65536;
  return addresses * ports;
}
