import {
  DIM_DESTINATION,
  DIM_DESTINATION_PORT,
  DIM_PROTOCOL,
  DIM_SOURCE,
  DIM_SOURCE_PORT,
  DIMS,
  PORT_MAX,
  STRIDE,
  WORD_MAX,
} from './box.js';

function maxOf(dim: number): number {
  if (dim === DIM_PROTOCOL) return 511;
  return dim === DIM_SOURCE_PORT || dim === DIM_DESTINATION_PORT ? PORT_MAX : WORD_MAX;
}

/** Fixed words, then at most one ranged word, then full words: one address interval. */
function isStaircase(boxes: Float64Array, offset: number, first: number): boolean {
  let ranged = false;
  for (let word = first; word < first + 4; word++) {
    const lo = boxes[offset + 2 * word]!;
    const hi = boxes[offset + 2 * word + 1]!;
    if (ranged && (lo !== 0 || hi !== WORD_MAX)) return false;
    if (lo !== hi) ranged = true;
  }
  return true;
}

function boxProblem(boxes: Float64Array, offset: number): string | undefined {
  for (let dim = 0; dim < DIMS; dim++) {
    const lo = boxes[offset + 2 * dim]!;
    const hi = boxes[offset + 2 * dim + 1]!;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || lo > hi || hi > maxOf(dim)) {
      return `dimension ${dim} holds ${lo}-${hi}`;
    }
  }
  const ipv6 = boxes[offset + 2 * DIM_PROTOCOL]! >= 256;
  if (ipv6 !== boxes[offset + 2 * DIM_PROTOCOL + 1]! >= 256) return 'it mixes IPv4 and IPv6';
  for (const first of [DIM_SOURCE, DIM_DESTINATION]) {
    if (!ipv6 && [0, 1, 2].some((w) => boxes[offset + 2 * (first + w) + 1] !== 0)) {
      return 'an IPv4 address uses the leading words';
    }
    if (!isStaircase(boxes, offset, first)) return 'an address is not one interval';
  }
  return undefined;
}

/** Throws unless every box is non-empty, in range, within one family, with interval addresses. */
export function checkBoxes(boxes: Float64Array): void {
  if (boxes.length % STRIDE !== 0) {
    throw new Error(`internal: ${boxes.length} numbers are not whole boxes of ${STRIDE}`);
  }
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    const problem = boxProblem(boxes, offset);
    if (problem !== undefined) throw new Error(`internal: box ${offset / STRIDE}: ${problem}`);
  }
}
