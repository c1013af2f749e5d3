import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { generateFromSpec } from '../../../bench/generate/generate.js';
import { W1 } from '../../../bench/generate/workloads/w1.js';
import {
  type DestinationReach,
  reachOfDestinations,
} from '../../../src/analysis/diff/destination-reach.js';
import { diffNetworks } from '../../../src/analysis/diff/diff.js';
import { resolveScope, sideContext } from '../../../src/analysis/reach/reach.js';
import { traceFlow } from '../../../src/analysis/trace.js';
import { formatIp, ipKey } from '../../../src/net/address.js';
import { hostCidr } from '../../../src/net/cidr.js';
import { type Packet, PacketSet } from '../../../src/net/packet-set.js';
import { buildNetwork } from '../../../src/network/build.js';
import type { Eni, Network } from '../../../src/network/types.js';
import { buildSnapshot } from '../../../src/snapshot/validate.js';

// A W1-shaped network at a tenth of its size: one VPC pair, a few services and endpoints.
const SPEC = {
  ...W1,
  vpcs: 2,
  subnets: 8,
  enis: 60,
  securityGroups: 12,
  networkAcls: 4,
  endpointServices: 2,
  interfaceEndpoints: 3,
  prefixLists: { count: 1, maxEntries: 5 },
};
type Json = Record<string, unknown>;
const DOCS = generateFromSpec(SPEC, 7).accounts[0]!.documents as unknown as Record<string, Json[]>;
const networkOf = (docs: Record<string, Json[]>) =>
  buildNetwork(buildSnapshot([{ document: docs as never, origin: { file: 'generated.json' } }]));
const BEFORE = networkOf(DOCS);
const IN_USE = new Set(
  [...BEFORE.enis.values()].filter((e) => e.kind !== 'nlb-node').flatMap((e) => e.securityGroupIds),
);
const PORTS = [22, 80, 443, 8080, 8443, 3306];

/** One random rule change: add or remove a group rule, or flip or drop a NACL entry. */
const mutationArb = fc.record({
  kind: fc.constantFrom('add-rule', 'remove-rule', 'flip-entry', 'drop-entry'),
  index: fc.nat(),
  entry: fc.nat(),
  egress: fc.boolean(),
  port: fc.constantFrom(...PORTS),
  wide: fc.boolean(),
});
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Mutation): Record<string, Json[]> {
  const docs = structuredClone(DOCS);
  if (m.kind === 'add-rule' || m.kind === 'remove-rule') {
    const used = docs.SecurityGroups!.filter((g) => IN_USE.has(String(g.GroupId)));
    const group = used[m.index % used.length]!;
    const key = m.egress ? 'IpPermissionsEgress' : 'IpPermissions';
    const rules = (group[key] as Json[] | undefined) ?? [];
    if (m.kind === 'remove-rule' && rules.length > 0) rules.splice(m.entry % rules.length, 1);
    const vpc = docs.Vpcs!.find((v) => v.VpcId === group.VpcId);
    const cidr = m.wide ? '0.0.0.0/0' : String(vpc?.CidrBlock ?? '10.0.0.0/8');
    if (m.kind === 'add-rule')
      rules.push({
        IpProtocol: 'tcp',
        FromPort: m.port,
        ToPort: m.port,
        IpRanges: [{ CidrIp: cidr }],
      });
    group[key] = rules;
    return docs;
  }
  const acls = docs.NetworkAcls!.filter((a) => (a.Associations as Json[] | undefined)?.length);
  const acl = acls[m.index % acls.length]!;
  const entries = (acl.Entries as Json[]).filter((e) => Number(e.RuleNumber) < 32767);
  if (entries.length === 0) return docs;
  const chosen = entries[m.entry % entries.length]!;
  if (m.kind === 'flip-entry') chosen.RuleAction = chosen.RuleAction === 'allow' ? 'deny' : 'allow';
  else acl.Entries = (acl.Entries as Json[]).filter((e) => e !== chosen);
  return docs;
}

const senders = (network: Network) =>
  [...network.enis.values()].filter(
    (e) => (e.kind === 'instance' || e.kind === 'other') && e.ipv4.length > 0,
  );
const SENDERS = senders(BEFORE).map((e) => hostCidr(e.ipv4[0]!));
const SCOPE = resolveScope({ protocol: 'tcp' });
const REACH_BEFORE = reachOfDestinations(sideContext(BEFORE, {}), SCOPE, undefined);
/** The packets a trace can start: from a sender's primary address to a destination's. */
const primaries = (destination: DestinationReach) =>
  PacketSet.of({
    family: 4,
    sources: SENDERS,
    destinations: destination.sides.flatMap((s) => s.eni.ipv4.slice(0, 1).map(hostCidr)),
  });

