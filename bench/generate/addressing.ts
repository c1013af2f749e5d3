/**
 * Address allocation: VPC and subnet blocks, and unique ENI addresses inside their subnet. AWS
 * reserves the first four addresses and the last one of every subnet, so those are never
 * handed out. IPv4 addresses are kept as unsigned 32-bit numbers here for speed.
 */
import type { Rng } from './prng.js';

/** Dotted IPv4 text to an unsigned 32-bit number. */
export function ipv4ToInt(text: string): number {
  const parts = text.split('.').map(Number);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** An unsigned 32-bit number to dotted IPv4 text. */
export function intToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** `[first address, prefix length]` of an IPv4 CIDR string. */
export function parseCidr4(cidr: string): { base: number; length: number } {
  const [address, length] = cidr.split('/');
  return { base: ipv4ToInt(address!), length: Number(length) };
}

/** `a.b.c.d/len` from a first address and a prefix length. */
export function formatCidr4(base: number, length: number): string {
  return `${intToIpv4(base)}/${length}`;
}

/** Number of addresses an IPv4 CIDR covers. */
export function cidr4Size(cidr: string): number {
  return 2 ** (32 - parseCidr4(cidr).length);
}

/** Whether `ip` lies inside `cidr` (IPv4). */
export function cidr4Contains(cidr: string, ip: string): boolean {
  const { base, length } = parseCidr4(cidr);
  const size = 2 ** (32 - length);
  const value = ipv4ToInt(ip);
  return value >= base && value < base + size;
}

/** Parses the IPv6 text this generator writes (and any RFC 5952 form) to a bigint. */
export function ipv6ToBigInt(text: string): bigint {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** A random non-zero 16-bit group in hex, so no address needs `::` compression. */
function group(rng: Rng): string {
  return rng.int(1, 0xffff).toString(16);
}

/** Hands out unique addresses inside one subnet. */
export class SubnetAddressPool {
  private readonly used = new Set<number>();
  private readonly usedV6 = new Set<string>();
  readonly capacity: number;
  private readonly base: number;

  constructor(
    cidr: string,
    private readonly ipv6Prefix: string | undefined,
  ) {
    const parsed = parseCidr4(cidr);
    this.base = parsed.base;
    this.capacity = 2 ** (32 - parsed.length) - 5;
  }

  get free(): number {
    return this.capacity - this.used.size;
  }

  /** A random free IPv4 address, skipping AWS's five reserved ones. */
  allocate(rng: Rng): string {
    if (this.free <= 0) throw new Error('subnet is full');
    for (;;) {
      const offset = rng.int(4, this.capacity + 3);
      if (!this.used.has(offset)) {
        this.used.add(offset);
        return intToIpv4(this.base + offset);
      }
    }
  }

  /** Marks a specific address as taken (for designated addresses). */
  reserve(ip: string): void {
    this.used.add(ipv4ToInt(ip) - this.base);
  }

  allocateV6(rng: Rng): string {
    if (this.ipv6Prefix === undefined) throw new Error('subnet has no IPv6 block');
    for (;;) {
      const address = `${this.ipv6Prefix}:${group(rng)}:${group(rng)}:${group(rng)}:${group(rng)}`;
      if (!this.usedV6.has(address)) {
        this.usedV6.add(address);
        return address;
      }
    }
  }
}

/**
 * VPC blocks: distinct /18s of 10.0.0.0/8 in random order (1,024 of them), so connected VPCs
 * never overlap. IPv6: one Amazon-provided /56 per VPC from 2600:1f18::/32.
 */
export class VpcBlockAllocator {
  private readonly slots: number[];
  private next = 0;
  private readonly v6Used = new Set<string>();

  constructor(private readonly rng: Rng) {
    this.slots = rng.shuffle(Array.from({ length: 1024 }, (_, i) => i));
  }

  allocate(): string {
    const slot = this.slots[this.next++];
    if (slot === undefined) throw new Error('out of /18 VPC blocks in 10.0.0.0/8');
    return formatCidr4(((10 << 24) | (slot << 14)) >>> 0, 18);
  }

  /** The `/56` as AWS prints it, plus its first four groups for subnets to extend. */
  allocateV6(): string {
    for (;;) {
      const third = this.rng.int(0x1000, 0xffff).toString(16);
      const fourth = (this.rng.int(0x10, 0xff) << 8).toString(16);
      const prefix = `2600:1f18:${third}:${fourth}`;
      if (!this.v6Used.has(prefix)) {
        this.v6Used.add(prefix);
        return `${prefix}::/56`;
      }
    }
  }
}

/** Subnet `index` (0–15) of a VPC /18: one /22 slot each, using a /22, /23 or /24 of it. */
export function subnetBlock(vpcCidr: string, index: number, length: 22 | 23 | 24): string {
  const { base } = parseCidr4(vpcCidr);
  return formatCidr4(base + index * 1024, length);
}

/** Subnet `index` (0–255) of a VPC /56: the `/64` whose fourth group ends in `index`. */
export function subnetBlockV6(vpcIpv6Cidr: string, index: number): string {
  const groups = vpcIpv6Cidr.split('::')[0]!.split(':');
  const fourth = (Number.parseInt(groups[3]!, 16) | index).toString(16);
  return `${groups[0]}:${groups[1]}:${groups[2]}:${fourth}::/64`;
}
