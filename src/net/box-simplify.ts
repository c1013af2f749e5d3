import { BoxBuffer, DIM_DESTINATION, DIM_SOURCE, DIMS, STRIDE, WORD_MAX } from './box.js';

/**
 * Rewrites a cover into fewer boxes over the same points: boxes inside another box go, and
 * boxes equal in all dimensions but one, where they touch or overlap, become one box. Repeats
 * until nothing changes. Cost: O(n^2) for the containment pass, O(n log n) per merge pass.
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
 * visited largest first, so a box can only be covered by one already kept, and the covering
 * test looks first at the dimensions where boxes differ most, where it fails fastest.
 */
function dropCovered(boxes: Float64Array): Float64Array {
  const order = selectiveDimensions(boxes);
  const sizes = new Map<number, number>();
  const offsets: number[] = [];
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    offsets.push(offset);
    sizes.set(offset, logVolume(boxes, offset));
  }
  offsets.sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  const kept = new Int32Array(offsets.length);
  let keptCount = 0;
  for (const offset of offsets) {
    if (!coveredByAny(boxes, kept, keptCount, offset, order)) kept[keptCount++] = offset;
  }
  const survivors = kept.subarray(0, keptCount).sort();
  const out = new BoxBuffer(keptCount);
  for (const offset of survivors) out.copy(boxes, offset);
  return out.take();
}

function coveredByAny(
  boxes: Float64Array,
  kept: Int32Array,
  keptCount: number,
  inner: number,
  order: Int32Array,
): boolean {
  for (let k = 0; k < keptCount; k++) {
    const outer = kept[k]!;
    let covers = true;
    for (let j = 0; j < order.length && covers; j++) {
      const i = order[j]!;
      covers =
        boxes[outer + i]! <= boxes[inner + i]! && boxes[outer + i + 1]! >= boxes[inner + i + 1]!;
    }
    if (covers) return true;
  }
  return false;
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

function keyWithout(boxes: Float64Array, offset: number, dim: number): string {
  const parts: number[] = [];
  for (let i = 0; i < STRIDE; i++) if (i >> 1 !== dim) parts.push(boxes[offset + i]!);
  return parts.join(',');
}

/** Merges runs of boxes that agree everywhere but `dim` and touch or overlap along it. */
function mergeAlong(boxes: Float64Array, dim: number): Float64Array {
  const groups = new Map<string, number[]>();
  const out = new BoxBuffer(boxes.length / STRIDE);
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    if (!mayWiden(boxes, offset, dim)) {
      out.copy(boxes, offset);
      continue;
    }
    const key = keyWithout(boxes, offset, dim);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [offset]);
    else group.push(offset);
  }
  for (const group of groups.values()) appendMergedRuns(boxes, group, dim, out);
  return out.take();
}

function appendMergedRuns(boxes: Float64Array, group: number[], dim: number, out: BoxBuffer) {
  const lo = 2 * dim;
  group.sort((a, b) => boxes[a + lo]! - boxes[b + lo]!);
  let runStart = -1;
  for (const offset of group) {
    if (runStart >= 0 && touches(out.data, runStart, boxes, offset, dim)) {
      out.data[runStart + lo + 1] = Math.max(out.data[runStart + lo + 1]!, boxes[offset + lo + 1]!);
      continue;
    }
    out.copy(boxes, offset);
    runStart = (out.count - 1) * STRIDE;
  }
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
