import { type BoxBuffer, boxesOverlap, DIMS, intersectBoxes, STRIDE } from './box.js';
import { StabbingIndex } from './box-stabbing-index.js';

/** Below this many pairs, testing every pair is cheaper than building an index. */
const DIRECT_PAIRS = 1024;

/**
 * Appends the intersection of every overlapping pair of boxes of `a` and `b` to `out`, and
 * returns whether any pair overlaps; with no `out` it stops at the first such pair. Large
 * covers are indexed on the dimension where the boxes differ most: a box of `b` overlaps a
 * box of `a` there exactly when it holds `a`'s lower bound (a stabbing query) or starts
 * inside `a`'s range (a binary search), so each pair is found once and far pairs are never
 * looked at.
 */
export function intersectCovers(a: Float64Array, b: Float64Array, out?: BoxBuffer): boolean {
  if ((a.length / STRIDE) * (b.length / STRIDE) <= DIRECT_PAIRS)
    return intersectDirectly(a, b, out);
  // Only boxes inside the other cover's bounding box can meet it. One side is often narrow on
  // some dimension (a destination's own addresses, a class's members), so this pass usually
  // leaves few boxes, and it costs one comparison per box.
  const aBounds = boundsOf(a);
  const bBounds = boundsOf(b);
  if (!boxesOverlap(aBounds, 0, bBounds, 0)) return false;
  return intersectIndexed(within(a, bBounds), within(b, aBounds), out);
}

function intersectIndexed(a: Float64Array, b: Float64Array, out?: BoxBuffer): boolean {
  if ((a.length / STRIDE) * (b.length / STRIDE) <= DIRECT_PAIRS)
    return intersectDirectly(a, b, out);
  const key = selectiveIndex(a, b);
  const index = new StabbingIndex(sortedLows(a, key));
  const byLow: number[] = [];
  for (let bo = 0; bo < b.length; bo += STRIDE) {
    index.insert(bo, b[bo + key]!, b[bo + key + 1]!);
    byLow.push(bo);
  }
  byLow.sort((x, y) => b[x + key]! - b[y + key]!);
  const lows = Float64Array.from(byLow, (bo) => b[bo + key]!);
  let found = false;
  const meet = (ao: number, bo: number): boolean => {
    if (!boxesOverlap(a, ao, b, bo)) return false;
    found = true;
    if (out === undefined) return true;
    intersectBoxes(a, ao, b, bo, out);
    return false;
  };
  for (let ao = 0; ao < a.length; ao += STRIDE) {
    if (index.some(a[ao + key]!, (bo) => meet(ao, bo))) return true;
    for (
      let k = firstAbove(lows, a[ao + key]!);
      k < lows.length && lows[k]! <= a[ao + key + 1]!;
      k++
    ) {
      if (meet(ao, byLow[k]!)) return true;
    }
  }
  return found;
}

function intersectDirectly(a: Float64Array, b: Float64Array, out?: BoxBuffer): boolean {
  let found = false;
  for (let ao = 0; ao < a.length; ao += STRIDE) {
    for (let bo = 0; bo < b.length; bo += STRIDE) {
      if (!boxesOverlap(a, ao, b, bo)) continue;
      if (out === undefined) return true;
      found = true;
      intersectBoxes(a, ao, b, bo, out);
    }
  }
  return found;
}

/** The lo index of the dimension with the most distinct lower bounds over both covers. */
function selectiveIndex(a: Float64Array, b: Float64Array): number {
  let best = 0;
  let bestCount = 0;
  for (let dim = 0; dim < DIMS; dim++) {
    const count = distinctLows(a, 2 * dim) + distinctLows(b, 2 * dim);
    if (count > bestCount) {
      best = 2 * dim;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The distinct lower bounds of a cover on each dimension, worked out once per cover. The covers
 * come from packet sets, whose arrays are never written after they are made, and the same set
 * meets many others (a destination's admitted set meets every source class of the matrix), so
 * these facts are kept with the array rather than recounted for every pair.
 */
const lowsOf = new WeakMap<Float64Array, (Float64Array | undefined)[]>();

function sortedLows(boxes: Float64Array, key: number): Float64Array {
  let perKey = lowsOf.get(boxes);
  if (perKey === undefined) {
    perKey = [];
    lowsOf.set(boxes, perKey);
  }
  let lows = perKey[key];
  if (lows === undefined) {
    const values = new Set<number>();
    for (let o = 0; o < boxes.length; o += STRIDE) values.add(boxes[o + key]!);
    lows = Float64Array.from(values).sort();
    perKey[key] = lows;
  }
  return lows;
}

function distinctLows(boxes: Float64Array, key: number): number {
  return sortedLows(boxes, key).length;
}

/** Index of the first value > target in an ascending array (length when none). */
function firstAbove(values: Float64Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const boundsCache = new WeakMap<Float64Array, Float64Array>();

/** The smallest box holding every box of a cover (kept with the array, like its lows). */
function boundsOf(boxes: Float64Array): Float64Array {
  let bounds = boundsCache.get(boxes);
  if (bounds === undefined) {
    bounds = new Float64Array(STRIDE);
    for (let d = 0; d < STRIDE; d += 2) {
      bounds[d] = Number.POSITIVE_INFINITY;
      bounds[d + 1] = Number.NEGATIVE_INFINITY;
    }
    for (let o = 0; o < boxes.length; o += STRIDE) {
      for (let d = 0; d < STRIDE; d += 2) {
        if (boxes[o + d]! < bounds[d]!) bounds[d] = boxes[o + d]!;
        if (boxes[o + d + 1]! > bounds[d + 1]!) bounds[d + 1] = boxes[o + d + 1]!;
      }
    }
    boundsCache.set(boxes, bounds);
  }
  return bounds;
}

/** The boxes of a cover that overlap `bounds`: the cover itself when all of them do. */
function within(boxes: Float64Array, bounds: Float64Array): Float64Array {
  const kept: number[] = [];
  for (let o = 0; o < boxes.length; o += STRIDE)
    if (boxesOverlap(boxes, o, bounds, 0)) kept.push(o);
  if (kept.length * STRIDE === boxes.length) return boxes;
  const out = new Float64Array(kept.length * STRIDE);
  kept.forEach((o, i) => {
    out.set(boxes.subarray(o, o + STRIDE), i * STRIDE);
  });
  return out;
}
