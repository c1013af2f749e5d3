import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;

/**
 * An IP address as four unsigned 32-bit words, most significant first. IPv4 uses only the last
 * word (the others are 0); the family keeps the two spaces apart, because an IPv4 rule never
 * matches an IPv6 packet and the other way round. Words rather than a bigint keep every
 * comparison on plain numbers, which the packet-set algebra relies on for speed.
 */
export interface IpAddress {
  readonly family: IpFamily;
  readonly words: readonly [number, number, number, number];
}

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Why a text is not an address, or undefined when it is one. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Parses dotted-decimal IPv4 strictly: a leading zero (`010.1.1.1`) is refused because some
 * parsers read it as octal and AWS's APIs reject it.
 */
export function parseIpv4(text: string): ParseResult<IpAddress> {
  const match = IPV4_PATTERN.exec(text);
  if (match === null) return { ok: false, reason: 'is not a dotted-decimal IPv4 address' };
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = match[i]!;
    if (part.length > 1 && part.startsWith('0')) {
      return { ok: false, reason: `has a leading zero in "${part}", which reads as octal` };
    }
    const octet = Number(part);
    if (octet > 255) return { ok: false, reason: `has an octet ${octet} above 255` };
    value = value * 256 + octet;
  }
  return { ok: true, value: { family: 4, words: [0, 0, 0, value] } };
}

export function parseIpv6(text: string): ParseResult<IpAddress> {
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) {
    return { ok: false, reason: 'is not an IPv6 address' };
  }
  const parts = ipaddr.IPv6.parse(text).parts;
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) words[i] = (parts[2 * i]! * 0x10000 + parts[2 * i + 1]!) >>> 0;
  return { ok: true, value: { family: 6, words } };
}

export function parseIp(text: string): ParseResult<IpAddress> {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/** Parses an address known to be valid (already validated at the border). */
export function ip(text: string): IpAddress {
  const parsed = parseIp(text);
  if (!parsed.ok) throw new Error(`internal: "${text}" ${parsed.reason}`);
  return parsed.value;
}

export function formatIp(address: IpAddress): string {
  if (address.family === 4) {
    const v = address.words[3];
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const parts: number[] = [];
  for (const word of address.words) parts.push(word >>> 16, word & 0xffff);
  return new ipaddr.IPv6(parts).toString();
}

/** The address as one integer; used where a range must be split into CIDR blocks. */
export function ipToBigInt(address: IpAddress): bigint {
  let value = 0n;
  for (const word of address.words) value = (value << 32n) | BigInt(word);
  return value;
}

export function bigIntToIp(family: IpFamily, value: bigint): IpAddress {
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 3; i >= 0; i--) {
    words[i] = Number(value & 0xffffffffn);
    value >>= 32n;
  }
  return { family, words };
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return (
    a.family === b.family &&
    a.words[0] === b.words[0] &&
    a.words[1] === b.words[1] &&
    a.words[2] === b.words[2] &&
    a.words[3] === b.words[3]
  );
}

/** A compact map key for an address: equal keys, equal addresses. */
export function ipKey(address: IpAddress): string {
  const w = address.words;
  return address.family === 4 ? `4:${w[3]}` : `6:${w[0]}:${w[1]}:${w[2]}:${w[3]}`;
}
