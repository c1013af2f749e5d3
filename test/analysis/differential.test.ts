import { writeFileSync } from 'node:fs';
import { test } from '@fast-check/vitest';
import { afterAll, expect, describe as suite, vi } from 'vitest';
import { reachTo } from '../../src/analysis/reach/reach.js';
import { traceFlow } from '../../src/analysis/trace.js';
import { UsageError } from '../../src/errors.js';
import { rangeToCidrs } from '../../src/net/cidr.js';
import { PacketSet } from '../../src/net/packet-set.js';
import { buildNetwork } from '../../src/network/build.js';
import type { Network } from '../../src/network/types.js';
import { buildSnapshot } from '../../src/snapshot/validate.js';
import {
  type OracleQuestion,
  oracleAdmitted,
  oracleSources,
  oracleTrace,
  prepareSnapshot,
  scenarioWithQuestionArb,
} from '../oracle/index.js';

// The engine against the brute-force oracle (test/oracle), which shares no code with src/: on
// random small AWS-like snapshots biased to the edge cases, every trace and every who-can-reach
// answer must agree. fast-check shrinks any mismatch to a minimal snapshot; keep each one as a
// regression case in differential-regressions.test.ts.

function networkOf(raw: Record<string, unknown>): Network {
  return buildNetwork(buildSnapshot([{ document: raw, origin: { file: 'random.json' } }]));
}

type Ranges = readonly (readonly [number, number])[] | readonly { from: number; to: number }[];

function normalized(ranges: Ranges): string {
  return JSON.stringify(
    ranges.map((r) =>
      Array.isArray(r) ? [r[0], r[1]] : [(r as { from: number }).from, (r as { to: number }).to],
    ),
  );
}

