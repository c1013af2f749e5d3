import { PROTOCOL_NAMES } from './protocol-names.js';

/** An IP protocol number 0–255, or every protocol (`-1` in AWS's APIs). */
export type Protocol = number | 'all';

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;

/** Protocols whose rules carry a port range. */
export function hasPorts(protocol: Protocol): boolean {
  return protocol === TCP || protocol === UDP;
}

/** Protocols whose rules carry an ICMP type and code. */
export function isIcmp(protocol: Protocol): boolean {
  return protocol === ICMP || protocol === ICMPV6;
}

const NAMED: Record<string, number> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6 };
/** Number → name, looked up once per hop of every trace. */
const NAME_OF = new Map(Object.entries(NAMED).map(([name, value]) => [value, name]));

/**
 * Reads AWS's protocol field. Security groups accept `tcp`, `udp`, `icmp`, `icmpv6`, a number
 * as a string, or `-1`; network ACLs accept only numbers and `-1`. Names are matched
 * case-insensitively, as AWS does. Returns undefined for anything else.
 */
export function parseProtocol(text: string, options: { names: boolean }): Protocol | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === '-1') return 'all';
  if (/^\d{1,3}$/.test(lower)) {
    const value = Number(lower);
    return value <= 255 ? value : undefined;
  }
  if (options.names) return NAMED[lower];
  return undefined;
}

/** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the IANA name with its number (`gre (47)`). */
export function formatProtocol(protocol: Protocol): string {
  if (protocol === 'all') return 'all';
  const named = NAME_OF.get(protocol);
  if (named !== undefined) return named;
  const iana = PROTOCOL_NAMES[protocol];
  return iana === undefined ? `protocol ${protocol}` : `${iana} (${protocol})`;
}
