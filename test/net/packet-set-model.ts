/**
 * A brute-force model of packet sets for property tests: a tiny universe small enough to list
 * every packet, sets as one flag per packet, and specs matched packet by packet with bigint
 * address arithmetic that shares nothing with the box code.
 */
import { fc } from '@fast-check/vitest';
import { type IpAddress, type IpFamily, ip, ipToBigInt } from '../../src/net/address.js';
import { type Cidr, cidr, cidrBounds } from '../../src/net/cidr.js';
import type { Packet, PacketSpec } from '../../src/net/packet-set.js';
import { PacketSet } from '../../src/net/packet-set.js';
import type { PortRange } from '../../src/net/port-range.js';

/**
 * IPv4: the last eight addresses of the space. IPv6: eight addresses across the boundary of
 * words 1 and 2, plus two whose word 1 differs by one from the upper four (so boxes that
 * differ only in an address word that is not the last arise).
 */
export const UNIVERSE_CIDRS: Record<IpFamily, Cidr[]> = {
  4: [cidr('255.255.255.248/29')],
  6: [
    cidr('2001:db8::ffff:ffff:ffff:fffc/126'),
    cidr('2001:db8:0:1::/126'),
    cidr('2001:db8:0:2::/127'),
  ],
};

export const PROTOCOLS = [1, 6, 17, 47, 58] as const;
const PORT_RANGES: PortRange[] = [
  { from: 0, to: 4 },
  { from: 65535, to: 65535 },
];
const PORTS = [0, 1, 2, 3, 4, 65535];
const ICMP_TYPES = [3, 8];
const ICMP_CODES = [0, 1];

/** Candidate blocks: inside, around and outside the universe, across IPv6 word boundaries. */
export const CANDIDATE_CIDRS: Cidr[] = [
  '0.0.0.0/0',
  '128.0.0.0/1',
  '10.0.0.0/8',
  '255.255.255.0/24',
  '255.255.255.248/29',
  '255.255.255.248/30',
  '255.255.255.252/30',
  '255.255.255.250/31',
  '255.255.255.254/31',
  '255.255.255.248/32',
  '255.255.255.251/32',
  '255.255.255.255/32',
  '::/0',
  '2001:db8::/31',
  '2001:db8::/32',
  '2001:db8::/33',
  '2001:db8:8000::/33',
  '2001:db8::/63',
  '2001:db8:0:2::/63',
  '2001:db8:0:4::/63',
  '2001:db8::/64',
  '2001:db8:0:1::/64',
  '2001:db8::8000:0:0:0/65',
  '2001:db8:0:1::/65',
  '2001:db8::ffff:ffff:0:0/96',
  '2001:db8:0:1::/96',
  '2001:db8::ffff:ffff:ffff:fffc/126',
  '2001:db8:0:1::/126',
  '2001:db8::ffff:ffff:ffff:fffe/127',
  '2001:db8:0:1::2/127',
  '2001:db8::ffff:ffff:ffff:ffff/128',
  '2001:db8:0:1::/128',
  '2001:db8:0:1::3/128',
  '2001:db8:0:2::/128',
  '2001:db8:0:2::1/128',
  '2001:db8:0:2::/64',
  '2001:db8:0:1::/127',
  '3000::/16',
].map(cidr);

export function universeAddresses(family: IpFamily): IpAddress[] {
  return family === 4
    ? Array.from({ length: 8 }, (_, i) => ip(`255.255.255.${248 + i}`))
    : [
        ...['c', 'd', 'e', 'f'].map((d) => ip(`2001:db8::ffff:ffff:ffff:fff${d}`)),
        ...[0, 1, 2, 3].map((i) => ip(`2001:db8:0:1::${i}`)),
        ...[0, 1].map((i) => ip(`2001:db8:0:2::${i}`)),
      ];
}

function layer4(protocol: number): Pick<Packet, 'sourcePort' | 'destinationPort'>[] {
  if (protocol === 6 || protocol === 17) {
    return PORTS.flatMap((sourcePort) =>
      PORTS.map((destinationPort) => ({ sourcePort, destinationPort })),
    );
  }
  if (protocol === 1 || protocol === 58) {
    return ICMP_TYPES.flatMap((icmpType) =>
      ICMP_CODES.map((icmpCode) => ({ sourcePort: 0, destinationPort: 0, icmpType, icmpCode })),
    );
  }
  return [{ sourcePort: 0, destinationPort: 0 }];
}

/** Every packet of the universe, in a fixed order. */
export const PACKETS: Packet[] = ([4, 6] as const).flatMap((family) =>
  PROTOCOLS.flatMap((protocol) =>
    universeAddresses(family).flatMap((source) =>
      universeAddresses(family).flatMap((destination) =>
        layer4(protocol).map((l4) => ({ family, protocol, source, destination, ...l4 })),
      ),
    ),
  ),
);

