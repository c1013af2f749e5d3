/**
 * Axis-aligned boxes over the eleven packet dimensions, stored flat in a Float64Array as
 * (lo, hi) pairs, both inclusive. These are the primitives of the packet-set algebra; they work
 * on offsets into shared arrays so the hot loops allocate nothing per box.
 *
 * Dimension order (see packet-set.ts for what each holds): family-protocol, source words 0-3,
 * source port, destination words 0-3, destination port.
 */

/** Family-protocol: the IP protocol number, plus 256 for IPv6. */
export const DIM_PROTOCOL = 0;
/** First of the four source-address words. */
export const DIM_SOURCE = 1;
/** Source port (TCP and UDP; full for other protocols). */
export const DIM_SOURCE_PORT = 5;
/** First of the four destination-address words. */
export const DIM_DESTINATION = 6;
/** Destination port, or type * 256 + code for ICMP. */
export const DIM_DESTINATION_PORT = 10;
/** Dimensions per box. */
export const DIMS = 11;
/** Numbers per box: a lo and a hi for every dimension. */
export const STRIDE = 22;
/** Largest value of an address word. */
export const WORD_MAX = 0xffffffff;
/** Largest port, and largest ICMP type * 256 + code. */
export const PORT_MAX = 65535;

/** A growable list of boxes; doubling keeps appends amortised O(1). */
export class BoxBuffer {
  data: Float64Array;
  count = 0;

  constructor(capacity = 4) {
    this.data = new Float64Array(Math.max(1, capacity) * STRIDE);
  }

  /** Reserves room for one more box and returns its offset; the caller fills all 22 numbers. */
  allocate(): number {
    const offset = this.count * STRIDE;
    if (offset + STRIDE > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.count++;
    return offset;
  }

  /** Appends a copy of the box at `offset` in `source`. */
  copy(source: Float64Array, offset: number): void {
    const target = this.allocate();
    const data = this.data;
    for (let i = 0; i < STRIDE; i++) data[target + i] = source[offset + i]!;
  }

  /** Appends every box of `source` (a whole array of boxes). */
  copyAll(source: Float64Array): void {
    const boxes = source.length / STRIDE;
    if ((this.count + boxes) * STRIDE > this.data.length) {
      const size = Math.max(this.data.length * 2, (this.count + boxes) * STRIDE);
      const grown = new Float64Array(size);
      grown.set(this.data.subarray(0, this.count * STRIDE));
      this.data = grown;
    }
    this.data.set(source, this.count * STRIDE);
    this.count += boxes;
  }

  clear(): void {
    this.count = 0;
  }

  /** The boxes as an exactly sized array the buffer no longer writes to. */
  take(): Float64Array {
    return this.data.slice(0, this.count * STRIDE);
  }
}

/**
 * Lo indexes in the order overlap tests visit them: the last word of each address and the
 * destination port first, because that is where rules most often differ (host routes, /24s,
 * single ports), then the protocol; the leading address words, equal in most boxes, come last.
 */
const TEST_ORDER = [8, 18, 20, 0, 10, 6, 16, 4, 14, 2, 12];

/** The two boxes share at least one point. */
export function boxesOverlap(a: Float64Array, ao: number, b: Float64Array, bo: number): boolean {
  for (let k = 0; k < TEST_ORDER.length; k++) {
    const i = TEST_ORDER[k]!;
    if (a[ao + i]! > b[bo + i + 1]! || b[bo + i]! > a[ao + i + 1]!) return false;
  }
  return true;
}

/** Some box of `boxes` holds `point` (one coordinate per dimension). */
export function coverHolds(boxes: Float64Array, point: Float64Array): boolean {
  for (let offset = 0; offset < boxes.length; offset += STRIDE) {
    let k = 0;
    for (; k < TEST_ORDER.length; k++) {
      const i = TEST_ORDER[k]!;
      const value = point[i >> 1]!;
      if (value < boxes[offset + i]! || value > boxes[offset + i + 1]!) break;
    }
    if (k === TEST_ORDER.length) return true;
  }
  return false;
}

/** Box `a` covers every point of box `b`. */
export function boxCovers(a: Float64Array, ao: number, b: Float64Array, bo: number): boolean {
  for (let i = 0; i < STRIDE; i += 2) {
    if (a[ao + i]! > b[bo + i]! || a[ao + i + 1]! < b[bo + i + 1]!) return false;
  }
  return true;
}

/** Appends the intersection of two boxes known to overlap. */
export function intersectBoxes(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  out: BoxBuffer,
): void {
  const offset = out.allocate();
  const data = out.data;
  for (let i = 0; i < STRIDE; i += 2) {
    data[offset + i] = Math.max(a[ao + i]!, b[bo + i]!);
    data[offset + i + 1] = Math.min(a[ao + i + 1]!, b[bo + i + 1]!);
  }
}

const remainder = new Float64Array(STRIDE);

/**
 * Appends `a \ b` for boxes known to overlap, as at most two disjoint pieces per dimension:
 * going through the dimensions in order, the part of `a` below and above `b` in that dimension
 * (already narrowed to `b` in the earlier dimensions) is cut off, and what is left inside `b`
 * moves on. Dimensions are visited in storage order, so the address words are cut most
 * significant first, which is what keeps every piece's address an interval (packet-set.ts).
 */
export function subtractBox(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  out: BoxBuffer,
): void {
  for (let i = 0; i < STRIDE; i++) remainder[i] = a[ao + i]!;
  for (let i = 0; i < STRIDE; i += 2) {
    const lo = remainder[i]!;
    const hi = remainder[i + 1]!;
    const cutLo = b[bo + i]!;
    const cutHi = b[bo + i + 1]!;
    if (lo < cutLo) pushVariant(out, i, lo, cutLo - 1);
    if (hi > cutHi) pushVariant(out, i, cutHi + 1, hi);
    remainder[i] = Math.max(lo, cutLo);
    remainder[i + 1] = Math.min(hi, cutHi);
  }
}

function pushVariant(out: BoxBuffer, index: number, lo: number, hi: number): void {
  const offset = out.allocate();
  for (let i = 0; i < STRIDE; i++) out.data[offset + i] = remainder[i]!;
  out.data[offset + index] = lo;
  out.data[offset + index + 1] = hi;
}
