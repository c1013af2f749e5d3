import type { IpAddress, IpFamily } from './address.js';
import {
  type BoxBuffer,
  DIM_DESTINATION,
  DIM_DESTINATION_PORT,
  DIM_PROTOCOL,
  DIM_SOURCE,
  DIM_SOURCE_PORT,
  PORT_MAX,
  STRIDE,
  WORD_MAX,
} from './box.js';
import { type Cidr, cidrWordRanges } from './cidr.js';
import type { PortRange } from './port-range.js';
import { hasPorts, isIcmp, type Protocol } from './protocol.js';

/**
 * One packet as the filters see it. TCP and UDP carry ports; ICMP (1) and ICMPv6 (58) carry a
 * type and code instead, and their ports are ignored; every other protocol has neither, as in
 * AWS's rules, which admit all ports of such a protocol whatever range was written.
 */
export interface Packet {
  readonly family: IpFamily;
  /** IP protocol number 0-255. */
  readonly protocol: number;
  readonly source: IpAddress;
  readonly sourcePort: number;
  readonly destination: IpAddress;
  readonly destinationPort: number;
  /** ICMP type 0-255, for protocols 1 and 58 only; read as 0 when absent. */
  readonly icmpType?: number;
  /** ICMP code 0-255, for protocols 1 and 58 only; read as 0 when absent. */
  readonly icmpCode?: number;
}

/**
 * ICMP type and code as a rule states them; an absent field matches every value. A code
 * without a type is ignored: AWS refuses such a rule (type -1 requires code -1).
 */
export interface IcmpMatch {
  readonly type?: number;
  readonly code?: number;
}

/**
 * The packets one rule-like statement admits. Every absent field matches everything. Port and
 * ICMP constraints apply only to the protocols that carry them (ports: TCP, UDP; icmp: 1, 58),
 * as AWS ignores a port range on a rule for any other protocol. Each CIDR implies its family:
 * a spec with IPv4 and IPv6 blocks is the union of its IPv4 part and its IPv6 part, and a spec
 * whose sources (or destinations) list is empty, or holds no block of a family, admits no
 * packet of that family.
 */
export interface PacketSpec {
  /** Both families when absent. */
  readonly family?: IpFamily;
  /** `'all'` when absent. */
  readonly protocol?: Protocol;
  readonly sources?: readonly Cidr[];
  readonly sourcePorts?: PortRange;
  readonly destinations?: readonly Cidr[];
  readonly destinationPorts?: PortRange;
  readonly icmp?: IcmpMatch;
}

/** What a protocol carries in the port dimensions. */
export type ProtocolKind = 'ports' | 'icmp' | 'none';

/** TCP and UDP carry ports, ICMP and ICMPv6 a type and code, every other protocol neither. */
export function protocolKind(protocol: number): ProtocolKind {
  if (hasPorts(protocol)) return 'ports';
  return isIcmp(protocol) ? 'icmp' : 'none';
}

/** IPv6 protocols sit above IPv4's in dimension 0, so one comparison keeps families apart. */
export function familyBase(family: IpFamily): number {
  return family === 6 ? 256 : 0;
}

interface Segment {
  lo: number;
  hi: number;
  sourcePorts: readonly [number, number];
  destinationPorts: readonly [number, number];
}

const FULL_PORTS: readonly [number, number] = [0, PORT_MAX];

function segmentFor(kind: ProtocolKind, spec: PacketSpec, lo: number, hi: number): Segment {
  if (kind === 'ports') {
    const source = spec.sourcePorts ?? { from: 0, to: PORT_MAX };
    const destination = spec.destinationPorts ?? { from: 0, to: PORT_MAX };
    return {
      lo,
      hi,
      sourcePorts: [source.from, source.to],
      destinationPorts: [destination.from, destination.to],
    };
  }
  if (kind === 'icmp')
    return { lo, hi, sourcePorts: FULL_PORTS, destinationPorts: icmpRange(spec) };
  return { lo, hi, sourcePorts: FULL_PORTS, destinationPorts: FULL_PORTS };
}

