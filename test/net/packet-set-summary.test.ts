import { fc, test } from '@fast-check/vitest';
import { mergeCidr } from 'cidr-tools';
import { describe, expect } from 'vitest';
import { formatIp, ipToBigInt } from '../../src/net/address.js';
import { cidr, cidrBounds, formatCidr, parseCidr } from '../../src/net/cidr.js';
import { type Packet, PacketSet } from '../../src/net/packet-set.js';
import {
  destinationCidrsOf,
  destinationPortsOf,
  icmpRangesOf,
  sourceCidrsOf,
} from '../../src/net/packet-set-projection.js';
import {
  type AddressSummary,
  formatIcmpRange,
  formatProtocolLabel,
  formatSummaryService,
  summarizeDestinations,
  summarizeSources,
  toIcmpRanges,
} from '../../src/net/packet-set-summary.js';
import {
  evaluateModel,
  evaluateSet,
  exprArb,
  type ModelSet,
  PACKETS,
  UNIVERSE_CIDRS,
} from './packet-set-model.js';

type Side = 'source' | 'destination';

function layer4Key(p: Packet): string {
  if (p.protocol === 6 || p.protocol === 17) return `port ${p.destinationPort}`;
  if (p.protocol === 1 || p.protocol === 58) return `icmp ${p.icmpType}/${p.icmpCode}`;
  return 'none';
}

function projectionKey(p: Packet, side: Side): string {
  return `${p.family}|${p.protocol}|${layer4Key(p)}|${ipToBigInt(p[side])}`;
}

const KEYS: Record<Side, string[]> = {
  source: PACKETS.map((p) => projectionKey(p, 'source')),
  destination: PACKETS.map((p) => projectionKey(p, 'destination')),
};

/** Universe packets whose (family, protocol, port or ICMP, address) some member shares. */
function projection(model: ModelSet, side: Side): boolean[] {
  const present = new Set(KEYS[side].filter((_, i) => model[i] === 1));
  return KEYS[side].map((key) => present.has(key));
}

function protocolMatches(item: AddressSummary, protocol: number): boolean {
  const label = item.protocol;
  if (label === 'all') return true;
  if (typeof label === 'number') return label === protocol;
  return label.from <= protocol && protocol <= label.to;
}

function layer4Matches(item: AddressSummary, p: Packet): boolean {
  if (item.kind === 'any') return true;
  if (item.kind === 'ports')
    return item.ports.some((r) => r.from <= p.destinationPort && p.destinationPort <= r.to);
  const { icmpType = -1, icmpCode = -1 } = p;
  return item.icmp.some(
    (r) =>
      r.types.from <= icmpType &&
      icmpType <= r.types.to &&
      r.codes.from <= icmpCode &&
      icmpCode <= r.codes.to,
  );
}

const ADDRESS_VALUES: Record<Side, bigint[]> = {
  source: PACKETS.map((p) => ipToBigInt(p.source)),
  destination: PACKETS.map((p) => ipToBigInt(p.destination)),
};

function blockBounds(item: AddressSummary): { lo: bigint; hi: bigint }[] {
  return item.cidrs.map((text) => cidrBounds(cidr(text)));
}

function cellMatches(item: AddressSummary, p: Packet): boolean {
  return item.family === p.family && protocolMatches(item, p.protocol) && layer4Matches(item, p);
}

