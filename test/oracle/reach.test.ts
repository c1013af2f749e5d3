import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BATFISH_DATA } from '../real-data.js';
import { scenarioArb } from './arbitrary.js';
import type { Scenario } from './arbitrary-snapshot.js';
import { oracleTrace, prepareSnapshot } from './evaluate.js';
import { parseAddress } from './ip.js';
import { admittedAt, admittedVerdict, oracleAdmitted, oracleSources } from './reach.js';

const DATA = BATFISH_DATA;

/** A destination of each kind the scenario has: a plain ENI, and the endpoint service if any. */
function destinationsOf(scenario: Scenario): string[] {
  const first = scenario.plainEnis[0]!;
  return scenario.privateLink ? [first.id, scenario.privateLink.serviceId] : [first.id];
}

/** A random point inside a box, as a bigint and a port. */
function pointIn(
  box: { sourceLo: bigint; sourceHi: bigint; portLo: number; portHi: number },
  a: number,
  b: number,
) {
  const span = box.sourceHi - box.sourceLo;
  const offset = (span * BigInt(Math.floor(a * 1_000_000))) / 1_000_000n;
  return {
    source: box.sourceLo + offset,
    port: box.portLo + Math.floor(b * (box.portHi - box.portLo + 1)),
  };
}

describe('oracle by representatives', () => {
  test.prop(
    [
      scenarioArb(),
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        ),
        { minLength: 5, maxLength: 5 },
      ),
    ],
    { numRuns: 15 },
  )(
    'gives every point of an admitted box the verdict a direct trace gives it',
    (scenario, draws) => {
      const snapshot = prepareSnapshot(scenario.raw);
      for (const to of destinationsOf(scenario)) {
        const boxes = oracleAdmitted(snapshot, to, { protocol: 'tcp' });
        for (const box of boxes) {
          for (const [a, b] of draws) {
            const point = pointIn(box, a, b);
            const packet = {
              family: 4 as const,
              source: point.source,
              protocol: 6,
              port: point.port,
            };
            expect(admittedAt(snapshot, to, packet)).toBe(box.verdict);
          }
        }
      }
    },
  );

  test.prop(
    [
      scenarioArb(),
      fc.array(
        fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 65535 })),
        { minLength: 20, maxLength: 20 },
      ),
    ],
    { numRuns: 15 },
  )(
    'leaves out of every box only packets a direct trace finds unreachable',
    (scenario, packets) => {
      const snapshot = prepareSnapshot(scenario.raw);
      const to = scenario.plainEnis[0]!.id;
      const boxes = oracleAdmitted(snapshot, to, { protocol: 'tcp' });
      const near = scenario.plainEnis.map((e) => parseAddress(e.ip).value);
      for (const [random, port] of packets) {
        for (const source of [random, ...near]) {
          const packet = { family: 4 as const, source, protocol: 6, port };
          expect(admittedVerdict(boxes, packet)).toBe(admittedAt(snapshot, to, packet));
        }
      }
    },
  );

  test.prop(
    [
      scenarioArb(),
      fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
        minLength: 3,
        maxLength: 3,
      }),
    ],
    { numRuns: 15 },
  )('lists source ENIs exactly as concrete traces from them find them', (scenario, draws) => {
    const snapshot = prepareSnapshot(scenario.raw);
    for (const to of destinationsOf(scenario)) {
      const boxes = oracleSources(snapshot, to);
      for (const box of boxes) {
        for (const d of draws) {
          const port = box.portLo + Math.floor(d * (box.portHi - box.portLo + 1));
          const protocol = box.protocol;
          const icmp =
            protocol === 1 || protocol === 58
              ? { type: Math.floor(port / 256), code: port % 256 }
              : undefined;
          const answer = oracleTrace(snapshot, {
            from: box.eniId,
            to,
            protocol,
            port,
            ...(icmp ? { icmp } : {}),
          });
          expect(answer.verdict).toBe(box.verdict);
        }
      }
      const listed = new Set(boxes.map((b) => `${b.eniId}/${b.protocol}`));
      for (const eni of scenario.plainEnis) {
        if (eni.id === to || listed.has(`${eni.id}/6`)) continue;
        for (const port of [22, 80, 443, 8443]) {
          expect(oracleTrace(snapshot, { from: eni.id, to, protocol: 'tcp', port }).verdict).toBe(
            'unreachable',
          );
        }
      }
    }
  });

  it('admits every source on TCP 22 only, in the Batfish test-subnet snapshot', () => {
    const boxes = oracleAdmitted(`${DATA}/test-subnet/aws_configs`, '10.10.1.44');
    expect(boxes).toEqual([
      {
        family: 4,
        sourceLo: 0n,
        sourceHi: (1n << 32n) - 1n,
        protocol: 6,
        portLo: 22,
        portHi: 22,
        verdict: 'reachable',
      },
    ]);
  });

  it('names both instances as sources of the Batfish interface endpoint on TCP 443', () => {
    const boxes = oracleSources(
      `${DATA}/test-vpc-endpoint-interface/aws_configs`,
      'vpce-083c683a6be29b889',
      { protocol: 'tcp', ports: { from: 443, to: 443 } },
    );
    expect(boxes.map((b) => b.eniId).sort()).toEqual([
      'eni-03ffdf7beb0ee9a00',
      'eni-049c6a0839a3348e8',
    ]);
  });
});
