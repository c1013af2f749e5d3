import type { IpFamily } from './address.js';
import { DIM_DESTINATION, DIM_DESTINATION_PORT, DIM_PROTOCOL, DIM_SOURCE, STRIDE } from './box.js';
import { addressCidrs } from './box-addresses.js';
import { protocolKind } from './packet.js';
import type { PacketSet } from './packet-set.js';
import { formatPortRange, type PortRange } from './port-range.js';
import { formatProtocol, type Protocol } from './protocol.js';

/** An inclusive range of small integers (protocol numbers, ICMP types or codes). */
export interface NumberRange {
  readonly from: number;
  readonly to: number;
}

/** ICMP messages: every type in `types`, each with every code in `codes`. */
export interface IcmpRange {
  readonly types: NumberRange;
  readonly codes: NumberRange;
}

/** One protocol number, every protocol (`'all'`, 0-255), or a run of protocol numbers. */
export type ProtocolLabel = Protocol | NumberRange;

interface SummaryBase {
  readonly family: IpFamily;
  readonly protocol: ProtocolLabel;
  /** The fewest CIDR blocks covering exactly the admitted addresses, in address order. */
  readonly cidrs: readonly string[];
}

/**
 * One line of a summary: which addresses a set admits for some protocols and ports. TCP and
 * UDP list destination ports, ICMP lists types and codes, and every other protocol (or a run
 * of protocols) admits all of them (`any`).
 */
export type AddressSummary = SummaryBase &
  (
    | { readonly kind: 'ports'; readonly ports: readonly PortRange[] }
    | { readonly kind: 'icmp'; readonly icmp: readonly IcmpRange[] }
    | { readonly kind: 'any' }
  );

/** Which source addresses may send each protocol and destination port (source ports ignored). */
export function summarizeSources(set: PacketSet): AddressSummary[] {
  return summarizeAddresses(set.toBoxArray(), DIM_SOURCE);
}

/** Which destination addresses each protocol and destination port may reach. */
export function summarizeDestinations(set: PacketSet): AddressSummary[] {
  return summarizeAddresses(set.toBoxArray(), DIM_DESTINATION);
}

interface Cell {
  readonly from: number;
  readonly to: number;
  readonly cidrs: readonly string[];
  readonly key: string;
}

interface ProtocolRun {
  from: number;
  to: number;
  readonly cells: readonly Cell[];
  readonly key: string;
}

function summarizeAddresses(boxes: Float64Array, addressDim: number): AddressSummary[] {
  const runs: ProtocolRun[] = [];
  for (const atom of atoms(boxes, DIM_PROTOCOL, [0, 256])) {
    const covering = coveringBoxes(boxes, allOffsets(boxes), DIM_PROTOCOL, atom);
    if (covering.length === 0) continue;
    const family: IpFamily = atom.from >= 256 ? 6 : 4;
    const cells = portCells(boxes, covering, addressDim, family);
    const key = cells.map((cell) => `${cell.from}-${cell.to}:${cell.key}`).join(';');
    const last = runs[runs.length - 1];
    if (last?.key === key && last.to + 1 === atom.from && atom.from !== 256) last.to = atom.to;
    else runs.push({ from: atom.from, to: atom.to, cells, key });
  }
  return runs.flatMap(describeRun);
}

function allOffsets(boxes: Float64Array): number[] {
  return Array.from({ length: boxes.length / STRIDE }, (_, i) => i * STRIDE);
}

