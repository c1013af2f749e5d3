import { BoxBuffer, DIM_DESTINATION, DIM_SOURCE, DIMS, STRIDE, WORD_MAX } from './box.js';
import { StabbingIndex } from './box-stabbing-index.js';

/**
 * Rewrites a cover into fewer boxes over the same points: boxes inside another box go, and
 * boxes equal in all dimensions but one, where they touch or overlap, become one box. Repeats
 * until nothing changes. Cost: O(n^2) at worst for the containment pass (near O(n log n) when
 * boxes are scattered), O(n log n) per merge pass.
 */
export function simplifyBoxes(boxes: Float64Array): Float64Array {
  let current = dropCovered(boxes);
  for (;;) {
    let merged = false;
    for (let dim = 0; dim < DIMS; dim++) {
      const next = mergeAlong(current, dim);
      if (next.length !== current.length) merged = true;
      current = next;
    }
    if (!merged) return current;
    current = dropCovered(current);
  }
}

/**
 * Keeps, in order, the boxes no other kept box covers (of equal boxes, the first). Boxes are
 * visited largest first, so a box can only be covered by one already kept. Kept boxes are
 * indexed by their range in the dimension where boxes differ most, so each box is only tested
 * against kept boxes that hold its lower corner there: near O(n log n) for scattered rules.
 */
function dropCovered(boxes: Float64Array): Float64Array {
  const order = selectiveDimensions(boxes);
  const key = order[0]!;
  const lows = new Float64Array(boxes.length / STRIDE);
  const sizes = new Float64Array(boxes.length / STRIDE);
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    lows[offset / STRIDE] = boxes[offset + key]!;
    sizes[offset / STRIDE] = logVolume(boxes, offset);
  }
  const index = new StabbingIndex(Float64Array.from(new Set(lows)).sort());
  const visit = Array.from(sizes.keys()).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const kept: number[] = [];
  for (const box of visit) {
    const inner = box * STRIDE;
    if (index.some(lows[box]!, (outer) => covers(boxes, outer, inner, order))) continue;
    kept.push(inner);
    index.insert(inner, boxes[inner + key]!, boxes[inner + key + 1]!);
  }
  kept.sort((a, b) => a - b);
  const out = new BoxBuffer(kept.length);
  for (const offset of kept) out.copy(boxes, offset);
  return out.take();
}

/** Box at `outer` covers box at `inner`, testing the lo indexes in `order`. */
function covers(boxes: Float64Array, outer: number, inner: number, order: Int32Array): boolean {
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    if (boxes[outer + i]! > boxes[inner + i]! || boxes[outer + i + 1]! < boxes[inner + i + 1]!) {
      return false;
    }
  }
  return true;
}

function logVolume(boxes: Float64Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < STRIDE; i += 2)
    sum += Math.log2(boxes[offset + i + 1]! - boxes[offset + i]! + 1);
  return sum;
}

/** Lo/hi indexes (2d) ordered by how many distinct lower bounds each dimension has. */
function selectiveDimensions(boxes: Float64Array): Int32Array {
  const counts = Array.from({ length: DIMS }, (_, dim) => {
    const values = new Set<number>();
    for (let offset = 0; offset < boxes.length; offset += STRIDE)
      values.add(boxes[offset + 2 * dim]!);
    return { index: 2 * dim, count: values.size };
  });
  counts.sort((a, b) => b.count - a.count || a.index - b.index);
  return Int32Array.from(counts, (c) => c.index);
}

/**
 * An address word may only widen when every less significant word of that address spans
 * 0..2^32-1; otherwise the merged box's addresses would not form one interval.
 */
function mayWiden(boxes: Float64Array, offset: number, dim: number): boolean {
  const first = dim >= DIM_DESTINATION ? DIM_DESTINATION : DIM_SOURCE;
  if (dim < DIM_SOURCE || dim >= first + 4) return true;
  for (let d = dim + 1; d < first + 4; d++) {
    if (boxes[offset + 2 * d] !== 0 || boxes[offset + 2 * d + 1] !== WORD_MAX) return false;
  }
  return true;
}

/**
 * A hash of every number of the box but the two of `dim`, to bring candidate merges together.
 * Kept within 30 bits so V8 stores it as a small integer.
 */
function hashWithout(boxes: Float64Array, offset: number, dim: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < STRIDE; i++) {
    if (i >> 1 === dim) continue;
    const value = boxes[offset + i]!;
    hash = Math.imul(hash ^ (value >>> 0), 0x01000193);
    hash = Math.imul(hash ^ Math.floor(value / 0x100000000), 0x01000193);
  }
  return hash & 0x3fffffff;
}

function sameWithout(a: Float64Array, ao: number, b: Float64Array, bo: number, dim: number) {
  for (let i = 0; i < STRIDE; i++) {
    if (i >> 1 !== dim && a[ao + i] !== b[bo + i]) return false;
  }
  return true;
}

/**
 * Merges runs of boxes that agree everywhere but `dim` and touch or overlap along it: boxes
 * are sorted by a hash of their other dimensions, then by their start along `dim`, and each
 * box joins the open run of its exact class if it touches it. Returns the input itself when
 * nothing merges.
 */
function mergeAlong(boxes: Float64Array, dim: number): Float64Array {
  const lo = 2 * dim;
  const hashes = new Int32Array(boxes.length / STRIDE);
  const order: number[] = [];
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    if (!mayWiden(boxes, offset, dim)) continue;
    hashes[offset / STRIDE] = hashWithout(boxes, offset, dim);
    order.push(offset);
  }
  const hashOf = (offset: number) => hashes[offset / STRIDE]!;
  order.sort((a, b) => hashOf(a) - hashOf(b) || boxes[a + lo]! - boxes[b + lo]!);
  const out = new BoxBuffer(boxes.length / STRIDE);
  let merges = 0;
  // Open runs of the current hash, one per exact class (more than one only on a collision).
  let runs: number[] = [];
  let runHash = -1;
  for (const offset of order) {
    if (hashOf(offset) !== runHash) {
      runs = [];
      runHash = hashOf(offset);
    }
    const at = runs.findIndex((run) => sameWithout(out.data, run, boxes, offset, dim));
    const run = runs[at];
    if (run !== undefined && touches(out.data, run, boxes, offset, dim)) {
      out.data[run + lo + 1] = Math.max(out.data[run + lo + 1]!, boxes[offset + lo + 1]!);
      merges++;
      continue;
    }
    out.copy(boxes, offset);
    if (at >= 0) runs[at] = (out.count - 1) * STRIDE;
    else runs.push((out.count - 1) * STRIDE);
  }
  if (merges === 0) return boxes;
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    if (!mayWiden(boxes, offset, dim)) out.copy(boxes, offset);
  }
  return out.take();
}

/**
 * The box at `offset` starts inside or right after the run along `dim`. Along the protocol
 * dimension, IPv4's protocol 255 and IPv6's protocol 0 are adjacent numbers but never merge:
 * every box stays within one family.
 */
function touches(
  run: Float64Array,
  runOffset: number,
  boxes: Float64Array,
  offset: number,
  dim: number,
) {
  const start = boxes[offset + 2 * dim]!;
  if (start > run[runOffset + 2 * dim + 1]! + 1) return false;
  return dim !== 0 || run[runOffset]! >= 256 === start >= 256;
}
