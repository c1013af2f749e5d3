import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { IpFamily } from '../../src/net/address.js';
import { cidr } from '../../src/net/cidr.js';
import { PacketSet } from '../../src/net/packet-set.js';
import {
  disagreements,
  evaluateModel,
  evaluateSet,
  exprArb,
  PACKET_KEYS,
  PACKETS,
  packetKey,
  rewriteModel,
  specArb,
  staircaseViolations,
  UNIVERSE,
  universeAddresses,
} from './packet-set-model.js';

const RUNS = { numRuns: 30 };

describe('PacketSet against a brute-force model of every packet in a small universe', () => {
  test('the universe set holds exactly the enumerated packets', () => {
    expect(disagreements(UNIVERSE, new Uint8Array(PACKETS.length).fill(1))).toEqual([]);
  });

  test.prop([exprArb], RUNS)(
    'union, intersect, subtract, complement, reverse and simplify agree with the model',
    (expr) => {
      const set = evaluateSet(expr);
      const model = evaluateModel(expr);
      expect(disagreements(set, model)).toEqual([]);
      expect(set.isEmpty()).toBe(!model.includes(1));
    },
  );

  test.prop([exprArb], RUNS)('sample returns a member, and only the empty set has none', (expr) => {
    const set = evaluateSet(expr);
    const sample = set.sample();
    if (sample === undefined) {
      expect(set.isEmpty()).toBe(true);
    } else {
      expect(set.contains(sample)).toBe(true);
      expect(PacketSet.point(sample).isSubsetOf(set)).toBe(true);
    }
  });

  test.prop([exprArb, exprArb], RUNS)(
    'isSubsetOf, equals and overlaps agree with the model',
    (left, right) => {
      const a = evaluateSet(left);
      const b = evaluateSet(right);
      const ma = evaluateModel(left);
      const mb = evaluateModel(right);
      const subset = ma.every((v, i) => v <= mb[i]!);
      const superset = mb.every((v, i) => v <= ma[i]!);
      expect(a.isSubsetOf(b)).toBe(subset);
      expect(b.isSubsetOf(a)).toBe(superset);
      expect(a.equals(b)).toBe(subset && superset);
      expect(a.overlaps(b)).toBe(ma.some((v, i) => v === 1 && mb[i] === 1));
    },
  );

  test.prop([exprArb], RUNS)('simplify keeps the same packets in no more boxes', (expr) => {
    const set = evaluateSet(expr);
    const simple = set.simplify();
    expect(simple.equals(set)).toBe(true);
    expect(disagreements(simple, evaluateModel(expr))).toEqual([]);
    expect(simple.boxCount).toBeLessThanOrEqual(set.boxCount);
    expect(simple.simplify().boxCount).toBe(simple.boxCount);
  });

  test.prop([exprArb], RUNS)('every box keeps each address a single interval', (expr) => {
    const set = evaluateSet(expr);
    expect(staircaseViolations(set)).toEqual([]);
    expect(staircaseViolations(set.simplify())).toEqual([]);
    expect(staircaseViolations(PacketSet.all().subtract(set))).toEqual([]);
  });

  test.prop([exprArb, fc.constantFrom(4, 6), fc.nat(7)], RUNS)(
    'rewrite moves every packet of the family to the new destination and TCP/UDP port',
    (expr, family, pick) => {
      const addresses = universeAddresses(family as IpFamily);
      const destination = addresses[pick % addresses.length]!;
      const set = evaluateSet(expr).rewrite({ destination, destinationPort: 3 });
      expect(disagreements(set, rewriteModel(evaluateModel(expr), destination, 3))).toEqual([]);
    },
  );

  test.prop([exprArb], RUNS)('point(p) holds p and no other packet of the universe', (expr) => {
    const sample = evaluateSet(expr).sample();
    if (sample === undefined) return;
    const key = packetKey(sample);
    const model = Uint8Array.from(PACKET_KEYS, (k) => (k === key ? 1 : 0));
    expect(model.includes(1)).toBe(true);
    expect(disagreements(PacketSet.point(sample), model)).toEqual([]);
  });
});

