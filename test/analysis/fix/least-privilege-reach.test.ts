import { describe, expect, it } from 'vitest';
import { planFix } from '../../../src/analysis/fix/plan.js';
import { destinationSides, resolveScope, sideContext } from '../../../src/analysis/reach/reach.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { cidr } from '../../../src/net/cidr.js';
import { PacketSet } from '../../../src/net/packet-set.js';
import { buildNetwork } from '../../../src/network/build.js';
import type { Snapshot } from '../../../src/snapshot/snapshot.js';
import { BROKEN, MANUAL_ONLY, QUESTION } from './examples.js';

/** Every request packet the endpoint carries through to the service, any protocol and port. */
function admitted(snapshot: Snapshot): PacketSet {
  const ctx = sideContext(buildNetwork(snapshot), {});
  const sets = (['tcp', 'udp'] as const).flatMap((protocol) =>
    destinationSides(ctx, QUESTION.to, resolveScope({ protocol })).map((side) => side.admitted),
  );
  return PacketSet.unionAll(sets);
}

// What the fix of `--from client --port 443` may open, at the default subnet scope: TCP to port
// 443 from the client's subnet. Anything else newly admitted would be wider than needed.
const INTENDED = PacketSet.of({
  protocol: 6,
  sources: [cidr('10.0.1.0/24')],
  destinationPorts: { from: 443, to: 443 },
});

describe('symbolically: a fix admits no packet outside the intended flow at its scope', () => {
  for (const example of BROKEN) {
    if (MANUAL_ONLY[example.name] !== undefined) continue;
    it(`${example.name}: what the endpoint newly carries is TCP 443 from the client subnet, at most`, () => {
      const snapshot = loadSnapshot(example.dir);
      const before = admitted(snapshot);
      const after = admitted(planFix(snapshot, QUESTION).snapshot);
      const opened = after.subtract(before);
      expect(opened.subtract(INTENDED).isEmpty(), JSON.stringify(opened.sample())).toBe(true);
      expect(before.subtract(after).isEmpty()).toBe(true);
    });
  }

  it('the check sees a change: fixing the endpoint group opens exactly TCP 443 from the client subnet', () => {
    const dir = BROKEN.find((e) => e.name === 'endpoint-sg-wrong-port')!.dir;
    const snapshot = loadSnapshot(dir);
    const opened = admitted(planFix(snapshot, QUESTION).snapshot).subtract(admitted(snapshot));
    expect(opened.isEmpty()).toBe(false);
    expect(opened.subtract(INTENDED).isEmpty()).toBe(true);
  });
});