export function packetKey(p: Packet): string {
  const l4 = `${p.sourcePort}/${p.destinationPort}/${p.icmpType ?? '-'}/${p.icmpCode ?? '-'}`;
  return `${p.family}|${p.protocol}|${ipToBigInt(p.source)}|${ipToBigInt(p.destination)}|${l4}`;
}

export const PACKET_KEYS: string[] = PACKETS.map(packetKey);
const INDEX = new Map(PACKET_KEYS.map((key, i) => [key, i]));

/** The engine's universe: the same packets as PACKETS, as a packet set. */
export const UNIVERSE: PacketSet = PacketSet.unionAll(
  ([4, 6] as const).flatMap((family) => {
    const addresses = {
      family,
      sources: UNIVERSE_CIDRS[family],
      destinations: UNIVERSE_CIDRS[family],
    };
    return PROTOCOLS.flatMap((protocol) => {
      if (protocol === 1 || protocol === 58) {
        // Codes 0 and 1 of a type are adjacent values, so each type is one box.
        return ICMP_TYPES.flatMap((type) =>
          ICMP_CODES.map((code) => PacketSet.of({ ...addresses, protocol, icmp: { type, code } })),
        )
          .reduce((a, b) => a.union(b))
          .simplify();
      }
      if (protocol === 47) return [PacketSet.of({ ...addresses, protocol })];
      return PORT_RANGES.flatMap((sourcePorts) =>
        PORT_RANGES.map((destinationPorts) =>
          PacketSet.of({ ...addresses, protocol, sourcePorts, destinationPorts }),
        ),
      );
    });
  }),
);

export type ModelSet = Uint8Array;

const boundsCache = new Map<Cidr, { lo: bigint; hi: bigint }>();
const valueCache = new Map<IpAddress, bigint>();

function inBlocks(blocks: readonly Cidr[] | undefined, address: IpAddress): boolean {
  if (blocks === undefined) return true;
  let value = valueCache.get(address);
  if (value === undefined) {
    value = ipToBigInt(address);
    valueCache.set(address, value);
  }
  return blocks.some((block) => {
    if (block.network.family !== address.family) return false;
    let bounds = boundsCache.get(block);
    if (bounds === undefined) {
      bounds = cidrBounds(block);
      boundsCache.set(block, bounds);
    }
    return value >= bounds.lo && value <= bounds.hi;
  });
}

function inRange(range: PortRange | undefined, value: number): boolean {
  return range === undefined || (range.from <= value && value <= range.to);
}

/** The spec's meaning, read straight from AWS's rule semantics for one packet. */
export function specMatches(spec: PacketSpec, p: Packet): boolean {
  if (spec.family !== undefined && spec.family !== p.family) return false;
  if (spec.protocol !== undefined && spec.protocol !== 'all' && spec.protocol !== p.protocol) {
    return false;
  }
  if (!inBlocks(spec.sources, p.source) || !inBlocks(spec.destinations, p.destination))
    return false;
  if (p.protocol === 6 || p.protocol === 17) {
    return (
      inRange(spec.sourcePorts, p.sourcePort) && inRange(spec.destinationPorts, p.destinationPort)
    );
  }
  if (p.protocol === 1 || p.protocol === 58) {
    const type = spec.icmp?.type;
    const code = spec.icmp?.code;
    return (
      type === undefined || (type === p.icmpType && (code === undefined || code === p.icmpCode))
    );
  }
  return true;
}

export function modelOf(spec: PacketSpec): ModelSet {
  return Uint8Array.from(PACKETS, (p) => (specMatches(spec, p) ? 1 : 0));
}

export function modelOfSet(set: PacketSet): ModelSet {
  return Uint8Array.from(PACKETS, (p) => (set.contains(p) ? 1 : 0));
}

/** The model's reply packets: addresses swapped, TCP/UDP ports swapped, ICMP kept. */
export function reverseModel(model: ModelSet): ModelSet {
  const out = new Uint8Array(model.length);
  PACKETS.forEach((p, i) => {
    if (model[i] === 0) return;
    const ports = p.protocol === 6 || p.protocol === 17;
    const reply: Packet = {
      ...p,
      source: p.destination,
      destination: p.source,
      sourcePort: ports ? p.destinationPort : p.sourcePort,
      destinationPort: ports ? p.sourcePort : p.destinationPort,
    };
    out[INDEX.get(packetKey(reply))!] = 1;
  });
  return out;
}

/** The model's image under a rewrite of the destination (and the TCP/UDP destination port). */
export function rewriteModel(model: ModelSet, destination: IpAddress, port: number): ModelSet {
  const out = new Uint8Array(model.length);
  PACKETS.forEach((p, i) => {
    if (model[i] === 0 || p.family !== destination.family) return;
    const ports = p.protocol === 6 || p.protocol === 17;
    const moved: Packet = { ...p, destination, destinationPort: ports ? port : p.destinationPort };
    out[INDEX.get(packetKey(moved))!] = 1;
  });
  return out;
}