/** Canonical text of a cidr-tools answer, so both sides print blocks the same way. */
function canonical(blocks: string[]): string[] {
  return blocks.map((text) => {
    const parsed = parseCidr(
      text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`,
    );
    if (!parsed.ok) throw new Error(text);
    return formatCidr(parsed.value);
  });
}

function withinUniverse(text: string): boolean {
  const block = cidr(text);
  const { lo, hi } = cidrBounds(block);
  return UNIVERSE_CIDRS[block.network.family].some((u) => {
    const bounds = cidrBounds(u);
    return bounds.lo <= lo && hi <= bounds.hi;
  });
}

function checkSummary(summary: AddressSummary[], model: ModelSet, side: Side): void {
  const expected = projection(model, side);
  const bounds = summary.map(blockBounds);
  PACKETS.forEach((p, i) => {
    const cells = summary.flatMap((item, k) => (cellMatches(item, p) ? [k] : []));
    if (cells.length > 1) throw new Error(`two summary items describe ${JSON.stringify(p)}`);
    const value = ADDRESS_VALUES[side][i]!;
    const admitted = cells.some((k) => bounds[k]!.some(({ lo, hi }) => lo <= value && value <= hi));
    if (admitted !== expected[i]) throw new Error(`summary disagrees on ${JSON.stringify(p)}`);
  });
  for (const item of summary) {
    expect(item.cidrs.every(withinUniverse)).toBe(true);
    const members = PACKETS.filter((p, i) => expected[i] && cellMatches(item, p));
    expect(members.length).toBeGreaterThan(0);
    const first = layer4Key(members[0]!);
    const exact = members.filter(
      (p) => p.protocol === members[0]!.protocol && layer4Key(p) === first,
    );
    const hosts = [...new Set(exact.map((p) => formatIp(p[side])))];
    expect([...item.cidrs].sort()).toEqual(canonical(mergeCidr(hosts)).sort());
  }
}

describe('summaries against the brute-force model', () => {
  test.prop([exprArb], { numRuns: 25 })(
    'source and destination summaries re-expand to exactly the projected packets',
    (expr) => {
      const set = evaluateSet(expr);
      const model = evaluateModel(expr);
      checkSummary(summarizeSources(set), model, 'source');
      checkSummary(summarizeDestinations(set), model, 'destination');
    },
  );

  test.prop([exprArb, exprArb], { numRuns: 25 })(
    'a summary depends on the packets only, not on how the boxes cut them',
    (left, right) => {
      const a = evaluateSet(left);
      const b = evaluateSet(right);
      expect(summarizeSources(a.union(b))).toEqual(summarizeSources(b.union(a)));
      expect(summarizeSources(a)).toEqual(summarizeSources(a.simplify()));
      expect(summarizeDestinations(a.subtract(b).union(b))).toEqual(
        summarizeDestinations(a.union(b)),
      );
    },
  );

  test.prop([exprArb], { numRuns: 25 })(
    'sourceCidrsOf and destinationCidrsOf list exactly the addresses of members, merged',
    (expr) => {
      const set = evaluateSet(expr);
      const model = evaluateModel(expr);
      for (const side of ['source', 'destination'] as const) {
        const members = PACKETS.filter((_, i) => model[i] === 1);
        const hosts = [...new Set(members.map((p) => formatIp(p[side])))];
        const listed = side === 'source' ? sourceCidrsOf(set) : destinationCidrsOf(set);
        const expected = hosts.length === 0 ? [] : canonical(mergeCidr(hosts));
        expect([...listed].sort()).toEqual(expected.sort());
      }
    },
  );

  test.prop([exprArb], { numRuns: 25 })(
    'every CIDR list is already as short as cidr-tools makes it',
    (expr) => {
      for (const item of summarizeSources(evaluateSet(expr))) {
        expect(canonical(mergeCidr([...item.cidrs])).sort()).toEqual([...item.cidrs].sort());
      }
    },
  );
});

describe('summaries of rule-like sets', () => {
  const ssh = PacketSet.of({
    protocol: 6,
    destinationPorts: { from: 22, to: 22 },
    sources: [cidr('10.0.0.0/8')],
  });
  const web = PacketSet.of({
    protocol: 6,
    destinationPorts: { from: 443, to: 443 },
    sources: [cidr('10.0.0.0/9'), cidr('10.128.0.0/9')],
  });
  const ping = PacketSet.of({ protocol: 1, icmp: { type: 8 }, sources: [cidr('192.168.0.0/16')] });

  test('ports with the same sources share one item, listed in port order', () => {
    expect(summarizeSources(web.union(ssh).union(ping))).toEqual([
      {
        family: 4,
        protocol: 1,
        cidrs: ['192.168.0.0/16'],
        kind: 'icmp',
        icmp: [{ types: { from: 8, to: 8 }, codes: { from: 0, to: 255 } }],
      },
      {
        family: 4,
        protocol: 6,
        cidrs: ['10.0.0.0/8'],
        kind: 'ports',
        ports: [
          { from: 22, to: 22 },
          { from: 443, to: 443 },
        ],
      },
    ]);
  });

  test('adjacent port ranges with the same sources merge into one range', () => {
    const low = PacketSet.of({ protocol: 17, destinationPorts: { from: 1000, to: 1999 } });
    const high = PacketSet.of({ protocol: 17, destinationPorts: { from: 2000, to: 2999 } });
    const summary = summarizeSources(low.union(high).restrict({ family: 4 }));
    expect(summary).toEqual([
      {
        family: 4,
        protocol: 17,
        cidrs: ['0.0.0.0/0'],
        kind: 'ports',
        ports: [{ from: 1000, to: 2999 }],
      },
    ]);
  });

  test('everything reads as protocol all, and the complement of one protocol as two runs', () => {
    expect(summarizeSources(PacketSet.all())).toEqual([
      { family: 4, protocol: 'all', cidrs: ['0.0.0.0/0'], kind: 'any' },
      { family: 6, protocol: 'all', cidrs: ['::/0'], kind: 'any' },
    ]);
    const noGre = PacketSet.of({ family: 6 }).subtract(PacketSet.of({ protocol: 47 }));
    expect(summarizeDestinations(noGre)).toEqual([
      { family: 6, protocol: { from: 0, to: 46 }, cidrs: ['::/0'], kind: 'any' },
      { family: 6, protocol: { from: 48, to: 255 }, cidrs: ['::/0'], kind: 'any' },
    ]);
  });

  test('the complement of one ICMP type lists the types around it', () => {
    const icmp = PacketSet.of({ family: 4, protocol: 1 }).subtract(
      PacketSet.of({ icmp: { type: 8, code: 0 } }),
    );
    expect(icmpRangesOf(icmp, 1, 4)).toEqual([
      { types: { from: 0, to: 7 }, codes: { from: 0, to: 255 } },
      { types: { from: 8, to: 8 }, codes: { from: 1, to: 255 } },
      { types: { from: 9, to: 255 }, codes: { from: 0, to: 255 } },
    ]);
  });
});

describe('projections', () => {
  test('destinationPortsOf merges the ports of every box of the protocol and family', () => {
    const set = PacketSet.of({ protocol: 6, destinationPorts: { from: 80, to: 80 } })
      .union(PacketSet.of({ protocol: 6, destinationPorts: { from: 81, to: 90 } }))
      .union(PacketSet.of({ protocol: 6, family: 6, destinationPorts: { from: 443, to: 443 } }))
      .union(PacketSet.of({ protocol: 17, destinationPorts: { from: 53, to: 53 } }));
    expect(destinationPortsOf(set, 6)).toEqual([
      { from: 80, to: 90 },
      { from: 443, to: 443 },
    ]);
    expect(destinationPortsOf(set, 6, 4)).toEqual([{ from: 80, to: 90 }]);
    expect(destinationPortsOf(set, 47)).toEqual([]);
    expect(destinationPortsOf(PacketSet.all(), 47)).toEqual([{ from: 0, to: 65535 }]);
  });

  test('toIcmpRanges splits partial types from whole ones', () => {
    expect(toIcmpRanges({ from: 0, to: 65535 })).toEqual([
      { types: { from: 0, to: 255 }, codes: { from: 0, to: 255 } },
    ]);
    expect(toIcmpRanges({ from: 3 * 256 + 4, to: 3 * 256 + 4 })).toEqual([
      { types: { from: 3, to: 3 }, codes: { from: 4, to: 4 } },
    ]);
    expect(toIcmpRanges({ from: 3 * 256 + 1, to: 5 * 256 })).toEqual([
      { types: { from: 3, to: 3 }, codes: { from: 1, to: 255 } },
      { types: { from: 4, to: 4 }, codes: { from: 0, to: 255 } },
      { types: { from: 5, to: 5 }, codes: { from: 0, to: 0 } },
    ]);
  });

  test.prop([fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })])(
    'toIcmpRanges covers exactly the values of the range',
    (a, b) => {
      const range = { from: Math.min(a, b), to: Math.max(a, b) };
      const pieces = toIcmpRanges(range);
      let count = 0;
      for (const piece of pieces) {
        count += (piece.types.to - piece.types.from + 1) * (piece.codes.to - piece.codes.from + 1);
        expect(piece.types.from * 256 + piece.codes.from).toBeGreaterThanOrEqual(range.from);
        expect(piece.types.to * 256 + piece.codes.to).toBeLessThanOrEqual(range.to);
      }
      expect(count).toBe(range.to - range.from + 1);
    },
  );
});

describe('formatting summary items', () => {
  test('protocol labels read as AWS names, numbers with IANA names, or ranges', () => {
    expect(formatProtocolLabel(6)).toBe('tcp');
    expect(formatProtocolLabel(47)).toBe('gre (47)');
    expect(formatProtocolLabel('all')).toBe('all');
    expect(formatProtocolLabel({ from: 7, to: 16 })).toBe('protocols 7-16');
  });

  test('ICMP ranges name a type, a code or a run of either', () => {
    const range = (t0: number, t1: number, c0: number, c1: number) => ({
      types: { from: t0, to: t1 },
      codes: { from: c0, to: c1 },
    });
    expect(formatIcmpRange(range(0, 255, 0, 255))).toBe('all types');
    expect(formatIcmpRange(range(8, 8, 0, 255))).toBe('type 8');
    expect(formatIcmpRange(range(3, 3, 4, 4))).toBe('type 3 code 4');
    expect(formatIcmpRange(range(3, 3, 1, 255))).toBe('type 3 codes 1-255');
    expect(formatIcmpRange(range(0, 7, 0, 255))).toBe('types 0-7');
  });

  test('a summary item names its ports, its ICMP messages, or all ports', () => {
    const set = PacketSet.of({ family: 4, protocol: 6, destinationPorts: { from: 22, to: 22 } })
      .union(PacketSet.of({ family: 4, protocol: 6, destinationPorts: { from: 8000, to: 8080 } }))
      .union(PacketSet.of({ family: 4, protocol: 1, icmp: { type: 3, code: 4 } }))
      .union(PacketSet.of({ family: 4, protocol: 47 }));
    expect(summarizeSources(set).map(formatSummaryService)).toEqual([
      'type 3 code 4',
      '22, 8000-8080',
      'all ports',
    ]);
  });
});
