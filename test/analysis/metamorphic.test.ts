import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { reachMatrix } from '../../src/analysis/reach/matrix.js';
import { reachFrom } from '../../src/analysis/reach/reach-from.js';
import { traceFlow } from '../../src/analysis/trace.js';
import { UsageError } from '../../src/errors.js';
import { formatIp, type IpAddress } from '../../src/net/address.js';
import { cidr, cidrContains } from '../../src/net/cidr.js';
import { buildNetwork } from '../../src/network/build.js';
import type { Eni } from '../../src/network/types.js';
import { resolveSource } from '../../src/paths/resolve.js';
import { buildSnapshot } from '../../src/snapshot/validate.js';
import { type OracleQuestion, scenarioWithQuestionArb } from '../oracle/index.js';

// Metamorphic relations (performance.md §8.3): changes that must not change an answer, or may
// change it in one direction only. They need no oracle, so they hold the engine to its own
// semantics on random snapshots.

type Raw = Record<string, Record<string, unknown>[]>;
type Permission = { IpProtocol: string; IpRanges?: { CidrIp: string }[] };

function networkOf(raw: unknown) {
  return buildNetwork(buildSnapshot([{ document: raw, origin: { file: 'random.json' } }]));
}

function trace(raw: unknown, question: OracleQuestion) {
  const network = networkOf(raw);
  try {
    return traceFlow(network, {
      from: question.from,
      to: question.to,
      protocol: question.protocol,
      port: question.port,
      ...(question.sourcePorts ? { sourcePorts: question.sourcePorts } : {}),
      ...(question.icmp ? { icmpType: question.icmp.type, icmpCode: question.icmp.code } : {}),
    });
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/** What must stay equal: the verdict, each path's verdict and passing ports, what blocked. */
function answer(raw: unknown, question: OracleQuestion) {
  const result = trace(raw, question);
  if (result === undefined) return undefined;
  return {
    verdict: result.verdict,
    paths: result.paths
      .map((p) => `${p.id} ${p.verdict} ${JSON.stringify(p.clientPortsPassing)}`)
      .sort(),
    blocked: result.blocked
      .map((b) => `${b.kind} ${b.component} ${b.direction} ${b.path} ${b.code}`)
      .sort(),
  };
}

const copy = (raw: unknown): Raw => structuredClone(raw) as Raw;
const RANK = { unreachable: 0, 'partially-reachable': 1, reachable: 2 } as const;
const RUNS = { numRuns: Number(process.env.VPCREACH_METAMORPHIC_RUNS ?? 100) };

describe('metamorphic relations on random snapshots', () => {
  test.prop([scenarioWithQuestionArb(), fc.nat()], RUNS)(
    'reordering rules and groups changes nothing',
    ({ scenario, question }, seed) => {
      const shuffled = copy(scenario.raw);
      const rotate = <T>(list: T[] | undefined) =>
        list && list.length > 1
          ? [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)]
          : list;
      for (const group of shuffled.SecurityGroups ?? []) {
        group.IpPermissions = rotate(group.IpPermissions as unknown[]);
        group.IpPermissionsEgress = rotate(group.IpPermissionsEgress as unknown[]);
      }
      for (const eni of shuffled.NetworkInterfaces ?? [])
        eni.Groups = rotate(eni.Groups as unknown[]);
      for (const acl of shuffled.NetworkAcls ?? []) acl.Entries = rotate(acl.Entries as unknown[]);
      expect(answer(shuffled, question)).toEqual(answer(scenario.raw, question));
    },
  );

  test.prop([scenarioWithQuestionArb()], RUNS)(
    'renumbering NACL entries in the same order changes nothing',
    ({ scenario, question }) => {
      const renumbered = copy(scenario.raw);
      for (const acl of renumbered.NetworkAcls ?? []) {
        const entries = acl.Entries as { RuleNumber: number; Egress: boolean }[];
        for (const egress of [true, false]) {
          const mine = entries
            .filter((e) => e.Egress === egress && e.RuleNumber < 32767)
            .sort((a, b) => a.RuleNumber - b.RuleNumber);
          mine.forEach((entry, i) => {
            entry.RuleNumber = 10 + i * 7;
          });
        }
      }
      expect(answer(renumbered, question)).toEqual(answer(scenario.raw, question));
    },
  );

  test.prop([scenarioWithQuestionArb()], RUNS)(
    'a deny after every existing entry changes nothing',
    ({ scenario, question }) => {
      const denied = copy(scenario.raw);
      for (const acl of denied.NetworkAcls ?? []) {
        const entries = acl.Entries as { RuleNumber: number; Egress: boolean }[];
        for (const egress of [true, false]) {
          if (entries.some((e) => e.Egress === egress && e.RuleNumber === 32766)) continue;
          entries.push({
            RuleNumber: 32766,
            Egress: egress,
            RuleAction: 'deny',
            Protocol: '-1',
            CidrBlock: '0.0.0.0/0',
          } as never);
        }
      }
      expect(answer(denied, question)).toEqual(answer(scenario.raw, question));
    },
  );

  test.prop([scenarioWithQuestionArb()], RUNS)(
    'splitting a CIDR rule into its two halves changes nothing',
    ({ scenario, question }) => {
      const split = copy(scenario.raw);
      for (const group of split.SecurityGroups ?? []) {
        for (const permission of [
          ...((group.IpPermissions as Permission[]) ?? []),
          ...((group.IpPermissionsEgress as Permission[]) ?? []),
        ]) {
          permission.IpRanges = permission.IpRanges?.flatMap((range) =>
            halves(range.CidrIp).map((CidrIp) => ({ CidrIp })),
          );
        }
      }
      expect(answer(split, question)).toEqual(answer(scenario.raw, question));
    },
  );

  test.prop([scenarioWithQuestionArb(), fc.integer({ min: 1, max: 255 })], RUNS)(
    'relabelling every IPv4 address by one XOR changes nothing',
    ({ scenario, question }, mask) => {
      // XOR on the second octet maps every CIDR block onto a CIDR block of the same length and
      // keeps each address's offset in its subnet, so no address becomes a reserved one.
      const relabel = xorAddresses(mask << 16);
      const moved = relabel(scenario.raw) as Raw;
      const movedQuestion = { ...question, from: relabel(question.from), to: relabel(question.to) };
      expect(answer(moved, movedQuestion as OracleQuestion)).toEqual(
        relabel(answer(scenario.raw, question)),
      );
    },
  );

  test.prop([scenarioWithQuestionArb()], RUNS)(
    'the all-pairs matrix agrees with trace for every class member and destination',
    ({ scenario, question }) => {
      if (question.protocol !== 'tcp' && question.protocol !== 'udp') return;
      const network = networkOf(scenario.raw);
      const protocol = question.protocol;
      const port = question.port;
      let matrix: ReturnType<typeof reachMatrix>;
      try {
        matrix = reachMatrix(network, { protocol, ports: { from: port, to: port } });
      } catch (error) {
        if (error instanceof UsageError) return;
        throw error;
      }
      const listed = (address: IpAddress, destination: string) =>
        matrix.cells.some(
          (cell) =>
            cell.destination === destination &&
            cell.reaches.some((item) => item.cidrs.some((c) => cidrContains(cidr(c), address))),
        );
      for (const sourceClass of matrix.classes) {
        for (const eniId of sourceClass.members) {
          const eni = network.enis.get(eniId)!;
          const address = eni.ipv4[0];
          if (address === undefined) continue;
          const destinations = [...network.enis.values()].filter(
            (d) => d.vpcId === eni.vpcId && d.kind !== 'nlb-node' && d.id !== eni.id,
          );
          // A cell is the union over the destination's addresses; trace asks one address.
          const asked = new Map<string, string[]>();
          for (const d of destinations) {
            const label = d.vpcEndpointId ?? d.id;
            if (d.kind === 'vpc-endpoint') asked.set(label, [label]);
            else asked.set(d.id, d.ipv4.map(formatIp));
          }
          for (const [label, targets] of asked) {
            const reaches = targets.some(
              (to) =>
                traceFlow(network, { from: eniId, to, protocol, port }).verdict !== 'unreachable',
            );
            expect(reaches, `${eniId} → ${label} ${protocol}/${port}`).toBe(listed(address, label));
          }
        }
      }
    },
  );

  test.prop([scenarioWithQuestionArb()], RUNS)(
    'reach --from lists exactly the destinations trace reaches from that source',
    ({ scenario, question }) => {
      if (question.protocol !== 'tcp' && question.protocol !== 'udp') return;
      const network = networkOf(scenario.raw);
      const { protocol, port } = question;
      let source: Eni;
      let reached: ReturnType<typeof reachFrom>;
      try {
        source = resolveSource(network, question.from);
        reached = reachFrom(network, {
          from: question.from,
          protocol,
          ports: { from: port, to: port },
        });
      } catch (error) {
        if (error instanceof UsageError) return;
        throw error;
      }
      // One IPv4 address: then "from the ENI" means the same to reach and to trace.
      if (source.ipv4.length !== 1 || source.ipv6.length > 0) return;
      if (source.kind !== 'instance' && source.kind !== 'other') return;
      const expected = new Set<string>();
      for (const d of network.enis.values()) {
        if (d.vpcId !== source.vpcId || d.kind === 'nlb-node' || d.id === source.id) continue;
        const label = d.kind === 'vpc-endpoint' ? (d.vpcEndpointId ?? d.id) : d.id;
        const targets = d.kind === 'vpc-endpoint' ? [label] : d.ipv4.map(formatIp);
        const traced = targets.some(
          (to) =>
            traceFlow(network, { from: source.id, to, protocol, port }).verdict !== 'unreachable',
        );
        if (traced) expected.add(label);
      }
      expect(reached.destinations.map((d) => d.destination).sort()).toEqual([...expected].sort());
    },
  );

  test.prop([scenarioWithQuestionArb()], RUNS)(
    'opening a group to everything never lowers an in-VPC verdict',
    ({ scenario, question }) => {
      const before = trace(scenario.raw, question);
      // Through a load balancer a newly healthy target can take flows it then drops, so the
      // relation holds for paths without one.
      if (before === undefined || before.paths.some((p) => p.waypoints.loadBalancer !== undefined))
        return;
      const opened = copy(scenario.raw);
      for (const group of opened.SecurityGroups ?? []) {
        (group.IpPermissions as Permission[] | undefined)?.push({
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        });
      }
      const after = trace(opened, question);
      expect(RANK[after!.verdict]).toBeGreaterThanOrEqual(RANK[before.verdict]);
    },
  );
});

function halves(text: string): string[] {
  const [address, lengthText] = text.split('/');
  const length = Number(lengthText);
  if (text.includes(':') || length >= 32) return [text];
  // AWS keeps host bits as written (`10.0.1.200/24` means 10.0.1.0/24): mask them first.
  const written = address!.split('.').reduce((v, octet) => v * 256 + Number(octet), 0);
  const value = length === 0 ? 0 : (written - (written % 2 ** (32 - length))) >>> 0;
  const format = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
  const half = 2 ** (32 - length - 1);
  return [`${format(value)}/${length + 1}`, `${format(value + half)}/${length + 1}`];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?$/;

/** A deep copy with every IPv4 address and CIDR block (a whole word of a string) XOR-ed. */
function xorAddresses(mask: number) {
  const move = (text: string): string => text.split(' ').map(moveOne).join(' ');
  const moveOne = (text: string): string => {
    const match = IPV4.exec(text);
    if (match === null) return text;
    const value = match.slice(1, 5).reduce((v, octet) => v * 256 + Number(octet), 0);
    const moved = (value ^ mask) >>> 0;
    const octets = [moved >>> 24, (moved >>> 16) & 255, (moved >>> 8) & 255, moved & 255];
    return `${octets.join('.')}${match[5] ?? ''}`;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return move(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return <T>(value: T): T => walk(value) as T;
}
