/**
 * fast-check arbitraries for single rules (security group permissions, NACL entries), biased to
 * the edge cases of performance.md §8.3: /0 and /32, port 0 and 65535, from = to, protocol -1
 * against 6/17/1, rule numbers 1 and 32766, self and mutual group references, stale references.
 */
import fc from 'fast-check';
import { naclEntry, permission } from './build.js';

/** Addresses and blocks a rule may name: drawn from the snapshot so that rules actually bite. */
export interface AddressPool {
  v4Cidrs: string[];
  v6Cidrs: string[];
  v4Hosts: string[];
  v6Hosts: string[];
  groupIds: string[];
  prefixListIds: string[];
}

const PORTS = [0, 1, 22, 80, 443, 1023, 1024, 5000, 8080, 8443, 32767, 32768, 61000, 65535];

/** A port, usually one of the telling values above. */
export const portArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PORTS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 65535 }) },
);

/** An inclusive port range: single ports, everything, the ephemeral ranges, or two ports. */
export const portRangeArb = fc.oneof(
  portArb.map((p) => ({ from: p, to: p })),
  fc.constantFrom(
    { from: 0, to: 65535 },
    { from: 1024, to: 65535 },
    { from: 32768, to: 65535 },
    { from: 49152, to: 65535 },
    { from: 0, to: 0 },
    { from: 65535, to: 65535 },
  ),
  fc.tuple(portArb, portArb).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
);

const icmpTypeArb = fc.constantFrom(-1, 0, 3, 8, 11, 128);
const icmpCodeArb = fc.constantFrom(-1, 0, 1, 4);

function v4CidrArb(pool: AddressPool) {
  const options = [
    fc.constant('0.0.0.0/0'),
    fc.constantFrom(...pool.v4Hosts).map((ip) => `${ip}/32`),
    fc.constantFrom(...pool.v4Cidrs),
    fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 8, max: 30 }),
      )
      .map(([b, c, len]) => `10.${b}.${c}.0/${len}`),
  ];
  return fc.oneof(...options.filter((_, i) => i !== 1 || pool.v4Hosts.length > 0));
}

function v6CidrArb(pool: AddressPool) {
  const options: fc.Arbitrary<string>[] = [fc.constant('::/0')];
  if (pool.v6Hosts.length > 0)
    options.push(fc.constantFrom(...pool.v6Hosts).map((ip) => `${ip}/128`));
  if (pool.v6Cidrs.length > 0) options.push(fc.constantFrom(...pool.v6Cidrs));
  return fc.oneof(...options);
}

/** Any CIDR for a NACL entry, IPv4 more often than IPv6. */
export function cidrArb(pool: AddressPool) {
  return fc.oneof(
    { weight: 3, arbitrary: v4CidrArb(pool) },
    { weight: 1, arbitrary: v6CidrArb(pool) },
  );
}

const sgProtocolArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('tcp') },
  { weight: 2, arbitrary: fc.constant('-1') },
  { weight: 1, arbitrary: fc.constantFrom('udp', 'icmp', 'icmpv6', '6', '17', '1', '47') },
);

type Peer = {
  cidrs?: string[];
  ipv6Cidrs?: string[];
  prefixLists?: string[];
  groups?: string[];
  staleGroups?: string[];
};

function peerArb(pool: AddressPool, ownGroup: string): fc.Arbitrary<Peer> {
  const groups = [...pool.groupIds, ownGroup, 'sg-0ffffffffffffff00'];
  const choices: fc.Arbitrary<Peer>[] = [
    v4CidrArb(pool).map((c) => ({ cidrs: [c] })),
    v6CidrArb(pool).map((c) => ({ ipv6Cidrs: [c] })),
    fc.constantFrom(...groups).map((g) => ({ groups: [g] })),
    fc.constant({ groups: [ownGroup] }),
    fc.constantFrom(...groups).map((g) => ({ staleGroups: [g] })),
  ];
  if (pool.prefixListIds.length > 0) {
    choices.push(fc.constantFrom(...pool.prefixListIds).map((p) => ({ prefixLists: [p] })));
  }
  return fc.oneof(...choices);
}

/** One IpPermission of group `ownGroup`, with one peer. */
export function permissionArb(pool: AddressPool, ownGroup: string) {
  return fc
    .record({
      protocol: sgProtocolArb,
      ports: portRangeArb,
      type: icmpTypeArb,
      code: icmpCodeArb,
      peer: peerArb(pool, ownGroup),
    })
    .map((r) => {
      const icmp = r.protocol === 'icmp' || r.protocol === 'icmpv6' || r.protocol === '1';
      const ported = ['tcp', 'udp', '6', '17'].includes(r.protocol);
      const range = icmp
        ? { from: r.type, to: r.type === -1 ? -1 : r.code }
        : ported
          ? r.ports
          : r.protocol === '47'
            ? { from: -1, to: -1 }
            : {};
      return permission({ protocol: r.protocol, ...range, ...r.peer });
    });
}

