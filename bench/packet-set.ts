/**
 * Micro-benchmark of the packet-set algebra on the shapes W4 stresses: a security group of
 * 1,000 rules from random /32s on single ports, and a network ACL of 40 alternating allow and
 * deny entries on nested blocks and overlapping port ranges. Prints the median of 7 timed runs
 * after 3 warm-ups. Run: npx tsx bench/packet-set.ts
 */
import type { IpAddress } from '../src/net/address.js';
import { cidr } from '../src/net/cidr.js';
import { type Packet, PacketSet } from '../src/net/packet-set.js';
import { summarizeSources } from '../src/net/packet-set-summary.js';

/** Mulberry32: a small seeded generator, so every run measures the same sets. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(42);
const v4 = (value: number): IpAddress => ({ family: 4, words: [0, 0, 0, value >>> 0] });
const randomHost = () => v4(0x0a000000 + Math.floor(next() * 0x10000));
const randomPort = () => 1024 + Math.floor(next() * 64);

const securityGroup = PacketSet.unionAll(
  Array.from({ length: 1000 }, () => {
    const port = randomPort();
    return PacketSet.of({
      protocol: 6,
      sources: [{ network: randomHost(), prefixLength: 32 }],
      destinationPorts: { from: port, to: port },
    });
  }),
);

const aclEntries = Array.from({ length: 40 }, (_, i) => ({
  allow: i % 2 === 1,
  set: PacketSet.of({
    protocol: i % 5 === 0 ? 'all' : 6,
    // Host bits are cleared as AWS does, so these are nested blocks of 10.0.0.0/16.
    sources: [cidr(`10.0.${(i * 37) % 256}.0/${16 + (i % 9)}`)],
    destinationPorts: { from: 1024 + i, to: 1100 + 3 * i },
  }),
}));

/** First match wins: an entry decides only what no earlier entry decided. */
function compileAcl(): PacketSet {
  let decided = PacketSet.empty();
  const allowed: PacketSet[] = [];
  for (const entry of aclEntries) {
    if (entry.allow) allowed.push(entry.set.subtract(decided));
    decided = decided.union(entry.set);
  }
  return PacketSet.unionAll(allowed);
}

const acl = compileAcl();
const probes: Packet[] = Array.from({ length: 1000 }, () => ({
  family: 4,
  protocol: 6,
  source: randomHost(),
  sourcePort: 40000,
  destination: v4(0x0a010203),
  destinationPort: randomPort(),
}));

const cases: Record<string, () => unknown> = {
  'compile 40-entry ACL': compileAcl,
  'SG(1000) ∩ ACL': () => securityGroup.intersect(acl),
  'ACL \\ SG(1000)': () => acl.subtract(securityGroup),
  'all \\ SG(1000)': () => PacketSet.all().subtract(securityGroup),
  'SG(1000) ⊆ all': () => securityGroup.isSubsetOf(PacketSet.all()),
  'SG(1000).simplify()': () => securityGroup.simplify(),
  'summarizeSources(SG(1000))': () => summarizeSources(securityGroup),
  '1000 × SG(1000).contains': () => probes.filter((p) => securityGroup.contains(p)).length,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < 3; i++) run();
  const times = Array.from({ length: 7 }, () => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  console.log(`${name.padEnd(30)} ${median(times).toFixed(2).padStart(9)} ms`);
}
console.log(`boxes: SG ${securityGroup.boxCount}, ACL ${acl.boxCount}`);
console.log(`boxes: all \\ SG ${PacketSet.all().subtract(securityGroup).boxCount}`);
