import { InputError } from '../../errors.js';
import type { IpFamily } from '../../net/address.js';
import { formatCidr, parseCidr } from '../../net/cidr.js';
import { parseProtocol } from '../../net/protocol.js';

/** Where a value sits in the source file, for the InputError it may raise. */
export interface ValueSite {
  file?: string;
  /** Terraform address or CloudFormation logical ID. */
  resource: string;
  /** Field path in the source's own spelling: `ingress[0].cidr_block`, `Properties.CidrIp`. */
  field: string;
}

/**
 * Checks a CIDR block and returns it in the canonical form AWS stores (`10.0.1.9/16` becomes
 * `10.0.0.0/16`), so rules compare the way AWS compares them.
 */
export function canonicalCidr(value: unknown, site: ValueSite, family?: IpFamily): string {
  if (typeof value !== 'string') {
    throw new InputError({ ...site, value, message: 'is not a CIDR block: expected a string' });
  }
  const parsed = parseCidr(value.trim(), family);
  if (!parsed.ok) {
    const hint = value.includes('/') ? undefined : `write ${value}/32 for one address`;
    throw new InputError({ ...site, value, message: parsed.reason, hint });
  }
  return formatCidr(parsed.value);
}

const SG_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' };

function readProtocol(value: unknown, site: ValueSite): number | 'all' {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string') {
    if (text.trim().toLowerCase() === 'all') return 'all';
    const protocol = parseProtocol(text, { names: true });
    if (protocol !== undefined) return protocol;
  }
  throw new InputError({
    ...site,
    value,
    message: 'is not a known IP protocol',
    hint: 'use tcp, udp, icmp, icmpv6, a protocol number 0-255, or -1 for all protocols',
  });
}

/**
 * A security group rule's protocol as DescribeSecurityGroups returns it: `tcp`, `udp`, `icmp`,
 * `icmpv6` for those four (whether given by name or number), `-1` for all, else the number.
 */
export function securityGroupProtocol(value: unknown, site: ValueSite): string {
  const protocol = readProtocol(value, site);
  if (protocol === 'all') return '-1';
  return SG_NAMES[protocol] ?? String(protocol);
}

/** A network ACL entry's protocol as the API returns it: a number as a string, or `-1`. */
export function networkAclProtocol(value: unknown, site: ValueSite): string {
  const protocol = readProtocol(value, site);
  return protocol === 'all' ? '-1' : String(protocol);
}

/** Reads an integer field (Terraform and CloudFormation both allow numbers as strings). */
export function integerValue(value: unknown, site: ValueSite): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number === 'number' && Number.isInteger(number)) return number;
  throw new InputError({ ...site, value, message: 'is not an integer' });
}

/** Like `integerValue`, but absent (undefined or null) stays absent. */
export function optionalInteger(value: unknown, site: ValueSite): number | undefined {
  return value === undefined || value === null ? undefined : integerValue(value, site);
}

/**
 * The FromPort/ToPort pair DescribeSecurityGroups shows for a rule: none for `-1` and for
 * protocols without ports (AWS admits every port of those whatever range was given), the port
 * range for tcp/udp, ICMP type and code for icmp/icmpv6 (-1 meaning all).
 */
export function securityGroupPorts(
  ipProtocol: string,
  from: number | undefined,
  to: number | undefined,
): { fromPort?: number; toPort?: number } {
  if (ipProtocol === 'tcp' || ipProtocol === 'udp') {
    return { fromPort: from ?? 0, toPort: to ?? 65535 };
  }
  if (ipProtocol === 'icmp' || ipProtocol === 'icmpv6') {
    return { fromPort: from ?? -1, toPort: to ?? -1 };
  }
  return {};
}
