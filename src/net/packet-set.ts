/**
 * Sets of packets (5-tuples of IPv4 or IPv6), the algebra every analysis shares: a security
 * group or a network ACL compiles to one, a path intersects them, and a report summarises them.
 *
 * Representation. A set is a cover: a union of possibly overlapping axis-aligned boxes over 11
 * integer dimensions, each box an inclusive (lo, hi) pair per dimension, all boxes stored flat
 * in one Float64Array (never an object or a bigint per box or per packet):
 *   0      family-protocol: IP protocol number, plus 256 for IPv6, so IPv4 packets are 0..255,
 *          IPv6 packets 256..511, and no box mixes a v4 and a v6 packet by accident of numbering;
 *   1-4    source address as four 32-bit words (IPv4: words 0-2 are 0, word 3 the address);
 *   5      source port;
 *   6-9    destination address words;
 *   10     destination port; for ICMP (1) and ICMPv6 (58) it holds type * 256 + code.
 * A packet of a protocol without ports has both ports 0, and an ICMP packet source port 0, but
 * every set is full (0..65535) in the dimensions its protocol does not use: a rule on GRE or
 * ICMP never constrains ports, so membership never depends on them and set equality is exact.
 *
 * Address invariant. Every box's four words of an address form a staircase: some leading
 * words fixed to one value, then one word holding a range, then words spanning 0..2^32-1.
 * That is exactly one contiguous address interval, which is what lets a summary turn boxes
 * back into CIDR blocks. It holds because every address set starts as CIDR blocks (or single
 * addresses), which are staircases, and each operation keeps it:
 *   - intersecting two staircases word by word gives a staircase;
 *   - subtraction cuts words most significant first, and cuts word i only where the cutting
 *     box is not full in it, so the cutting box is fixed in the words before i (and so is the
 *     part that moves on), and the box being cut, not a single value at i, is full after i;
 *   - simplify() widens a word only when every later word of that address is full;
 *   - reverse() swaps whole addresses and rewrite() sets single addresses.
 *
 * Cost. With n and m boxes: union is concatenation, O(n + m); intersect tests every pair of
 * small covers, with early rejection on the dimensions where rules differ most, and indexes
 * large ones so far pairs are never looked at (box-intersect.ts), O(n m) at worst; subtract cuts each box
 * only by the boxes that touch it, splitting it k-d-tree style first when many do, about
 * O(m log m) tests per box plus at most 22 pieces per cut (box-subtract.ts); contains is
 * O(n); simplify is O(n^2). Boxes were chosen over BDDs because npm has no usable BDD package,
 * and boxes are exact, simple and match how rules are written (a CIDR and a port range per
 * rule), so typical sets hold few boxes.
 */
import { BoxBuffer, coverHolds, STRIDE } from './box.js';
import { checkBoxes } from './box-check.js';
import { intersectCovers } from './box-intersect.js';
import { simplifyBoxes } from './box-simplify.js';
import { subtractCover } from './box-subtract.js';
import {
  appendPoint,
  appendSpec,
  decodeLowCorner,
  encodePacket,
  type Packet,
  type PacketSpec,
} from './packet.js';
import { type Rewrite, reverseBoxes, rewriteBoxes } from './packet-set-transform.js';

export type { IcmpMatch, Packet, PacketSpec } from './packet.js';
export type { Rewrite } from './packet-set-transform.js';

const point = new Float64Array(STRIDE / 2);

/** An immutable set of IPv4 and IPv6 packets; see the top of this file for the encoding. */
export class PacketSet {
  readonly #boxes: Float64Array;

  private constructor(boxes: Float64Array) {
    this.#boxes = boxes;
  }

  static readonly #empty = new PacketSet(new Float64Array(0));
  static readonly #all = PacketSet.of({});

  /** No packet at all. */
  static empty(): PacketSet {
    return PacketSet.#empty;
  }

  /** Every packet of both families, every protocol, address and port. */
  static all(): PacketSet {
    return PacketSet.#all;
  }

  /** The packets a rule-like spec admits (see PacketSpec for how absent fields read). */
  static of(spec: PacketSpec): PacketSet {
    const out = new BoxBuffer();
    appendSpec(spec, out);
    return new PacketSet(out.take());
  }

  /** Exactly one packet. */
  static point(packet: Packet): PacketSet {
    const out = new BoxBuffer(1);
    appendPoint(packet, out);
    return new PacketSet(out.take());
  }

