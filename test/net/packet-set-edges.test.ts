import { excludeCidr } from 'cidr-tools';
import { describe, expect, test } from 'vitest';
import { bigIntToIp, type IpAddress, ip } from '../../src/net/address.js';
import { cidr, cidrBounds, formatCidr, parseCidr } from '../../src/net/cidr.js';
import { type Packet, PacketSet } from '../../src/net/packet-set.js';
import { summarizeDestinations } from '../../src/net/packet-set-summary.js';
import { staircaseViolations } from './packet-set-model.js';

function tcp(
  source: string,
  sourcePort: number,
  destination: string,
  destinationPort: number,
): Packet {
  const src = ip(source);
  return {
    family: src.family,
    protocol: 6,
    source: src,
    sourcePort,
    destination: ip(destination),
    destinationPort,
  };
}

function icmp(source: string, destination: string, icmpType: number, icmpCode: number): Packet {
  const src = ip(source);
  const protocol = src.family === 4 ? 1 : 58;
  return {
    family: src.family,
    protocol,
    source: src,
    sourcePort: 0,
    destination: ip(destination),
    destinationPort: 0,
    icmpType,
    icmpCode,
  };
}

function toDestination(address: IpAddress, protocol = 6): Packet {
  const source = address.family === 4 ? ip('192.0.2.1') : ip('2001:db8:ffff::1');
  return {
    family: address.family,
    protocol,
    source,
    sourcePort: 40000,
    destination: address,
    destinationPort: 443,
  };
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

describe('prefix lengths at the edges of the address space', () => {
  test('0.0.0.0/0 as a source is every IPv4 packet and no IPv6 packet', () => {
    const set = PacketSet.of({ sources: [cidr('0.0.0.0/0')] });
    expect(set.equals(PacketSet.of({ family: 4 }))).toBe(true);
    expect(set.contains(tcp('0.0.0.0', 0, '255.255.255.255', 65535))).toBe(true);
    expect(set.contains(tcp('::', 0, '::', 0))).toBe(false);
  });

  test('an IPv6 ::/0 set never contains an IPv4 packet, even one whose words look alike', () => {
    const v6 = PacketSet.of({ sources: [cidr('::/0')], destinations: [cidr('::/0')] });
    expect(v6.contains(tcp('0.0.0.1', 1, '10.0.0.1', 443))).toBe(false);
    expect(v6.contains(tcp('::1', 1, '::a00:1', 443))).toBe(true);
    const mapped = PacketSet.of({ sources: [cidr('::/96')], destinations: [cidr('::/96')] });
    expect(mapped.overlaps(PacketSet.of({ family: 4 }))).toBe(false);
    expect(PacketSet.of({ family: 4 }).union(v6).equals(PacketSet.all())).toBe(true);
  });

  test('a /32 and a /128 hold exactly one address', () => {
    for (const [block, inside, below, above] of [
      ['10.0.0.7/32', '10.0.0.7', '10.0.0.6', '10.0.0.8'],
      ['255.255.255.255/32', '255.255.255.255', '255.255.255.254', undefined],
      ['0.0.0.0/32', '0.0.0.0', undefined, '0.0.0.1'],
      ['2001:db8::1/128', '2001:db8::1', '2001:db8::', '2001:db8::2'],
      [
        'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
        'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
        'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe',
        undefined,
      ],
    ] as const) {
      const set = PacketSet.of({ destinations: [cidr(block)] });
      expect(set.contains(toDestination(ip(inside)))).toBe(true);
      if (below !== undefined) expect(set.contains(toDestination(ip(below)))).toBe(false);
      if (above !== undefined) expect(set.contains(toDestination(ip(above)))).toBe(false);
    }
  });

  const WORD_EDGES = [31, 32, 33, 63, 64, 65, 96, 127];
  test.each(WORD_EDGES)(
    'an IPv6 /%i block keeps its exact bounds through the algebra',
    (prefix) => {
      const block = cidr(`2001:db8:89ab:cdef:8000:ffff:fedc:ba98/${prefix}`);
      const { lo, hi } = cidrBounds(block);
      const set = PacketSet.of({ destinations: [block] });
      const rest = PacketSet.of({ family: 6 }).subtract(set);
      for (const [value, inside] of [
        [lo, true],
        [hi, true],
        [lo - 1n, false],
        [hi + 1n, false],
      ] as const) {
        const packet = toDestination(bigIntToIp(6, value));
        expect(set.contains(packet)).toBe(inside);
        expect(rest.contains(packet)).toBe(!inside);
      }
      expect(staircaseViolations(rest)).toEqual([]);
      expect(rest.union(set).equals(PacketSet.of({ family: 6 }))).toBe(true);
    },
  );

  test.each(WORD_EDGES)(
    'the complement of an IPv6 /%i summarises to what cidr-tools excludes',
    (prefix) => {
      const block = cidr(`2001:db8:89ab:cdef:8000:ffff:fedc:ba98/${prefix}`);
      const set = PacketSet.of({
        family: 6,
        protocol: 6,
        destinationPorts: { from: 443, to: 443 },
      });
      const rest = set.subtract(PacketSet.of({ destinations: [block] }));
      const [summary, ...others] = summarizeDestinations(rest);
      expect(others).toEqual([]);
      expect(summary).toMatchObject({
        family: 6,
        protocol: 6,
        kind: 'ports',
        ports: [{ from: 443, to: 443 }],
      });
      expect(summary?.cidrs).toEqual(canonical(excludeCidr(['::/0'], [formatCidr(block)])));
    },
  );
});

describe('ports, ICMP and protocols without ports', () => {
  test('port 0 and port 65535 are ordinary members of a range', () => {
    const low = PacketSet.of({ protocol: 6, destinationPorts: { from: 0, to: 0 } });
    const high = PacketSet.of({ protocol: 17, sourcePorts: { from: 65535, to: 65535 } });
    expect(low.contains(tcp('10.0.0.1', 1, '10.0.0.2', 0))).toBe(true);
    expect(low.contains(tcp('10.0.0.1', 1, '10.0.0.2', 1))).toBe(false);
    const udp = (sourcePort: number): Packet => ({
      ...tcp('10.0.0.1', sourcePort, '10.0.0.2', 53),
      protocol: 17,
    });
    expect(high.contains(udp(65535))).toBe(true);
    expect(high.contains(udp(65534))).toBe(false);
  });

  test('an ICMP type without a code admits every code of that type and nothing else', () => {
    const echo = PacketSet.of({ protocol: 1, icmp: { type: 8 } });
    expect(echo.contains(icmp('10.0.0.1', '10.0.0.2', 8, 0))).toBe(true);
    expect(echo.contains(icmp('10.0.0.1', '10.0.0.2', 8, 255))).toBe(true);
    expect(echo.contains(icmp('10.0.0.1', '10.0.0.2', 0, 0))).toBe(false);
    const fragmentation = PacketSet.of({ protocol: 1, icmp: { type: 3, code: 4 } });
    expect(fragmentation.contains(icmp('10.0.0.1', '10.0.0.2', 3, 4))).toBe(true);
    expect(fragmentation.contains(icmp('10.0.0.1', '10.0.0.2', 3, 3))).toBe(false);
  });

  test('an ICMP packet matches whatever source or destination port it claims', () => {
    const set = PacketSet.of({ protocol: 1, icmp: { type: 8, code: 0 } });
    const packet = { ...icmp('10.0.0.1', '10.0.0.2', 8, 0), sourcePort: 999, destinationPort: 7 };
    expect(set.contains(packet)).toBe(true);
  });

  test('a port range on a protocol without ports is ignored, as AWS ignores it', () => {
    const gre = PacketSet.of({ protocol: 47, destinationPorts: { from: 22, to: 22 } });
    expect(gre.equals(PacketSet.of({ protocol: 47 }))).toBe(true);
    const all443 = PacketSet.of({ protocol: 'all', destinationPorts: { from: 443, to: 443 } });
    expect(all443.contains(tcp('10.0.0.1', 5, '10.0.0.2', 443))).toBe(true);
    expect(all443.contains(tcp('10.0.0.1', 5, '10.0.0.2', 444))).toBe(false);
    expect(all443.contains(icmp('10.0.0.1', '10.0.0.2', 8, 0))).toBe(true);
    expect(PacketSet.of({ protocol: 47 }).isSubsetOf(all443)).toBe(true);
  });

  test('a sample of an ICMP set carries its type and code', () => {
    const sample = PacketSet.of({ family: 6, protocol: 58, icmp: { type: 128, code: 0 } }).sample();
    expect(sample).toMatchObject({ family: 6, protocol: 58, icmpType: 128, icmpCode: 0 });
  });

  test('specs with values out of range are refused', () => {
    expect(() => PacketSet.of({ protocol: 6, destinationPorts: { from: 0, to: 65536 } })).toThrow(
      /65535/,
    );
    expect(() => PacketSet.of({ protocol: 256 })).toThrow(/protocol/);
    expect(() => PacketSet.of({ protocol: 1, icmp: { type: 300 } })).toThrow(/ICMP type/);
    expect(() => PacketSet.of({ sourcePorts: { from: 9, to: 8 } })).toThrow(/port/);
  });

  test('an empty source list admits nothing; a list of one family admits only that family', () => {
    expect(PacketSet.of({ sources: [] }).isEmpty()).toBe(true);
    const mixed = PacketSet.of({ sources: [cidr('10.0.0.0/8'), cidr('2001:db8::/32')] });
    const perFamily = PacketSet.of({ sources: [cidr('10.0.0.0/8')] }).union(
      PacketSet.of({ sources: [cidr('2001:db8::/32')] }),
    );
    expect(mixed.equals(perFamily)).toBe(true);
    expect(PacketSet.of({ family: 6, sources: [cidr('10.0.0.0/8')] }).isEmpty()).toBe(true);
  });
});

describe('simplify', () => {
  test('merges the two halves of a block into one box', () => {
    const halves = PacketSet.of({ sources: [cidr('10.0.0.0/25'), cidr('10.0.0.128/25')] });
    expect(halves.simplify().boxCount).toBe(
      PacketSet.of({ sources: [cidr('10.0.0.0/24')] }).boxCount,
    );
    const hosts = Array.from({ length: 256 }, (_, i) => cidr(`10.0.1.${i}/32`));
    const set = PacketSet.of({ family: 4, protocol: 6, sources: hosts });
    expect(set.boxCount).toBe(256);
    expect(set.simplify().boxCount).toBe(1);
  });

  test('drops boxes inside other boxes', () => {
    const set = PacketSet.of({ protocol: 6, destinationPorts: { from: 443, to: 443 } })
      .union(PacketSet.of({ protocol: 6 }))
      .union(PacketSet.of({ protocol: 6, sources: [cidr('10.0.0.0/8')] }));
    expect(set.simplify().equals(PacketSet.of({ protocol: 6 }))).toBe(true);
    expect(set.simplify().boxCount).toBe(2);
  });

  test('never widens an address word whose less significant words are not full', () => {
    const twoHosts = PacketSet.of({
      sources: [cidr('2001:db8:0:1::/128'), cidr('2001:db8:0:2::/128')],
    });
    const simple = twoHosts.simplify();
    expect(simple.contains({ ...toDestination(ip('::1')), source: ip('2001:db8:0:1::1') })).toBe(
      false,
    );
    expect(staircaseViolations(simple)).toEqual([]);
  });

  test('keeps IPv4 protocol 255 and IPv6 protocol 0 apart', () => {
    const v4 = PacketSet.of({ family: 4, protocol: 255 });
    const v6 = PacketSet.of({
      sources: [cidr('::/96')],
      destinations: [cidr('::/96')],
      protocol: 0,
    });
    const simple = v4.union(v6).simplify();
    expect(simple.boxCount).toBe(2);
    expect(simple.sample()?.family).toBe(4);
  });
});

describe('reverse and rewrite', () => {
  test('the reply of a TCP flow swaps addresses and ports', () => {
    const flow = PacketSet.point(tcp('10.0.0.1', 40000, '10.0.0.2', 443));
    expect(flow.reverse().contains(tcp('10.0.0.2', 443, '10.0.0.1', 40000))).toBe(true);
    expect(flow.reverse().contains(tcp('10.0.0.1', 40000, '10.0.0.2', 443))).toBe(false);
  });

  test('the reverse of an ICMP set keeps its type and code', () => {
    const echo = PacketSet.of({ protocol: 1, icmp: { type: 8 }, sources: [cidr('10.0.0.1/32')] });
    const back = echo.reverse();
    expect(back.contains(icmp('10.0.0.9', '10.0.0.1', 8, 0))).toBe(true);
    expect(back.contains(icmp('10.0.0.1', '10.0.0.9', 8, 0))).toBe(false);
  });

  test('a load balancer rewrite replaces the source, destination and port of TCP packets', () => {
    const toListener = PacketSet.of({
      protocol: 6,
      destinations: [cidr('10.1.0.10/32')],
      destinationPorts: { from: 80, to: 80 },
    });
    const atTarget = toListener.rewrite({
      source: ip('10.1.0.10'),
      destination: ip('10.2.0.5'),
      destinationPort: 8080,
    });
    expect(atTarget.contains(tcp('10.1.0.10', 5555, '10.2.0.5', 8080))).toBe(true);
    expect(atTarget.contains(tcp('10.1.0.10', 5555, '10.2.0.5', 80))).toBe(false);
    expect(atTarget.contains(tcp('192.0.2.1', 5555, '10.2.0.5', 8080))).toBe(false);
  });

  test('a rewrite to IPv4 addresses leaves IPv6 packets out', () => {
    const both = PacketSet.of({ protocol: 6 });
    const rewritten = both.rewrite({ destination: ip('10.2.0.5') });
    expect(rewritten.isSubsetOf(PacketSet.of({ family: 4 }))).toBe(true);
    expect(rewritten.contains(tcp('10.9.9.9', 1, '10.2.0.5', 22))).toBe(true);
  });
});

describe('subtracting large covers', () => {
  test('removing a thousand host routes on single ports leaves exactly the other packets', () => {
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state;
    };
    const rules = Array.from({ length: 1000 }, () => ({
      host: `10.0.${next() % 8}.${next() % 256}`,
      port: 1000 + (next() % 20),
    }));
    const group = PacketSet.unionAll(
      rules.map(({ host, port }) =>
        PacketSet.of({
          protocol: 6,
          sources: [cidr(`${host}/32`)],
          destinationPorts: { from: port, to: port },
        }),
      ),
    );
    const rest = PacketSet.all().subtract(group);
    for (const { host, port } of rules) {
      expect(rest.contains(tcp(host, 1, '10.9.9.9', port))).toBe(false);
      expect(group.contains(tcp(host, 1, '10.9.9.9', port))).toBe(true);
    }
    const taken = new Set(rules.map(({ host, port }) => `${host}:${port}`));
    for (let i = 0; i < 2000; i++) {
      const host = `10.0.${next() % 8}.${next() % 256}`;
      const port = 1000 + (next() % 20);
      expect(rest.contains(tcp(host, 1, '10.9.9.9', port))).toBe(!taken.has(`${host}:${port}`));
    }
    expect(rest.overlaps(group)).toBe(false);
    expect(rest.union(group).equals(PacketSet.all())).toBe(true);
    expect(staircaseViolations(rest)).toEqual([]);
  });
});