/** A wide inbound rule (a VPC or everything, all or common ports), so many flows get through. */
export function broadPermissionArb(pool: AddressPool) {
  return fc
    .record({
      cidr: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', ...pool.v4Cidrs),
      protocol: fc.constantFrom('-1', 'tcp', 'tcp', 'udp'),
      ports: fc.constantFrom({ from: 0, to: 65535 }, { from: 22, to: 443 }, { from: 80, to: 8443 }),
    })
    .map((r) =>
      r.protocol === '-1'
        ? permission({ protocol: '-1', cidrs: [r.cidr] })
        : permission({ protocol: r.protocol, from: r.ports.from, to: r.ports.to, cidrs: [r.cidr] }),
    );
}

const naclProtocolArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('6') },
  { weight: 2, arbitrary: fc.constant('-1') },
  { weight: 1, arbitrary: fc.constantFrom('17', '1', '58', '47') },
);

const ruleNumberArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(1, 32766) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 300 }) },
);

/** One NACL entry; the caller drops duplicates of (direction, rule number). */
export function naclEntryArb(pool: AddressPool) {
  return fc
    .record({
      ruleNumber: ruleNumberArb,
      egress: fc.boolean(),
      action: fc.constantFrom<'allow' | 'deny'>('allow', 'allow', 'deny'),
      protocol: naclProtocolArb,
      cidr: cidrArb(pool),
      ports: portRangeArb,
      type: icmpTypeArb,
      code: icmpCodeArb,
    })
    .map((r) => {
      const ported = r.protocol === '6' || r.protocol === '17';
      const icmp = r.protocol === '1' || r.protocol === '58';
      return naclEntry({
        ruleNumber: r.ruleNumber,
        egress: r.egress,
        action: r.action,
        protocol: r.protocol,
        cidr: r.cidr,
        ...(ported ? { ports: r.ports } : {}),
        ...(icmp ? { icmp: { type: r.type, code: r.type === -1 ? -1 : r.code } } : {}),
      });
    });
}

const EPHEMERAL = [
  { from: 1024, to: 65535 },
  { from: 32768, to: 65535 },
  { from: 49152, to: 65535 },
  { from: 1024, to: 32767 },
  { from: 32768, to: 61000 },
];

interface CustomStyle {
  service: { from: number; to: number };
  ephemeral: { from: number; to: number };
  deny: string | null;
  udp: boolean;
  openEgress: boolean;
}

function customStyleEntries(style: CustomStyle) {
  const allow = (
    ruleNumber: number,
    egress: boolean,
    protocol: string,
    ports?: CustomStyle['service'],
  ) =>
    naclEntry({
      ruleNumber,
      egress,
      action: 'allow',
      protocol,
      cidr: '0.0.0.0/0',
      ...(ports ? { ports } : {}),
    });
  // Outbound often allows everything; inbound then decides both requests and replies.
  const directions = style.openEgress ? [false] : [true, false];
  const entries = directions.flatMap((egress) => [
    allow(100, egress, '6', style.service),
    allow(110, egress, '6', style.ephemeral),
    ...(style.udp ? [allow(120, egress, '17', style.ephemeral)] : []),
  ]);
  if (style.openEgress) entries.unshift(allow(100, true, '-1'));
  if (style.deny === null) return entries;
  const deny = naclEntry({
    ruleNumber: 50,
    egress: false,
    action: 'deny',
    protocol: '-1',
    cidr: style.deny,
  });
  return [deny, ...entries];
}

/**
 * A hand-written style NACL: service ports in, an ephemeral range for replies (often narrower
 * than 1024-65535, so some return paths pass only in part), sometimes outbound open, sometimes
 * a deny of one block in front.
 */
export function customStyleEntriesArb(pool: AddressPool) {
  return fc
    .record({
      service: fc.constantFrom(
        { from: 80, to: 443 },
        { from: 443, to: 443 },
        { from: 22, to: 8443 },
      ),
      ephemeral: fc.constantFrom(...EPHEMERAL),
      deny: fc.option(v4CidrArb(pool), { freq: 3 }),
      udp: fc.boolean(),
      openEgress: fc.boolean(),
    })
    .map(customStyleEntries);
}

/**
 * A NACL's entries: random ones (unique rule numbers per direction, often followed by a broad
 * allow), or a hand-written style.
 */
export function naclEntriesArb(pool: AddressPool) {
  return fc.oneof(
    { weight: 1, arbitrary: randomEntriesArb(pool) },
    { weight: 2, arbitrary: customStyleEntriesArb(pool) },
  );
}

function randomEntriesArb(pool: AddressPool) {
  const allowTail = fc.constantFrom(true, false);
  return fc
    .tuple(fc.array(naclEntryArb(pool), { maxLength: 10 }), allowTail)
    .map(([entries, tail]) => {
      const seen = new Set<string>();
      const unique = entries.filter((e) => {
        const key = `${e.Egress}:${e.RuleNumber}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (!tail) return unique;
      // A broad allow after the random entries, so that denies shadow allows and not only the `*`.
      const broad = [true, false].flatMap((egress) => [
        naclEntry({
          ruleNumber: 32000,
          egress,
          action: 'allow',
          protocol: '-1',
          cidr: '0.0.0.0/0',
        }),
        naclEntry({ ruleNumber: 32001, egress, action: 'allow', protocol: '-1', cidr: '::/0' }),
      ]);
      return [...unique, ...broad];
    });
}