/** The destination-port dimension of ICMP holds type * 256 + code. */
function icmpRange(spec: PacketSpec): readonly [number, number] {
  const type = spec.icmp?.type;
  if (type === undefined) return FULL_PORTS;
  const code = spec.icmp?.code;
  return code === undefined
    ? [type * 256, type * 256 + 255]
    : [type * 256 + code, type * 256 + code];
}

function sameSegmentPorts(a: Segment, b: Segment): boolean {
  return (
    a.sourcePorts[0] === b.sourcePorts[0] &&
    a.sourcePorts[1] === b.sourcePorts[1] &&
    a.destinationPorts[0] === b.destinationPorts[0] &&
    a.destinationPorts[1] === b.destinationPorts[1]
  );
}

/**
 * Dimension-0 runs for one family: for `'all'` the protocols are grouped by kind, and adjacent
 * groups with the same port ranges merge, so an unconstrained spec is one segment.
 */
function protocolSegments(family: IpFamily, spec: PacketSpec): Segment[] {
  const base = familyBase(family);
  const protocol = spec.protocol ?? 'all';
  if (protocol !== 'all') {
    return [segmentFor(protocolKind(protocol), spec, base + protocol, base + protocol)];
  }
  const segments: Segment[] = [];
  let start = 0;
  for (let p = 1; p <= 256; p++) {
    if (p < 256 && protocolKind(p) === protocolKind(start)) continue;
    const segment = segmentFor(protocolKind(start), spec, base + start, base + p - 1);
    const last = segments[segments.length - 1];
    if (last !== undefined && sameSegmentPorts(last, segment)) last.hi = segment.hi;
    else segments.push(segment);
    start = p;
  }
  return segments;
}

/** Word bounds (lo, hi for each of the four words) of every block of the family. */
function addressRanges(blocks: readonly Cidr[] | undefined, family: IpFamily): number[][] {
  if (blocks === undefined) {
    const v4 = [0, 0, 0, 0, 0, 0, 0, WORD_MAX];
    return [family === 4 ? v4 : [0, WORD_MAX, 0, WORD_MAX, 0, WORD_MAX, 0, WORD_MAX]];
  }
  return blocks
    .filter((block) => block.network.family === family)
    .map((block) => cidrWordRanges(block).flatMap((range) => [range.lo, range.hi]));
}

function checkRange(name: string, lo: number, hi: number, max: number): void {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > max || lo > hi) {
    throw new Error(`internal: ${name} ${lo}-${hi} is not a range within 0-${max}`);
  }
}

function checkSpec(spec: PacketSpec): void {
  if (spec.protocol !== undefined && spec.protocol !== 'all') {
    checkRange('protocol', spec.protocol, spec.protocol, 255);
  }
  if (spec.sourcePorts) checkRange('port', spec.sourcePorts.from, spec.sourcePorts.to, PORT_MAX);
  const ports = spec.destinationPorts;
  if (ports) checkRange('port', ports.from, ports.to, PORT_MAX);
  if (spec.icmp?.type !== undefined) checkRange('ICMP type', spec.icmp.type, spec.icmp.type, 255);
  if (spec.icmp?.code !== undefined) checkRange('ICMP code', spec.icmp.code, spec.icmp.code, 255);
}

/** Appends the boxes of a spec: protocol segments x source blocks x destination blocks. */
export function appendSpec(spec: PacketSpec, out: BoxBuffer): void {
  checkSpec(spec);
  for (const family of spec.family === undefined ? ([4, 6] as const) : [spec.family]) {
    const sources = addressRanges(spec.sources, family);
    const destinations = addressRanges(spec.destinations, family);
    for (const segment of protocolSegments(family, spec)) {
      for (const source of sources) {
        for (const destination of destinations) {
          writeBox(out, segment, source, destination);
        }
      }
    }
  }
}

