import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { portStretches } from '../../../src/analysis/check/port-partition.js';
import { traceFlow } from '../../../src/analysis/trace.js';
import { EX, exampleNetwork } from './helpers.js';

const SNAPSHOTS = [
  'privatelink',
  'broken/endpoint-sg-wrong-port',
  'broken/endpoint-nacl-deny-shadows-443',
  'broken/listener-port-mismatch',
  'broken/target-nacl-admits-listener-port',
] as const;

function verdicts(snapshot: string, to: string, port: number) {
  const result = traceFlow(exampleNetwork(snapshot), { from: EX.clientEni, to, port });
  return { verdict: result.verdict, paths: result.paths.map((path) => path.verdict) };
}

describe('portStretches', () => {
  it('splits the ports into contiguous stretches that cover the range exactly', () => {
    const stretches = portStretches(exampleNetwork('privatelink'), { from: 100, to: 9000 });
    expect(stretches[0]!.from).toBe(100);
    expect(stretches.at(-1)!.to).toBe(9000);
    const gaps = stretches.slice(1).filter((stretch, i) => stretch.from !== stretches[i]!.to + 1);
    expect(gaps).toEqual([]);
    expect(stretches).toContainEqual({ from: 443, to: 443 });
  });

  test.prop([
    fc.constantFrom(...SNAPSHOTS),
    fc.constantFrom(EX.endpoint, EX.target1Eni),
    fc.integer({ min: 0, max: 65535 }),
  ])(
    'a trace at any port has the verdicts of the trace at the first port of its stretch',
    (snapshot, to, port) => {
      const stretch = portStretches(exampleNetwork(snapshot), { from: 0, to: 65535 }).find(
        (s) => s.from <= port && port <= s.to,
      )!;
      expect(verdicts(snapshot, to, port)).toEqual(verdicts(snapshot, to, stretch.from));
    },
  );

  it('finds the listener port as a stretch of its own, where the verdict changes', () => {
    const network = exampleNetwork('privatelink');
    const stretches = portStretches(network, { from: 0, to: 65535 });
    const reachable = stretches.filter(
      (s) => verdicts('privatelink', EX.endpoint, s.from).verdict !== 'unreachable',
    );
    expect(reachable).toEqual([{ from: 443, to: 443 }]);
  });
});