/** The elementary intervals of one dimension cut at every box edge (plus `extraCuts`). */
function atoms(boxes: Float64Array, dim: number, extraCuts: number[], offsets?: number[]) {
  const cuts = new Set(extraCuts);
  for (const offset of offsets ?? allOffsets(boxes)) {
    cuts.add(boxes[offset + 2 * dim]!);
    cuts.add(boxes[offset + 2 * dim + 1]! + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const result: NumberRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i++)
    result.push({ from: sorted[i]!, to: sorted[i + 1]! - 1 });
  return result;
}

function coveringBoxes(boxes: Float64Array, offsets: number[], dim: number, atom: NumberRange) {
  return offsets.filter(
    (o) => boxes[o + 2 * dim]! <= atom.from && boxes[o + 2 * dim + 1]! >= atom.to,
  );
}

/** Destination-port cells of one protocol, adjacent cells with equal addresses merged. */
function portCells(boxes: Float64Array, covering: number[], addressDim: number, family: IpFamily) {
  const cells: Cell[] = [];
  for (const atom of atoms(boxes, DIM_DESTINATION_PORT, [], covering)) {
    const inside = coveringBoxes(boxes, covering, DIM_DESTINATION_PORT, atom);
    if (inside.length === 0) continue;
    const cidrs = addressCidrs(boxes, inside, addressDim, family);
    const key = cidrs.join(',');
    const last = cells[cells.length - 1];
    if (last?.key === key && last.to + 1 === atom.from)
      cells[cells.length - 1] = { ...last, to: atom.to };
    else cells.push({ from: atom.from, to: atom.to, cidrs, key });
  }
  return cells;
}

function protocolLabel(run: NumberRange): ProtocolLabel {
  const base = run.from >= 256 ? 256 : 0;
  if (run.from === run.to) return run.from - base;
  if (run.from === base && run.to === base + 255) return 'all';
  return { from: run.from - base, to: run.to - base };
}

/** One summary per distinct address list of the run, listing every port range that has it. */
function describeRun(run: ProtocolRun): AddressSummary[] {
  const family: IpFamily = run.from >= 256 ? 6 : 4;
  const protocol = protocolLabel(run);
  const byCidrs = new Map<string, Cell[]>();
  for (const cell of run.cells) byCidrs.set(cell.key, [...(byCidrs.get(cell.key) ?? []), cell]);
  return [...byCidrs.values()].map((cells) => {
    const base = { family, protocol, cidrs: cells[0]!.cidrs };
    const kind = typeof protocol === 'number' ? protocolKind(protocol) : 'none';
    if (kind === 'ports')
      return { ...base, kind, ports: cells.map(({ from, to }) => ({ from, to })) };
    if (kind === 'icmp') return { ...base, kind, icmp: cells.flatMap(toIcmpRanges) };
    return { ...base, kind: 'any' };
  });
}

/**
 * Splits a run of encoded ICMP values (type * 256 + code) into whole types and partial types,
 * the way a report names them: `type 3 codes 1-255`, `types 4-7`.
 */
export function toIcmpRanges(range: NumberRange): IcmpRange[] {
  let firstType = range.from >>> 8;
  let lastType = range.to >>> 8;
  const firstCode = range.from & 255;
  const lastCode = range.to & 255;
  if (firstType === lastType) {
    return [
      { types: { from: firstType, to: firstType }, codes: { from: firstCode, to: lastCode } },
    ];
  }
  const head: IcmpRange[] = [];
  const tail: IcmpRange[] = [];
  if (firstCode !== 0) {
    head.push({ types: { from: firstType, to: firstType }, codes: { from: firstCode, to: 255 } });
    firstType++;
  }
  if (lastCode !== 255) {
    tail.push({ types: { from: lastType, to: lastType }, codes: { from: 0, to: lastCode } });
    lastType--;
  }
  const whole: IcmpRange[] =
    firstType <= lastType
      ? [{ types: { from: firstType, to: lastType }, codes: { from: 0, to: 255 } }]
      : [];
  return [...head, ...whole, ...tail];
}

/** `tcp`, `gre (47)`, `all`, or `protocols 7-16`. */
export function formatProtocolLabel(label: ProtocolLabel): string {
  return typeof label === 'object' ? `protocols ${label.from}-${label.to}` : formatProtocol(label);
}

function formatNumberRange(range: NumberRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

/** `type 8`, `type 3 code 4`, `type 3 codes 1-255`, `types 0-7`, or `all types`. */
export function formatIcmpRange(range: IcmpRange): string {
  const { types, codes } = range;
  if (types.from === 0 && types.to === 255 && codes.from === 0 && codes.to === 255) {
    return 'all types';
  }
  const typeText = `${types.from === types.to ? 'type' : 'types'} ${formatNumberRange(types)}`;
  if (codes.from === 0 && codes.to === 255) return typeText;
  return `${typeText} ${codes.from === codes.to ? 'code' : 'codes'} ${formatNumberRange(codes)}`;
}

/** What an item admits besides addresses: `22, 443`, `type 8`, or `all ports`. */
export function formatSummaryService(item: AddressSummary): string {
  if (item.kind === 'ports') return item.ports.map(formatPortRange).join(', ');
  if (item.kind === 'icmp') return item.icmp.map(formatIcmpRange).join(', ');
  return 'all ports';
}