function writeBox(out: BoxBuffer, segment: Segment, source: number[], destination: number[]) {
  const offset = out.allocate();
  const data = out.data;
  data[offset + 2 * DIM_PROTOCOL] = segment.lo;
  data[offset + 2 * DIM_PROTOCOL + 1] = segment.hi;
  data.set(source, offset + 2 * DIM_SOURCE);
  data.set(segment.sourcePorts, offset + 2 * DIM_SOURCE_PORT);
  data.set(destination, offset + 2 * DIM_DESTINATION);
  data.set(segment.destinationPorts, offset + 2 * DIM_DESTINATION_PORT);
}

/**
 * Writes the packet's coordinates (one per dimension) into `point`. Ports of protocols that do
 * not carry them read as 0; sets are full in those dimensions, so any value would do.
 */
export function encodePacket(packet: Packet, point: Float64Array): void {
  if (packet.source.family !== packet.family || packet.destination.family !== packet.family) {
    throw new Error(`internal: an IPv${packet.family} packet holds an address of the other family`);
  }
  const kind = protocolKind(packet.protocol);
  point[DIM_PROTOCOL] = familyBase(packet.family) + packet.protocol;
  point.set(packet.source.words, DIM_SOURCE);
  point.set(packet.destination.words, DIM_DESTINATION);
  point[DIM_SOURCE_PORT] = kind === 'ports' ? packet.sourcePort : 0;
  point[DIM_DESTINATION_PORT] =
    kind === 'ports'
      ? packet.destinationPort
      : kind === 'icmp'
        ? (packet.icmpType ?? 0) * 256 + (packet.icmpCode ?? 0)
        : 0;
}

/** The box of exactly one packet: full in the dimensions its protocol does not use. */
export function appendPoint(packet: Packet, out: BoxBuffer): void {
  const point = new Float64Array(STRIDE / 2);
  encodePacket(packet, point);
  const offset = out.allocate();
  for (let d = 0; d < point.length; d++) {
    out.data[offset + 2 * d] = point[d]!;
    out.data[offset + 2 * d + 1] = point[d]!;
  }
  const kind = protocolKind(packet.protocol);
  if (kind !== 'ports') {
    out.data[offset + 2 * DIM_SOURCE_PORT] = 0;
    out.data[offset + 2 * DIM_SOURCE_PORT + 1] = PORT_MAX;
  }
  if (kind === 'none') {
    out.data[offset + 2 * DIM_DESTINATION_PORT] = 0;
    out.data[offset + 2 * DIM_DESTINATION_PORT + 1] = PORT_MAX;
  }
}

function readAddress(family: IpFamily, boxes: Float64Array, offset: number): IpAddress {
  const words = [0, 1, 2, 3].map((i) => boxes[offset + 2 * i]!);
  return { family, words: words as unknown as [number, number, number, number] };
}

/** The packet at the lowest corner of a box, with the fields its protocol does not use zeroed. */
export function decodeLowCorner(boxes: Float64Array, offset: number): Packet {
  const code = boxes[offset + 2 * DIM_PROTOCOL]!;
  const family: IpFamily = code >= 256 ? 6 : 4;
  const protocol = code - familyBase(family);
  const kind = protocolKind(protocol);
  const destinationPort = boxes[offset + 2 * DIM_DESTINATION_PORT]!;
  const packet: Packet = {
    family,
    protocol,
    source: readAddress(family, boxes, offset + 2 * DIM_SOURCE),
    sourcePort: kind === 'ports' ? boxes[offset + 2 * DIM_SOURCE_PORT]! : 0,
    destination: readAddress(family, boxes, offset + 2 * DIM_DESTINATION),
    destinationPort: kind === 'ports' ? destinationPort : 0,
  };
  if (kind !== 'icmp') return packet;
  return { ...packet, icmpType: destinationPort >>> 8, icmpCode: destinationPort & 255 };
}