function engineTrace(network: Network, question: OracleQuestion) {
  try {
    return traceFlow(network, {
      from: question.from,
      to: question.to,
      protocol: question.protocol,
      port: question.port,
      ...(question.sourcePorts === undefined ? {} : { sourcePorts: question.sourcePorts }),
      ...(question.icmp === undefined
        ? {}
        : { icmpType: question.icmp.type, icmpCode: question.icmp.code }),
    });
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

// A fixed wall-clock budget per property (fast-check stops early, without failing, when it runs
// out): about a minute for both in CI. VPCREACH_ORACLE_SECONDS raises it for a longer hunt.
const SECONDS = Number(process.env.VPCREACH_ORACLE_SECONDS ?? 60);
const budget = (share: number) => ({
  numRuns: 100_000,
  interruptAfterTimeLimit: SECONDS * share * 1000,
  markInterruptAsFailure: false,
});
vi.setConfig({ testTimeout: (SECONDS + 60) * 1000 });
const compared = { traces: 0, reach: 0 };
afterAll(() => {
  console.log(
    `oracle: ${compared.traces} traces and ${compared.reach} who-can-reach answers compared`,
  );
});

suite('engine = brute-force oracle on random snapshots', () => {
  test.prop([scenarioWithQuestionArb()], budget(0.6))(
    'trace: verdict, every path verdict, passing ports',
    ({ scenario, question }) => {
      const snapshot = prepareSnapshot(scenario.raw);
      const oracle = oracleTrace(snapshot, question);
      const engine = engineTrace(networkOf(scenario.raw), question);
      if (engine === undefined) return;
      // An ENI talking to itself is not a network path; the two models answer it differently.
      if (engine.paths.some((p) => p.waypoints.destination?.eniId === p.waypoints.source.eniId))
        return;
      compared.traces++;
      dump('trace', scenario.raw, question, engine.verdict !== oracle.verdict);
      expect(engine.verdict).toBe(oracle.verdict);
      // A path is named by its endpoint ENI, NLB node and target: a load balancer asked for
      // directly has one path per node and target.
      const key = (endpoint?: string, node?: string, target?: string) =>
        `${endpoint ?? '-'} ${node ?? '-'} ${target ?? '-'}`;
      const engineKey = (p: (typeof engine.paths)[number]) =>
        key(
          p.waypoints.endpoint?.eniId,
          p.waypoints.loadBalancer?.nodeEniId,
          p.waypoints.target?.eniId ?? p.waypoints.destination?.eniId,
        );
      const oracleKey = (p: (typeof oracle.paths)[number]) =>
        key(p.endpointEni, p.nlbNode, p.target);
      const enginePaths = engine.paths.map((p) => `${engineKey(p)} ${p.verdict}`).sort();
      const oraclePaths = oracle.paths.map((p) => `${oracleKey(p)} ${p.verdict}`).sort();
      if (oracle.paths.every((p) => p.target !== undefined || p.endpointEni === undefined)) {
        expect(enginePaths).toEqual(oraclePaths);
      }
      for (const path of engine.paths.filter((p) => p.verdict !== 'unreachable')) {
        const match = oracle.paths.find((p) => oracleKey(p) === engineKey(path));
        if (match === undefined) continue;
        expect(normalized(path.clientPortsPassing)).toBe(normalized(match.clientPortsPassing));
      }
    },
  );

  test.prop([scenarioWithQuestionArb()], budget(0.4))(
    'reach: the admitted source space, box for box',
    ({ scenario, question }) => {
      // IPv4 packets only: the oracle's reach answers one family, and an IPv6 `to` is another.
      if (question.protocol !== 'tcp' && question.protocol !== 'udp') return;
      if (question.to.includes(':')) return;
      const network = networkOf(scenario.raw);
      const ports = { from: question.port, to: question.port };
      let engine: ReturnType<typeof reachTo>;
      try {
        engine = reachTo(network, {
          to: question.to,
          protocol: question.protocol,
          ports,
          ...(question.sourcePorts ? { sourcePorts: question.sourcePorts } : {}),
        });
      } catch (error) {
        if (error instanceof UsageError) return;
        throw error;
      }
      const protocol = question.protocol === 'tcp' ? 6 : 17;
      const snapshot = prepareSnapshot(scenario.raw);
      const oracle = oracleAdmitted(snapshot, question.to, {
        family: 4,
        protocol: question.protocol,
        ports,
        ...(question.sourcePorts ? { sourcePorts: question.sourcePorts } : {}),
      });
      const fromEngine = PacketSet.unionAll(
        engine.admitted.map((item) =>
          PacketSet.of({
            family: 4,
            protocol,
            sources: item.cidrs.filter((c) => !c.includes(':')).map(parse),
            destinationPorts: ports,
          }),
        ),
      );
      const fromOracle = PacketSet.unionAll(
        oracle
          .filter((box) => box.family === 4)
          .map((box) =>
            PacketSet.of({
              family: 4,
              protocol: box.protocol,
              sources: rangeToCidrs(4, box.sourceLo, box.sourceHi),
              destinationPorts: { from: box.portLo, to: box.portHi },
            }),
          ),
      );
      // Compare where the engine answers: the destination VPC's addresses (routing beyond it is
      // not modelled), less the ENIs that never open flows (endpoint ENIs, NLB nodes).
      const vpc = network.vpcs.get(
        network.enis.get(engine.destinations[0]?.eniId ?? '')?.vpcId ?? '',
      );
      if (vpc === undefined) return;
      const silent = [...network.enis.values()]
        .filter((e) => e.kind === 'vpc-endpoint' || e.kind === 'nlb-node')
        .flatMap((e) => e.ipv4.map((a) => ({ network: a, prefixLength: 32 })));
      const scope = PacketSet.of({
        family: 4,
        sources: vpc.cidrs.filter((c) => c.network.family === 4),
      }).subtract(PacketSet.of({ sources: silent }));
      compared.reach++;
      dump(
        'reach',
        scenario.raw,
        question,
        !fromEngine.intersect(scope).equals(fromOracle.intersect(scope)),
      );
      const extra = fromEngine.intersect(scope).subtract(fromOracle).sample();
      const missing = fromOracle.intersect(scope).subtract(fromEngine).sample();
      expect({
        extra: describe(extra),
        missing: describe(missing),
        question: JSON.stringify(question),
      }).toMatchObject({ extra: 'none', missing: 'none' });
      // The reaching ENIs, on ENIs with one IPv4 address only: there the engine's "from or to
      // some address of the ENI" and the oracle's "its primary address" ask the same thing.
      const single = (id: string) => {
        const eni = network.enis.get(id);
        return eni !== undefined && eni.ipv4.length === 1 && eni.ipv6.length === 0;
      };
      const named = engine.destinations.map((d) => d.eniId);
      if (!question.to.match(/^[\d.]+$/) && !named.every(single)) return;
      const oracleSourceIds = oracleSources(snapshot, question.to, {
        family: 4,
        protocol: question.protocol,
        ports,
        ...(question.sourcePorts ? { sourcePorts: question.sourcePorts } : {}),
      }).map((box) => box.eniId);
      expect([...new Set(engine.sources.map((s) => s.eniId).filter(single))].sort()).toEqual(
        [...new Set(oracleSourceIds.filter(single))].sort(),
      );
    },
  );
});

/** With VPCREACH_ORACLE_DUMP set, the last (shrunk) mismatch is written out for debugging. */
function dump(name: string, raw: unknown, question: unknown, failing: boolean): void {
  if (failing && process.env.VPCREACH_ORACLE_DUMP) {
    writeFileSync(
      `${process.env.VPCREACH_ORACLE_DUMP}/${name}.json`,
      JSON.stringify({ raw, question }, null, 1),
    );
  }
}

function describe(packet: ReturnType<PacketSet['sample']>): string {
  if (packet === undefined) return 'none';
  const w = packet.source.words[3];
  return `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255} proto ${packet.protocol} port ${packet.destinationPort}`;
}

function parse(text: string) {
  const [address, length] = text.split('/');
  const bits = BigInt(address!.split('.').reduce((value, octet) => value * 256 + Number(octet), 0));
  return rangeToCidrs(4, bits, bits + (1n << BigInt(32 - Number(length))) - 1n)[0]!;
}
