/**
 * Boxes indexed by their range in one dimension, to list those whose range holds a given
 * value: a segment tree over the values that will be asked about, each box stored in the
 * O(log n) nodes that tile its range. A query walks one leaf-to-root path.
 */
export class StabbingIndex {
  readonly #values: Float64Array;
  readonly #size: number;
  readonly #nodes: (number[] | undefined)[];

  /** `values`: every value that will be asked about, sorted ascending, without repeats. */
  constructor(values: Float64Array) {
    this.#values = values;
    let size = 1;
    while (size < values.length) size *= 2;
    this.#size = size;
    this.#nodes = new Array(2 * size);
  }

  /** Stores `id` for the values within [lo, hi]. */
  insert(id: number, lo: number, hi: number): void {
    let left = firstAtLeast(this.#values, lo) + this.#size;
    let right = firstAtLeast(this.#values, hi + 1) + this.#size;
    while (left < right) {
      if (left & 1) this.#add(left++, id);
      if (right & 1) this.#add(--right, id);
      left >>= 1;
      right >>= 1;
    }
  }

  /** True when `test` accepts one of the ids whose range holds `value` (a known value). */
  some(value: number, test: (id: number) => boolean): boolean {
    for (let node = firstAtLeast(this.#values, value) + this.#size; node >= 1; node >>= 1) {
      const ids = this.#nodes[node];
      if (ids?.some(test)) return true;
    }
    return false;
  }

  #add(node: number, id: number): void {
    const ids = this.#nodes[node];
    if (ids === undefined) this.#nodes[node] = [id];
    else ids.push(id);
  }
}

/** Index of the first value >= target (values.length when none). */
function firstAtLeast(values: Float64Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
