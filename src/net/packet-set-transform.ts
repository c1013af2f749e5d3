import type { IpAddress, IpFamily } from './address.js';
import {
  BoxBuffer,
  DIM_DESTINATION,
  DIM_DESTINATION_PORT,
  DIM_PROTOCOL,
  DIM_SOURCE,
  DIM_SOURCE_PORT,
  STRIDE,
} from './box.js';
import { type ProtocolKind, protocolKind } from './packet.js';

/** Fields a translation replaces in every packet; absent fields stay as they were. */
export interface Rewrite {
  readonly source?: IpAddress;
  readonly destination?: IpAddress;
  /** Applies to TCP and UDP only; other protocols have no ports to rewrite. */
  readonly sourcePort?: number;
  /** Applies to TCP and UDP only. */
  readonly destinationPort?: number;
}

interface KindRun {
  readonly lo: number;
  readonly hi: number;
  readonly kind: ProtocolKind;
}

/** Dimension-0 values grouped into runs of one protocol kind, for both families. */
const KIND_RUNS: readonly KindRun[] = (() => {
  const runs: KindRun[] = [];
  let start = 0;
  for (let code = 1; code <= 512; code++) {
    const kindAt = (c: number) => protocolKind(c % 256);
    if (code < 512 && code % 256 !== 0 && kindAt(code) === kindAt(start)) continue;
    runs.push({ lo: start, hi: code - 1, kind: kindAt(start) });
    start = code;
  }
  return runs;
})();

interface Piece {
  readonly lo: number;
  readonly hi: number;
  /** The piece holds protocols of the kind the caller singled out. */
  readonly marked: boolean;
}

/**
 * Calls `visit` for each maximal piece of [lo, hi] whose protocols are all of `kind` or all
 * of other kinds, so a box is cut only where the transformation differs.
 */
function forEachPiece(
  lo: number,
  hi: number,
  kind: ProtocolKind | undefined,
  visit: (piece: Piece) => void,
) {
  let current: { lo: number; hi: number; marked: boolean } | undefined;
  for (const run of KIND_RUNS) {
    if (run.hi < lo || run.lo > hi) continue;
    const piece = { lo: Math.max(lo, run.lo), hi: Math.min(hi, run.hi), marked: run.kind === kind };
    // A piece never spans the IPv4/IPv6 boundary, so callers may read the family from lo.
    if (current !== undefined && current.marked === piece.marked && piece.lo !== 256) {
      current.hi = piece.hi;
      continue;
    }
    if (current !== undefined) visit(current);
    current = piece;
  }
  if (current !== undefined) visit(current);
}

function copyPiece(boxes: Float64Array, offset: number, piece: Piece, out: BoxBuffer): number {
  const target = out.allocate();
  out.data.set(boxes.subarray(offset, offset + STRIDE), target);
  out.data[target + 2 * DIM_PROTOCOL] = piece.lo;
  out.data[target + 2 * DIM_PROTOCOL + 1] = piece.hi;
  return target;
}

/** Copies the (lo, hi) pairs of `count` dimensions from `from` in a box to `to` in another. */
function moveDims(
  boxes: Float64Array,
  offset: number,
  from: number,
  data: Float64Array,
  target: number,
  to: number,
  count: number,
) {
  data.set(boxes.subarray(offset + 2 * from, offset + 2 * (from + count)), target + 2 * to);
}

/**
 * Swaps source and destination in every box. Ports swap too except for ICMP, whose
 * destination-port dimension is the type and code; sets are full in the ports of protocols
 * without ports, so swapping those changes nothing.
 */
export function reverseBoxes(boxes: Float64Array): Float64Array {
  const out = new BoxBuffer(boxes.length / STRIDE);
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    const lo = boxes[offset + 2 * DIM_PROTOCOL]!;
    const hi = boxes[offset + 2 * DIM_PROTOCOL + 1]!;
    forEachPiece(lo, hi, 'icmp', (piece) => {
      const target = copyPiece(boxes, offset, piece, out);
      moveDims(boxes, offset, DIM_DESTINATION, out.data, target, DIM_SOURCE, 4);
      moveDims(boxes, offset, DIM_SOURCE, out.data, target, DIM_DESTINATION, 4);
      if (piece.marked) return;
      moveDims(boxes, offset, DIM_DESTINATION_PORT, out.data, target, DIM_SOURCE_PORT, 1);
      moveDims(boxes, offset, DIM_SOURCE_PORT, out.data, target, DIM_DESTINATION_PORT, 1);
    });
  }
  return out.take();
}

function rewriteFamily(change: Rewrite): IpFamily | undefined {
  const source = change.source?.family;
  const destination = change.destination?.family;
  if (source !== undefined && destination !== undefined && source !== destination) {
    throw new Error(
      'internal: a rewrite cannot give the source and destination different families',
    );
  }
  return source ?? destination;
}

function setValue(data: Float64Array, target: number, dim: number, value: number): void {
  data[target + 2 * dim] = value;
  data[target + 2 * dim + 1] = value;
}

function setAddress(data: Float64Array, target: number, first: number, address: IpAddress) {
  for (let i = 0; i < 4; i++) setValue(data, target, first + i, address.words[i]!);
}

/**
 * The image of every box under the rewrite. Not modelled: translation between families; when
 * the rewrite names an address, packets of the other family are left out of the result.
 */
export function rewriteBoxes(boxes: Float64Array, change: Rewrite): Float64Array {
  const family = rewriteFamily(change);
  // Without a port to replace, boxes need no cutting by protocol kind.
  const changesPorts = change.sourcePort !== undefined || change.destinationPort !== undefined;
  const portKind = changesPorts ? 'ports' : undefined;
  const out = new BoxBuffer(boxes.length / STRIDE);
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    const lo = boxes[offset + 2 * DIM_PROTOCOL]!;
    if (family !== undefined && (lo >= 256 ? 6 : 4) !== family) continue;
    const hi = boxes[offset + 2 * DIM_PROTOCOL + 1]!;
    forEachPiece(lo, hi, portKind, (piece) => {
      const target = copyPiece(boxes, offset, piece, out);
      const data = out.data;
      if (change.source) setAddress(data, target, DIM_SOURCE, change.source);
      if (change.destination) setAddress(data, target, DIM_DESTINATION, change.destination);
      if (!piece.marked) return;
      if (change.sourcePort !== undefined)
        setValue(data, target, DIM_SOURCE_PORT, change.sourcePort);
      if (change.destinationPort !== undefined) {
        setValue(data, target, DIM_DESTINATION_PORT, change.destinationPort);
      }
    });
  }
  return out.take();
}
