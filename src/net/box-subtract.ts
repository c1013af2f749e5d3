import {
  BoxBuffer,
  boxCovers,
  boxesOverlap,
  DIM_DESTINATION,
  DIM_DESTINATION_PORT,
  DIM_PROTOCOL,
  DIM_SOURCE,
  DIM_SOURCE_PORT,
  STRIDE,
  subtractBox,
} from './box.js';

/** Below this many touching cover boxes, cutting one by one beats splitting the space. */
const LEAF_SIZE = 16;

/**
 * Appends `box \ (union of cover)` to `out`, as disjoint pieces, and returns true when nothing
 * of the box survives. With no `out` only that answer is wanted (subset tests): the first
 * surviving piece ends the work.
 *
 * Cutting a box by m small cover boxes one after the other costs O(m^2) overlap tests, since
 * every cut scans every piece so far. So while many cover boxes touch the box, it is first
 * split in two at the median of their edges in the dimension where they have most edges,
 * like a k-d tree, and each half only meets the cover boxes that reach into it: about
 * O(m log m) tests for scattered rules (a security group of 1,000 host routes).
 */
export function subtractCover(
  box: Float64Array,
  boxOffset: number,
  cover: Float64Array,
  out: BoxBuffer | undefined,
): boolean {
  const candidates: number[] = [];
  for (let bo = 0; bo < cover.length; bo += STRIDE) {
    if (boxesOverlap(box, boxOffset, cover, bo)) candidates.push(bo);
  }
  return subtractFrom(box.slice(boxOffset, boxOffset + STRIDE), candidates, cover, out);
}

function subtractFrom(
  box: Float64Array,
  candidates: number[],
  cover: Float64Array,
  out: BoxBuffer | undefined,
): boolean {
  if (candidates.length === 0) {
    out?.copy(box, 0);
    return false;
  }
  if (candidates.some((c) => boxCovers(cover, c, box, 0))) return true;
  const split = candidates.length > LEAF_SIZE ? chooseSplit(box, candidates, cover) : undefined;
  if (split === undefined) return cutSequentially(box, candidates, cover, out);
  const { index, value } = split;
  const low = box.slice();
  low[index + 1] = value - 1;
  const high = box.slice();
  high[index] = value;
  const lowGone = subtractFrom(
    low,
    candidates.filter((c) => cover[c + index]! < value),
    cover,
    out,
  );
  if (!lowGone && out === undefined) return false;
  const highCandidates = candidates.filter((c) => cover[c + index + 1]! >= value);
  return subtractFrom(high, highCandidates, cover, out) && lowGone;
}

/**
 * The lo indexes a box may be split along. An address is split only in its first word that
 * holds a range: the words before it are fixed and the words after it full, so both halves
 * stay staircases (one address interval each; see packet-set.ts).
 */
function splittable(box: Float64Array): number[] {
  const indexes = [2 * DIM_PROTOCOL, 2 * DIM_SOURCE_PORT, 2 * DIM_DESTINATION_PORT];
  for (const first of [DIM_SOURCE, DIM_DESTINATION]) {
    for (let word = first; word < first + 4; word++) {
      if (box[2 * word] === box[2 * word + 1]) continue;
      indexes.push(2 * word);
      break;
    }
  }
  return indexes;
}

/** The median cover edge strictly inside the box, in the dimension with the most such edges. */
function chooseSplit(box: Float64Array, candidates: number[], cover: Float64Array) {
  let best: { index: number; edges: number[] } | undefined;
  for (const index of splittable(box)) {
    const edges: number[] = [];
    for (const c of candidates) {
      if (cover[c + index]! > box[index]!) edges.push(cover[c + index]!);
      if (cover[c + index + 1]! < box[index + 1]!) edges.push(cover[c + index + 1]! + 1);
    }
    if (edges.length > (best?.edges.length ?? 0)) best = { index, edges };
  }
  if (best === undefined) return undefined;
  best.edges.sort((a, b) => a - b);
  return { index: best.index, value: best.edges[best.edges.length >> 1]! };
}

const pieces = new BoxBuffer(16);
const fragments = new BoxBuffer(16);

/** Cuts the box by each candidate in turn; the pieces so far live in a shared buffer. */
function cutSequentially(
  box: Float64Array,
  candidates: number[],
  cover: Float64Array,
  out: BoxBuffer | undefined,
): boolean {
  pieces.clear();
  pieces.copy(box, 0);
  for (let k = 0; k < candidates.length && pieces.count > 0; k++) cutPieces(cover, candidates[k]!);
  if (pieces.count === 0) return true;
  out?.copyAll(pieces.data.subarray(0, pieces.count * STRIDE));
  return false;
}

/**
 * Replaces every piece the cut touches by its fragments outside the cut. A touched piece's
 * slot is refilled with the last unexamined piece; fragments are added after the scan, as
 * they are already disjoint from the cut.
 */
function cutPieces(cut: Float64Array, cutOffset: number): void {
  fragments.clear();
  let end = pieces.count * STRIDE;
  let offset = 0;
  while (offset < end) {
    const data = pieces.data;
    if (!boxesOverlap(data, offset, cut, cutOffset)) {
      offset += STRIDE;
      continue;
    }
    if (!boxCovers(cut, cutOffset, data, offset))
      subtractBox(data, offset, cut, cutOffset, fragments);
    end -= STRIDE;
    data.copyWithin(offset, end, end + STRIDE);
  }
  pieces.count = end / STRIDE;
  for (let f = 0; f < fragments.count * STRIDE; f += STRIDE) pieces.copy(fragments.data, f);
}
