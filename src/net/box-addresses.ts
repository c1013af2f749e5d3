import type { IpFamily } from './address.js';
import { formatCidr, rangeToCidrs } from './cidr.js';

/** The address of a box corner as one integer: `dim` is the first of the address's words. */
export function readAddressBound(boxes: Float64Array, offset: number, dim: number, hi: 0 | 1) {
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 32n) | BigInt(boxes[offset + 2 * (dim + i) + hi]!);
  return value;
}

/**
 * Each box's address words form a staircase (packet-set.ts), so its addresses are the one
 * interval between its low and high corners; merging those intervals gives the exact set.
 */
export function addressCidrs(
  boxes: Float64Array,
  offsets: number[],
  dim: number,
  family: IpFamily,
) {
  const intervals = offsets
    .map((o) => ({
      lo: readAddressBound(boxes, o, dim, 0),
      hi: readAddressBound(boxes, o, dim, 1),
    }))
    .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const cidrs: string[] = [];
  let current = intervals[0];
  for (const next of intervals.slice(1)) {
    if (current !== undefined && next.lo <= current.hi + 1n) {
      if (next.hi > current.hi) current = { lo: current.lo, hi: next.hi };
      continue;
    }
    if (current !== undefined)
      cidrs.push(...rangeToCidrs(family, current.lo, current.hi).map(formatCidr));
    current = next;
  }
  if (current !== undefined)
    cidrs.push(...rangeToCidrs(family, current.lo, current.hi).map(formatCidr));
  return cidrs;
}
