import {
  bigIntToIp,
  formatIp,
  type IpAddress,
  type IpFamily,
  ipToBigInt,
  type ParseResult,
  parseIpv4,
  parseIpv6,
} from './address.js';

/** A CIDR block, canonical: the host bits of `network` are zero. */
export interface Cidr {
  readonly network: IpAddress;
  readonly prefixLength: number;
}

/** Inclusive bounds of one 32-bit word of the addresses a CIDR covers. */
export interface WordRange {
  readonly lo: number;
  readonly hi: number;
}

const WORD_MAX = 0xffffffff;

export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/**
 * Parses `10.0.0.0/16` or `2001:db8::/32`. AWS stores a block with host bits set in its
 * canonical form (`100.68.0.18/18` becomes `100.68.0.0/18`), so this does the same and says so
 * through `hostBitsCleared`.
 */
export function parseCidr(
  text: string,
  expected?: IpFamily,
): ParseResult<Cidr> & { hostBitsCleared?: boolean } {
  const slash = text.indexOf('/');
  if (slash < 0) {
    return { ok: false, reason: 'is not a CIDR block: the prefix length is missing' };
  }
  const addressText = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const family: IpFamily = addressText.includes(':') ? 6 : 4;
  if (expected !== undefined && family !== expected) {
    return { ok: false, reason: `is not an IPv${expected} CIDR block` };
  }
  const parsed = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (!parsed.ok) return { ok: false, reason: `is not a valid CIDR: the address ${parsed.reason}` };
  const bits = familyBits(family);
  if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > bits) {
    return {
      ok: false,
      reason: `is not a valid CIDR: the prefix length must be 0 to ${bits}`,
    };
  }
  const prefixLength = Number(lengthText);
  const network = maskAddress(parsed.value, prefixLength);
  const hostBitsCleared = ipToBigInt(network) !== ipToBigInt(parsed.value);
  return { ok: true, value: { network, prefixLength }, hostBitsCleared };
}

/** Parses a CIDR known to be valid (validated at the border). */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`internal: "${text}" ${parsed.reason}`);
  return parsed.value;
}

function maskAddress(address: IpAddress, prefixLength: number): IpAddress {
  const offset = address.family === 4 ? 96 : 0;
  const words = address.words.map((word, i) => {
    const keep = Math.min(32, Math.max(0, offset + prefixLength - 32 * i));
    if (address.family === 4 && i < 3) return 0;
    if (keep === 0) return 0;
    if (keep === 32) return word;
    return (word & ((WORD_MAX << (32 - keep)) >>> 0)) >>> 0;
  }) as unknown as [number, number, number, number];
  return { family: address.family, words };
}

export function formatCidr(block: Cidr): string {
  return `${formatIp(block.network)}/${block.prefixLength}`;
}

export function hostCidr(address: IpAddress): Cidr {
  return { network: address, prefixLength: familyBits(address.family) };
}

/** The range each of the four words takes over the block (IPv4 fixes the first three at 0). */
export function cidrWordRanges(block: Cidr): [WordRange, WordRange, WordRange, WordRange] {
  const offset = block.network.family === 4 ? 96 : 0;
  const ranges = block.network.words.map((word, i) => {
    if (block.network.family === 4 && i < 3) return { lo: 0, hi: 0 };
    const fixed = Math.min(32, Math.max(0, offset + block.prefixLength - 32 * i));
    if (fixed === 32) return { lo: word, hi: word };
    // The block's host bits in this word are zero, so adding the span cannot overflow.
    return { lo: word, hi: word + (WORD_MAX >>> fixed) };
  });
  return ranges as [WordRange, WordRange, WordRange, WordRange];
}

export function cidrContains(block: Cidr, address: IpAddress): boolean {
  if (block.network.family !== address.family) return false;
  const ranges = cidrWordRanges(block);
  for (let i = 0; i < 4; i++) {
    const word = address.words[i]!;
    if (word < ranges[i]!.lo || word > ranges[i]!.hi) return false;
  }
  return true;
}

/** First and last address of a block, as integers. */
export function cidrBounds(block: Cidr): { lo: bigint; hi: bigint } {
  const lo = ipToBigInt(block.network);
  const hostBits = BigInt(familyBits(block.network.family) - block.prefixLength);
  return { lo, hi: lo + (1n << hostBits) - 1n };
}

/** `a` covers every address of `b`. */
export function cidrCovers(a: Cidr, b: Cidr): boolean {
  if (a.network.family !== b.network.family || a.prefixLength > b.prefixLength) return false;
  return cidrContains(a, b.network);
}

/**
 * The fewest CIDR blocks that cover exactly the inclusive range [lo, hi]. Used to print the
 * address space a set admits as the blocks an engineer would write into a rule.
 */
export function rangeToCidrs(family: IpFamily, lo: bigint, hi: bigint): Cidr[] {
  const bits = familyBits(family);
  const blocks: Cidr[] = [];
  let start = lo;
  while (start <= hi) {
    let size = 0;
    while (size < bits) {
      const next = size + 1;
      const mask = (1n << BigInt(next)) - 1n;
      if ((start & mask) !== 0n || start + mask > hi) break;
      size = next;
    }
    blocks.push({ network: bigIntToIp(family, start), prefixLength: bits - size });
    start += 1n << BigInt(size);
  }
  return blocks;
}