describe('PacketSet algebraic laws over the whole packet space', () => {
  const all = PacketSet.all();
  const setArb = fc
    .array(specArb, { minLength: 0, maxLength: 3 })
    .map((specs) => PacketSet.unionAll(specs.map((spec) => PacketSet.of(spec))));

  test.prop([setArb, setArb], RUNS)(
    'De Morgan: complements swap union and intersection',
    (a, b) => {
      expect(all.subtract(a.union(b)).equals(all.subtract(a).intersect(all.subtract(b)))).toBe(
        true,
      );
      expect(all.subtract(a.intersect(b)).equals(all.subtract(a).union(all.subtract(b)))).toBe(
        true,
      );
    },
  );

  test.prop([setArb, setArb], RUNS)(
    'union and intersection are commutative and idempotent',
    (a, b) => {
      expect(a.union(b).equals(b.union(a))).toBe(true);
      expect(a.intersect(b).equals(b.intersect(a))).toBe(true);
      expect(a.union(a).equals(a)).toBe(true);
      expect(a.intersect(a).equals(a)).toBe(true);
    },
  );

  test.prop([setArb, setArb, setArb], { numRuns: 30 })(
    'union and intersection associate and distribute',
    (a, b, c) => {
      expect(
        a
          .union(b)
          .union(c)
          .equals(a.union(b.union(c))),
      ).toBe(true);
      expect(
        a
          .intersect(b)
          .intersect(c)
          .equals(a.intersect(b.intersect(c))),
      ).toBe(true);
      expect(a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c)))).toBe(true);
    },
  );

  test.prop([setArb, setArb], RUNS)(
    'a \\ b shares nothing with b and joins it back to a ∪ b',
    (a, b) => {
      const difference = a.subtract(b);
      expect(difference.intersect(b).isEmpty()).toBe(true);
      expect(difference.overlaps(b)).toBe(false);
      expect(difference.union(b).equals(a.union(b))).toBe(true);
      expect(difference.isSubsetOf(a)).toBe(true);
    },
  );

  test.prop([setArb], RUNS)(
    'complement twice is the identity, and a set and its complement tile all()',
    (a) => {
      expect(a.complement().complement().equals(a)).toBe(true);
      expect(a.union(a.complement()).equals(all)).toBe(true);
      expect(a.intersect(a.complement()).isEmpty()).toBe(true);
    },
  );

  test.prop([setArb], RUNS)('reversing twice gives the same set back', (a) => {
    expect(a.reverse().reverse().equals(a)).toBe(true);
  });

  // Many small boxes with coinciding edges, so intersect takes its indexed path (over 1,024
  // box pairs) and meets boxes that touch exactly at a bound. A shifted cover only partly
  // overlaps the other's bounding box, so the pass that drops boxes outside it has work to do.
  const denseSetArbAt = (firstHost: number, firstPort: number) =>
    fc
      .array(
        fc.record({
          host: fc.integer({ min: firstHost, max: firstHost + 15 }),
          prefix: fc.constantFrom(28, 30, 31, 32),
          from: fc.integer({ min: firstPort, max: firstPort + 20 }),
          width: fc.integer({ min: 0, max: 3 }),
        }),
        { minLength: 33, maxLength: 60 },
      )
      .map((rules) =>
        PacketSet.unionAll(
          rules.map(({ host, prefix, from, width }) =>
            PacketSet.of({
              protocol: 6,
              sources: [cidr(`10.0.0.${host}/${prefix}`)],
              destinationPorts: { from, to: from + width },
            }),
          ),
        ),
      );
  const denseSetArb = denseSetArbAt(0, 0);

  test.prop([denseSetArb, denseSetArbAt(8, 12)], { numRuns: 30 })(
    'intersecting covers that overlap only in part agrees with a \\ (a \\ b), both ways',
    (a, b) => {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const both = x.intersect(y);
        expect(both.equals(x.subtract(x.subtract(y)))).toBe(true);
        expect(x.overlaps(y)).toBe(!both.isEmpty());
      }
    },
  );

  test.prop([denseSetArb, denseSetArb], { numRuns: 30 })(
    'intersecting large covers agrees with a \\ (a \\ b) and with overlaps',
    (a, b) => {
      const both = a.intersect(b);
      expect(both.equals(a.subtract(a.subtract(b)))).toBe(true);
      expect(both.isSubsetOf(a) && both.isSubsetOf(b)).toBe(true);
      expect(a.overlaps(b)).toBe(!both.isEmpty());
    },
  );

  test('all() holds every family and protocol; empty() holds nothing', () => {
    expect(all.isEmpty()).toBe(false);
    expect(PacketSet.empty().isEmpty()).toBe(true);
    expect(PacketSet.empty().sample()).toBeUndefined();
    expect(all.complement().isEmpty()).toBe(true);
    expect(
      PacketSet.of({ family: 4 })
        .union(PacketSet.of({ family: 6 }))
        .equals(all),
    ).toBe(true);
    expect(PacketSet.of({ protocol: 6 }).equals(all)).toBe(false);
  });
});