/** Whether the packet gets through, by a concrete trace of its one source port. */
function passes(network: Network, packet: Packet): boolean {
  const from = network.eniByIp.get(ipKey(packet.source));
  if (from === undefined) return false;
  const result = traceFlow(network, {
    from: from.id,
    to: formatIp(packet.destination),
    protocol: 'tcp',
    port: packet.destinationPort,
    sourcePorts: { from: packet.sourcePort, to: packet.sourcePort },
  });
  return result.verdict !== 'unreachable';
}

function randomPackets(network: Network, seed: number, count: number): Packet[] {
  const rng = fc.sample(fc.nat(), { seed, numRuns: count * 4 });
  const from = senders(network);
  const to = [...network.enis.values()].filter((e) => e.kind !== 'nlb-node' && e.ipv4.length > 0);
  const packets: Packet[] = [];
  for (let i = 0; i + 3 < rng.length; i += 4) {
    const source = from[rng[i]! % from.length]!;
    const inVpc = to.filter((e: Eni) => e.vpcId === source.vpcId && e.id !== source.id);
    const destination = inVpc[rng[i + 1]! % inVpc.length];
    if (destination === undefined) continue;
    packets.push({
      family: 4,
      protocol: 6,
      source: source.ipv4[0]!,
      sourcePort: 1024 + (rng[i + 2]! % 64512),
      destination: destination.ipv4[0]!,
      destinationPort: PORTS[rng[i + 3]! % PORTS.length]!,
    });
  }
  return packets;
}

/** Checks one mutation against traces; returns how many destinations changed. */
function checkAgainstTraces(mutation: Mutation, seed: number): number {
  const after = networkOf(mutate(mutation));
  const a = REACH_BEFORE;
  const b = reachOfDestinations(sideContext(after, {}), SCOPE, undefined);
  // Destinations are told apart by their addresses, so the per-destination differences
  // together are the difference of the whole; traces start at primary addresses only.
  const changed = new Set<string>();
  const pieces: PacketSet[] = [];
  const minus = (x: typeof a, y: typeof a) =>
    PacketSet.unionAll(
      [...x].map(([label, d]) => {
        const other = y.get(label)?.reached ?? PacketSet.empty();
        const rest = d.reached.intersect(primaries(d)).subtract(other);
        if (!rest.isEmpty()) changed.add(label);
        pieces.push(rest);
        return rest;
      }),
    );
  const opened = minus(b, a);
  const closed = minus(a, b);
  const packets = [
    ...pieces.map((piece) => piece.sample()).filter((p) => p !== undefined),
    ...randomPackets(BEFORE, seed, 25),
  ];
  for (const packet of packets) {
    const wasOk = passes(BEFORE, packet);
    const isOk = passes(after, packet);
    expect({ packet: describePacket(packet), opened: opened.contains(packet) }).toEqual({
      packet: describePacket(packet),
      opened: isOk && !wasOk,
    });
    expect(closed.contains(packet)).toBe(wasOk && !isOk);
  }
  // The report loses no opened or closed packet: some flow of its destination covers it.
  const report = diffNetworks(BEFORE, after, { protocol: 'tcp', to: [...changed] });
  for (const [set, change] of [
    [opened, 'opened'],
    [closed, 'closed'],
  ] as const) {
    const packet = set.sample();
    if (packet === undefined) continue;
    const flows = report.destinations.flatMap((d) => d.flows).filter((f) => f.change === change);
    expect(
      flows.some((f) => f.sources.enis.includes(BEFORE.eniByIp.get(ipKey(packet.source))!.id)),
    ).toBe(true);
  }
  return changed.size;
}

describe('diff against brute force on a generated network with one rule changed', () => {
  test.prop([mutationArb, fc.nat()], { numRuns: 8 })(
    'opened ⇔ reachable after and not before, closed ⇔ the reverse, by concrete trace',
    (mutation, seed) => {
      checkAgainstTraces(mutation, seed);
    },
  );

  it('the fixed changes below each open or close something, so the check is not vacuous', () => {
    const fixed: Mutation[] = [0, 1, 2, 3, 4, 5].flatMap((index) => [
      { kind: 'add-rule', index, entry: 0, egress: false, port: 443, wide: true },
      { kind: 'remove-rule', index, entry: 0, egress: false, port: 443, wide: true },
    ]);
    const changed = fixed.map((m, i) => checkAgainstTraces(m, i));
    expect(changed.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

function describePacket(p: Packet): string {
  return `${formatIp(p.source)}:${p.sourcePort} -> ${formatIp(p.destination)}:${p.destinationPort}`;
}
