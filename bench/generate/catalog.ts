/**
 * The port and address vocabulary rules are drawn from: the ports real security groups and
 * NACLs name most, and the kinds of peers they admit.
 */
import { formatCidr4, intToIpv4, parseCidr4 } from './addressing.js';
import type { Rng } from './prng.js';

/** TCP ports that hand-written rules name most often. */
export const TCP_PORTS = [
  22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9092, 9200, 27017, 2049, 3389, 5439, 11211, 9090, 8000,
  8081, 25, 465, 587, 389, 636, 1433, 1521, 5672, 15672, 2379, 4222, 7000, 9042, 50051,
];
/** UDP ports that hand-written rules name most often. */
export const UDP_PORTS = [53, 123, 161, 514, 500, 4500, 8125, 1194, 51820, 6081];
/** Port ranges rules name: ephemeral ranges (aws-semantics.md §2.4) and service blocks. */
export const PORT_RANGES: readonly [number, number][] = [
  [1024, 65535],
  [32768, 65535],
  [8000, 8999],
  [30000, 32767],
  [0, 65535],
  [9000, 9100],
  [5000, 5100],
  [49152, 65535],
];

/** Protocol and ports (or ICMP type/code) of one rule. */
export interface Service {
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6' | '-1';
  readonly from?: number;
  readonly to?: number;
}

function tcpPorts(rng: Rng): [number, number] {
  const roll = rng.float();
  if (roll < 0.65) {
    const port = rng.pick(TCP_PORTS);
    return [port, port];
  }
  if (roll < 0.8) return rng.pick(PORT_RANGES);
  const port = rng.int(1, 65535);
  return [port, rng.chance(0.7) ? port : Math.min(65535, port + rng.int(1, 500))];
}

/** A random protocol and port range, weighted like hand-written rules. */
export function randomService(rng: Rng, options: { ipv6: boolean }): Service {
  const roll = rng.float();
  if (roll < 0.06) return { protocol: '-1' };
  if (roll < 0.12) {
    const protocol = options.ipv6 ? 'icmpv6' : 'icmp';
    const choices: readonly [number, number][] = options.ipv6
      ? [
          [128, -1],
          [-1, -1],
          [2, 0],
        ]
      : [
          [8, -1],
          [-1, -1],
          [3, 4],
          [11, 0],
        ];
    const [type, code] = rng.pick(choices);
    return { protocol, from: type, to: code };
  }
  if (roll < 0.25) {
    const port = rng.pick(UDP_PORTS);
    return rng.chance(0.85) ? { protocol: 'udp', from: port, to: port } : rangeService('udp', rng);
  }
  const [from, to] = tcpPorts(rng);
  return { protocol: 'tcp', from, to };
}

function rangeService(protocol: 'udp', rng: Rng): Service {
  const [from, to] = rng.pick(PORT_RANGES);
  return { protocol, from, to };
}

const PUBLIC_FIRST_OCTETS = [3, 13, 18, 34, 35, 44, 52, 54, 99, 104, 151, 198, 203];

/** A public IPv4 block of a partner or SaaS, /20 to /32. */
export function randomPublicCidr(rng: Rng): string {
  const length = rng.pick([20, 24, 24, 28, 32, 32]);
  const base =
    (rng.pick(PUBLIC_FIRST_OCTETS) << 24) | (rng.int(0, 255) << 16) | (rng.int(0, 255) << 8);
  return formatCidr4(alignDown(base >>> 0, length), length);
}

/** An on-premises block inside 172.16.0.0/12 or 192.168.0.0/16, /16 to /24. */
export function randomOnPremCidr(rng: Rng): string {
  const length = rng.pick([16, 20, 22, 24]);
  const base = rng.chance(0.7)
    ? ((172 << 24) | ((16 + rng.int(0, 15)) << 16) | (rng.int(0, 255) << 8)) >>> 0
    : ((192 << 24) | (168 << 16) | (rng.int(0, 255) << 8)) >>> 0;
  return formatCidr4(alignDown(base, length), length);
}

/** Rounds an address down to the start of its block of prefix length `length`. */
function alignDown(value: number, length: number): number {
  if (length === 0) return 0;
  const size = 2 ** (32 - length);
  return value - (value % size);
}

/** A block of length `length` inside `cidr`, at a random aligned position (a nested CIDR). */
export function nestedCidr(rng: Rng, cidr: string, length: number): string {
  const { base, length: outer } = parseCidr4(cidr);
  const inner = Math.max(outer, Math.min(32, length));
  const slots = 2 ** (inner - outer);
  return formatCidr4(base + rng.int(0, slots - 1) * 2 ** (32 - inner), inner);
}

/** A random host inside `cidr` as a /32 (not aligned to anything else). */
export function randomHostCidr(rng: Rng, cidr: string): string {
  const { base, length } = parseCidr4(cidr);
  return `${intToIpv4(base + rng.int(0, 2 ** (32 - length) - 1))}/32`;
}

/** A partner's IPv6 block, /48 to /128. */
export function randomPublicCidr6(rng: Rng): string {
  const g = () => rng.int(1, 0xffff).toString(16);
  const length = rng.pick([48, 64, 128]);
  if (length === 48) return `2a05:d018:${g()}::/48`;
  if (length === 64) return `2a05:d018:${g()}:${g()}::/64`;
  return `2a05:d018:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}/128`;
}