export type Expr =
  | { readonly op: 'spec'; readonly spec: PacketSpec }
  | { readonly op: 'union' | 'intersect' | 'subtract'; readonly a: Expr; readonly b: Expr }
  | { readonly op: 'complement' | 'reverse' | 'simplify'; readonly a: Expr };

export function evaluateSet(expr: Expr): PacketSet {
  switch (expr.op) {
    case 'spec':
      return PacketSet.of(expr.spec).intersect(UNIVERSE);
    case 'union':
      return evaluateSet(expr.a).union(evaluateSet(expr.b));
    case 'intersect':
      return evaluateSet(expr.a).intersect(evaluateSet(expr.b));
    case 'subtract':
      return evaluateSet(expr.a).subtract(evaluateSet(expr.b));
    case 'complement':
      return UNIVERSE.subtract(evaluateSet(expr.a));
    case 'reverse':
      return evaluateSet(expr.a).reverse();
    case 'simplify':
      return evaluateSet(expr.a).simplify();
  }
}

export function evaluateModel(expr: Expr): ModelSet {
  switch (expr.op) {
    case 'spec':
      return modelOf(expr.spec);
    case 'complement':
      return evaluateModel(expr.a).map((v) => 1 - v);
    case 'reverse':
      return reverseModel(evaluateModel(expr.a));
    case 'simplify':
      return evaluateModel(expr.a);
    default: {
      const a = evaluateModel(expr.a);
      const b = evaluateModel(expr.b);
      if (expr.op === 'union') return a.map((v, i) => v | b[i]!);
      if (expr.op === 'intersect') return a.map((v, i) => v & b[i]!);
      return a.map((v, i) => v & (1 - b[i]!));
    }
  }
}

const portValue = fc.constantFrom(0, 0, 1, 2, 3, 4, 5, 1000, 65534, 65535, 65535);
export const portRangeArb: fc.Arbitrary<PortRange> = fc
  .tuple(portValue, portValue)
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));

function blocksOf(family: IpFamily | undefined): fc.Arbitrary<Cidr[]> {
  const pool = CANDIDATE_CIDRS.filter((c) => family === undefined || c.network.family === family);
  return fc.subarray(pool, { minLength: 1, maxLength: 3 });
}

const icmpArb = fc.record(
  { type: fc.constantFrom(0, 3, 8, 200), code: fc.constantFrom(0, 1, 9) },
  { requiredKeys: [] },
);

/**
 * Specs biased towards sets that are not empty inside the universe: the blocks mostly come
 * from the family the spec names (from both when it names none, so mixed lists occur too).
 */
export const specArb: fc.Arbitrary<PacketSpec> = fc
  .constantFrom<IpFamily | undefined>(4, 6, undefined)
  .chain((family) =>
    fc.record(
      {
        family: fc.constant(family),
        protocol: fc.constantFrom<PacketSpec['protocol']>('all', 1, 6, 17, 47, 58),
        sources: blocksOf(family),
        sourcePorts: portRangeArb,
        destinations: blocksOf(family),
        destinationPorts: portRangeArb,
        icmp: icmpArb,
      },
      { requiredKeys: ['family'] },
    ),
  );

export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'expr' },
    specArb.map((spec): Expr => ({ op: 'spec', spec })),
    fc
      .tuple(
        fc.constantFrom('union', 'intersect', 'subtract') as fc.Arbitrary<'union'>,
        tie('expr'),
        tie('expr'),
      )
      .map(([op, a, b]): Expr => ({ op, a, b })),
    fc
      .tuple(
        fc.constantFrom('complement', 'reverse', 'simplify') as fc.Arbitrary<'reverse'>,
        tie('expr'),
      )
      .map(([op, a]): Expr => ({ op, a })),
  ),
})).expr;

/** Indexes where the engine and the model disagree (empty when they agree). */
export function disagreements(set: PacketSet, model: ModelSet): Packet[] {
  const engine = modelOfSet(set);
  return PACKETS.filter((_, i) => engine[i] !== model[i]);
}

/** Every box's address words: fixed words, then one ranged word, then full words. */
export function staircaseViolations(set: PacketSet): number[][] {
  const boxes = set.toBoxArray();
  const bad: number[][] = [];
  for (let o = 0; o < boxes.length; o += 22) {
    for (const first of [1, 6]) {
      const words = [0, 1, 2, 3].map((i) => [
        boxes[o + 2 * (first + i)]!,
        boxes[o + 2 * (first + i) + 1]!,
      ]);
      const ranged = words.findIndex(([lo, hi]) => lo !== hi);
      const tail = ranged < 0 ? [] : words.slice(ranged + 1);
      if (tail.some(([lo, hi]) => lo !== 0 || hi !== 0xffffffff))
        bad.push(Array.from(boxes.slice(o, o + 22)));
    }
  }
  return bad;
}