describe('fromBoxArray', () => {
  test('rebuilds the same set from toBoxArray()', () => {
    const set = PacketSet.all().subtract(
      PacketSet.of({ protocol: 6, sources: [cidr('2001:db8::/65')] }),
    );
    expect(PacketSet.fromBoxArray(set.toBoxArray()).equals(set)).toBe(true);
  });

  test('refuses boxes that break the invariants the algebra relies on', () => {
    const box = PacketSet.of({ family: 6, protocol: 6 }).toBoxArray();
    expect(() => PacketSet.fromBoxArray(box.subarray(0, 21))).toThrow(/whole boxes/);
    const reversed = box.slice();
    reversed[10] = 70000;
    expect(() => PacketSet.fromBoxArray(reversed)).toThrow(/dimension 5/);
    const gap = box.slice();
    gap[2] = 1;
    gap[3] = 2;
    gap[4] = 5;
    gap[5] = 6;
    expect(() => PacketSet.fromBoxArray(gap)).toThrow(/one interval/);
    const mixed = box.slice();
    mixed[0] = 6;
    expect(() => PacketSet.fromBoxArray(mixed)).toThrow(/IPv4 and IPv6/);
  });
});

describe('unionAll', () => {
  test('equals folding union over the same sets', () => {
    const parts = ['10.0.0.0/8', '2001:db8::/32', '192.0.2.0/24'].map((text) =>
      PacketSet.of({ sources: [cidr(text)], protocol: 6 }),
    );
    const folded = parts.reduce((a, b) => a.union(b), PacketSet.empty());
    expect(PacketSet.unionAll(parts).equals(folded)).toBe(true);
    expect(PacketSet.unionAll([]).isEmpty()).toBe(true);
  });
});
