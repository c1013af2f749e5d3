import type { z } from 'zod';
import { hasPorts, isIcmp, parseProtocol } from '../../net/protocol.js';

type Context = z.core.$RefinementCtx;

interface PermissionFields {
  IpProtocol: string;
  FromPort?: number | undefined;
  ToPort?: number | undefined;
}

/**
 * Checks what the shape alone cannot: TCP and UDP rules need a port range inside 0–65535 with
 * From <= To; ICMP rules use FromPort as the type and ToPort as the code, -1 meaning any, and a
 * type of -1 requires a code of -1.
 */
export function checkIpPermission(permission: PermissionFields, ctx: Context): void {
  const protocol = parseProtocol(permission.IpProtocol, { names: true });
  const { FromPort: from, ToPort: to } = permission;
  if (protocol === undefined) return;
  if (hasPorts(protocol)) {
    if (from === undefined || to === undefined) {
      const field = from === undefined ? 'FromPort' : 'ToPort';
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: 'is missing: tcp and udp rules need FromPort and ToPort',
      });
    } else if (from < 0 || to < 0) {
      ctx.addIssue({
        code: 'custom',
        path: [from < 0 ? 'FromPort' : 'ToPort'],
        input: Math.min(from, to),
        message: 'is out of range 0-65535 for a tcp or udp rule',
      });
    } else if (from > to) {
      ctx.addIssue({
        code: 'custom',
        path: ['FromPort'],
        input: from,
        message: `is greater than ToPort ${to}`,
      });
    }
  } else if (isIcmp(protocol)) {
    if (from !== undefined && from > 255) {
      ctx.addIssue({
        code: 'custom',
        path: ['FromPort'],
        input: from,
        message: 'is not an ICMP type (-1 to 255)',
      });
    }
    if (to !== undefined && to > 255) {
      ctx.addIssue({
        code: 'custom',
        path: ['ToPort'],
        input: to,
        message: 'is not an ICMP code (-1 to 255)',
      });
    }
    if (from === -1 && to !== undefined && to !== -1) {
      ctx.addIssue({
        code: 'custom',
        path: ['ToPort'],
        input: to,
        message: 'must be -1 when the ICMP type (FromPort) is -1',
      });
    }
  }
}

interface EntryFields {
  RuleNumber: number;
  Protocol: string;
  RuleAction: string;
  CidrBlock?: string | undefined;
  Ipv6CidrBlock?: string | undefined;
  PortRange?: { From: number; To: number } | undefined;
  IcmpTypeCode?: { Type: number; Code: number } | undefined;
}

/**
 * Network-ACL entries: exactly one CIDR of either family; TCP and UDP need a port range; ICMP
 * (and ICMPv6 with an IPv6 block) needs a type and code; rule numbers above 32766 belong to
 * AWS's default `*` entries, which deny everything.
 */
export function checkNetworkAclEntry(entry: EntryFields, ctx: Context): void {
  const hasV4 = entry.CidrBlock !== undefined;
  const hasV6 = entry.Ipv6CidrBlock !== undefined;
  if (hasV4 === hasV6) {
    ctx.addIssue({
      code: 'custom',
      path: ['CidrBlock'],
      message: hasV4
        ? 'and Ipv6CidrBlock are both set: an entry has exactly one'
        : 'is missing: an entry needs CidrBlock or Ipv6CidrBlock',
    });
  }
  if (entry.RuleNumber > 32766 && (entry.RuleAction !== 'deny' || entry.Protocol !== '-1')) {
    ctx.addIssue({
      code: 'custom',
      path: ['RuleNumber'],
      input: entry.RuleNumber,
      message:
        'is out of range 1-32766 (32767 and 32768 are reserved for the default deny-all entries)',
    });
  }
  const protocol = parseProtocol(entry.Protocol, { names: false });
  if (protocol === undefined) return;
  if (hasPorts(protocol) && entry.PortRange === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['PortRange'],
      message: 'is missing: protocols 6 (tcp) and 17 (udp) need a port range',
    });
  } else if (
    hasPorts(protocol) &&
    entry.PortRange !== undefined &&
    entry.PortRange.From > entry.PortRange.To
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['PortRange', 'From'],
      input: entry.PortRange.From,
      message: `is greater than PortRange.To ${entry.PortRange.To}`,
    });
  }
}
