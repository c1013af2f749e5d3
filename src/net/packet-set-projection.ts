import type { IpFamily } from './address.js';
import { DIM_DESTINATION, DIM_DESTINATION_PORT, DIM_PROTOCOL, DIM_SOURCE, STRIDE } from './box.js';
import { addressCidrs } from './box-addresses.js';
import { familyBase } from './packet.js';
import type { PacketSet } from './packet-set.js';
import { type IcmpRange, toIcmpRanges } from './packet-set-summary.js';
import { mergePortRanges, type PortRange } from './port-range.js';

/**
 * The destination ports some packet of `protocol` may use, from some address to some address,
 * merged and sorted (for ICMP, the type * 256 + code values; see icmpRangesOf). Both families
 * unless `family` is given. Restrict the set first to ask about particular addresses.
 */
export function destinationPortsOf(
  set: PacketSet,
  protocol: number,
  family?: IpFamily,
): PortRange[] {
  const boxes = set.toBoxArray();
  const codes = familiesOf(family).map((f) => familyBase(f) + protocol);
  const ranges: PortRange[] = [];
  for (let o = 0; o < boxes.length; o += STRIDE) {
    const lo = boxes[o + 2 * DIM_PROTOCOL]!;
    const hi = boxes[o + 2 * DIM_PROTOCOL + 1]!;
    if (!codes.some((code) => code >= lo && code <= hi)) continue;
    ranges.push({
      from: boxes[o + 2 * DIM_DESTINATION_PORT]!,
      to: boxes[o + 2 * DIM_DESTINATION_PORT + 1]!,
    });
  }
  return mergePortRanges(ranges);
}

/** The ICMP types and codes of `protocol` (1 or 58) the set admits. */
export function icmpRangesOf(set: PacketSet, protocol: number, family?: IpFamily): IcmpRange[] {
  return destinationPortsOf(set, protocol, family).flatMap(toIcmpRanges);
}

function familiesOf(family: IpFamily | undefined): IpFamily[] {
  return family === undefined ? [4, 6] : [family];
}

function cidrsOf(set: PacketSet, dim: number, family: IpFamily | undefined): string[] {
  const boxes = set.toBoxArray();
  return familiesOf(family).flatMap((f) => {
    const offsets: number[] = [];
    for (let o = 0; o < boxes.length; o += STRIDE) {
      if (boxes[o + 2 * DIM_PROTOCOL]! >= 256 === (f === 6)) offsets.push(o);
    }
    return addressCidrs(boxes, offsets, dim, f);
  });
}

/**
 * The fewest CIDR blocks covering every source address of some packet in the set, whatever
 * its protocol and ports; IPv4 blocks first. Both families unless `family` is given.
 */
export function sourceCidrsOf(set: PacketSet, family?: IpFamily): string[] {
  return cidrsOf(set, DIM_SOURCE, family);
}

/** The fewest CIDR blocks covering every destination address of some packet in the set. */
export function destinationCidrsOf(set: PacketSet, family?: IpFamily): string[] {
  return cidrsOf(set, DIM_DESTINATION, family);
}
