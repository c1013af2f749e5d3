/**
 * The oracle's own address and CIDR parser: deliberately small and separate from src/net, so a
 * parsing bug in the engine cannot hide by being repeated here. Addresses are BigInt for both
 * families; a CIDR is the inclusive range [lo, hi] it covers.
 */

export type Family = 4 | 6;

/** One IPv4 or IPv6 address as a number. */
export interface Address {
  family: Family;
  value: bigint;
}

/** The inclusive address range a CIDR block covers. */
export interface CidrRange {
  family: Family;
  lo: bigint;
  hi: bigint;
}

/** Number of bits in an address of the family. */
export function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128;
}

/** Largest address of the family. */
export function maxAddress(family: Family): bigint {
  return (1n << BigInt(bitsOf(family))) - 1n;
}

function parseIpv4Value(text: string): bigint {
  const parts = text.split('.');
  if (parts.length !== 4) throw new Error(`oracle: not an IPv4 address: ${text}`);
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
      throw new Error(`oracle: not an IPv4 address: ${text}`);
    }
    value = value * 256n + BigInt(Number(part));
  }
  return value;
}

/** Expands the groups of an IPv6 address (with at most one `::`) into eight 16-bit numbers. */
function ipv6Groups(text: string): number[] {
  const halves = text.split('::');
  if (halves.length > 2) throw new Error(`oracle: not an IPv6 address: ${text}`);
  const toGroups = (half: string): number[] => {
    if (half === '') return [];
    const groups: number[] = [];
    for (const piece of half.split(':')) {
      if (piece.includes('.')) {
        // An embedded IPv4 tail (::ffff:10.0.0.1) is two groups.
        const v4 = parseIpv4Value(piece);
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups.push(Number.parseInt(piece, 16));
      } else {
        throw new Error(`oracle: not an IPv6 address: ${text}`);
      }
    }
    return groups;
  };
  const head = toGroups(halves[0] ?? '');
  if (halves.length === 1) {
    if (head.length !== 8) throw new Error(`oracle: not an IPv6 address: ${text}`);
    return head;
  }
  const tail = toGroups(halves[1] ?? '');
  const missing = 8 - head.length - tail.length;
  if (missing < 1) throw new Error(`oracle: not an IPv6 address: ${text}`);
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** Parses a dotted-quad IPv4 or a colon-hex IPv6 address. Throws on anything else. */
export function parseAddress(text: string): Address {
  if (text.includes(':')) {
    let value = 0n;
    for (const group of ipv6Groups(text)) value = value * 65536n + BigInt(group);
    return { family: 6, value };
  }
  return { family: 4, value: parseIpv4Value(text) };
}

/** True when the text parses as an address of either family. */
export function isAddress(text: string): boolean {
  try {
    parseAddress(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses `a.b.c.d/n` or `x::/n` into the range it covers. Host bits are ignored, as AWS stores
 * `100.68.0.18/18` as `100.68.0.0/18`.
 */
export function parseCidr(text: string): CidrRange {
  const slash = text.indexOf('/');
  if (slash < 0) throw new Error(`oracle: not a CIDR block: ${text}`);
  const address = parseAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  const bits = bitsOf(address.family);
  if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > bits) {
    throw new Error(`oracle: bad prefix length in ${text}`);
  }
  const hostBits = BigInt(bits - Number(lengthText));
  const size = 1n << hostBits;
  const lo = (address.value / size) * size;
  return { family: address.family, lo, hi: lo + size - 1n };
}

/** True when the address lies in the CIDR range (same family only). */
export function cidrContains(range: CidrRange, address: Address): boolean {
  return range.family === address.family && range.lo <= address.value && address.value <= range.hi;
}

/** Formats an address back to text (IPv6 fully expanded, lower-case, no `::` compression). */
export function formatAddress(address: Address): string {
  if (address.family === 4) {
    const octets: string[] = [];
    for (let shift = 24n; shift >= 0n; shift -= 8n) {
      octets.push(String((address.value >> shift) & 255n));
    }
    return octets.join('.');
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(((address.value >> shift) & 0xffffn).toString(16));
  }
  return groups.join(':');
}