  /** The union of many sets at once, cheaper than folding union() over them. */
  static unionAll(sets: Iterable<PacketSet>): PacketSet {
    const out = new BoxBuffer();
    for (const set of sets) out.copyAll(set.#boxes);
    return new PacketSet(out.take());
  }

  /**
   * A set from boxes laid out as toBoxArray() gives them, for sets passed between worker
   * threads or cached. The check covers value ranges, families and address intervals; that
   * port dimensions are full for protocols without ports is trusted, as toBoxArray() keeps it.
   */
  static fromBoxArray(boxes: Float64Array): PacketSet {
    checkBoxes(boxes);
    return new PacketSet(boxes.slice());
  }

  /** Boxes in the cover; a measure of cost, not of size. */
  get boxCount(): number {
    return this.#boxes.length / STRIDE;
  }

  /** Packets in either set: the two covers side by side, nothing merged (see simplify()). */
  union(other: PacketSet): PacketSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const out = new Float64Array(this.#boxes.length + other.#boxes.length);
    out.set(this.#boxes);
    out.set(other.#boxes, this.#boxes.length);
    return new PacketSet(out);
  }

  /** Packets in both sets: one box per overlapping pair of boxes. */
  intersect(other: PacketSet): PacketSet {
    const out = new BoxBuffer();
    intersectCovers(this.#boxes, other.#boxes, out);
    return new PacketSet(out.take());
  }

  /** Packets in this set and not in `other`. The pieces are disjoint within each box of this. */
  subtract(other: PacketSet): PacketSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const out = new BoxBuffer(this.boxCount);
    for (let ao = 0; ao < this.#boxes.length; ao += STRIDE) {
      subtractCover(this.#boxes, ao, other.#boxes, out);
    }
    return new PacketSet(out.take());
  }

  /** Every packet not in this set. */
  complement(): PacketSet {
    return PacketSet.all().subtract(this);
  }

  /** Every packet of this set that also fits the spec. */
  restrict(spec: PacketSpec): PacketSet {
    return this.intersect(PacketSet.of(spec));
  }

  /** Never holds an empty box, so a set is empty exactly when it has no boxes. */
  isEmpty(): boolean {
    return this.#boxes.length === 0;
  }

  /** The packet is a member; its unused fields (ports of GRE, say) do not matter. */
  contains(packet: Packet): boolean {
    encodePacket(packet, point);
    return coverHolds(this.#boxes, point);
  }

  /** The two sets share at least one packet; stops at the first overlapping pair. */
  overlaps(other: PacketSet): boolean {
    return intersectCovers(this.#boxes, other.#boxes);
  }

  /** Every packet of this set is in `other`; stops at the first box that is not covered. */
  isSubsetOf(other: PacketSet): boolean {
    for (let ao = 0; ao < this.#boxes.length; ao += STRIDE) {
      if (!subtractCover(this.#boxes, ao, other.#boxes, undefined)) return false;
    }
    return true;
  }

  /** Same packets, however the two covers are cut into boxes. */
  equals(other: PacketSet): boolean {
    if (this === other || sameBoxes(this.#boxes, other.#boxes)) return true;
    return this.isSubsetOf(other) && other.isSubsetOf(this);
  }

  /**
   * One member (the lowest corner of the first box), or undefined for the empty set. Fields a
   * protocol does not use are 0; ICMP packets carry icmpType and icmpCode.
   */
  sample(): Packet | undefined {
    return this.isEmpty() ? undefined : decodeLowCorner(this.#boxes, 0);
  }

  /**
   * The same set in fewer boxes: boxes inside others dropped, neighbours along one dimension
   * merged (see simplifyBoxes). O(n^2) in the boxes, so call it before storing or reporting a
   * set, not after every union in a loop.
   */
  simplify(): PacketSet {
    return this.boxCount < 2 ? this : new PacketSet(simplifyBoxes(this.#boxes));
  }

  /**
   * The replies to these packets: source and destination swapped, addresses and ports (a TCP
   * or UDP reply goes back to the client's port). ICMP keeps its type and code, because the
   * reply's type depends on the message (echo request 8 is answered by echo reply 0), which the
   * caller decides.
   */
  reverse(): PacketSet {
    return new PacketSet(reverseBoxes(this.#boxes));
  }

  /**
   * The packets after an address and port translation, as a Network Load Balancer does: the
   * given fields are replaced in every packet. A destination port only applies to TCP and UDP.
   */
  rewrite(change: Rewrite): PacketSet {
    return new PacketSet(rewriteBoxes(this.#boxes, change));
  }

  /** A copy of the boxes, for summaries and tests: 22 numbers (lo, hi per dimension) each. */
  toBoxArray(): Float64Array {
    return this.#boxes.slice();
  }
}

function sameBoxes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
