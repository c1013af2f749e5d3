import { z } from 'zod';
import { parseIpv4, parseIpv6 } from '../../net/address.js';
import { parseCidr } from '../../net/cidr.js';
import { parseProtocol } from '../../net/protocol.js';

/** An IPv4 CIDR block as AWS prints it (`CidrBlock`, `CidrIp`). */
export const cidrV4 = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value, 4);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

/** An IPv6 CIDR block (`Ipv6CidrBlock`, `CidrIpv6`). */
export const cidrV6 = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value, 6);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

/** A CIDR block of either family (prefix-list entries). */
export const cidrAny = z.string().superRefine((value, ctx) => {
  const parsed = parseCidr(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

export const ipv4 = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4(value);
  if (parsed.ok) return;
  const why = parsed.reason.startsWith('is ') ? '' : `: it ${parsed.reason}`;
  ctx.addIssue({ code: 'custom', message: `is not a valid IPv4 address${why}` });
});

export const ipv6 = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv6(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: 'is not a valid IPv6 address' });
});

/** Security-group `IpProtocol`: tcp, udp, icmp, icmpv6, a number 0–255, or -1. */
export const securityGroupProtocol = z.string().superRefine((value, ctx) => {
  if (parseProtocol(value, { names: true }) === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'is not a protocol: use tcp, udp, icmp, icmpv6, a number 0-255, or -1 for all',
    });
  }
});

/** Network-ACL `Protocol`: a number 0–255 as a string, or -1. */
export const networkAclProtocol = z.string().superRefine((value, ctx) => {
  if (parseProtocol(value, { names: false }) === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'is not a protocol number: network ACLs take a number 0-255 as a string, or -1',
    });
  }
});

export const port = z.number().int().min(0).max(65535);

/** `FromPort`/`ToPort` of a security-group rule: a port, an ICMP type or code, or -1. */
export const rulePort = z.number().int().min(-1).max(65535);

export const tag = z.looseObject({ Key: z.string(), Value: z.string().optional() });
export const tags = z.array(tag).optional();

/** An AWS resource ID such as `vpc-0a1b…`; only the prefix is checked. */
export function resourceId(prefix: string) {
  return z.string().superRefine((value, ctx) => {
    if (!value.startsWith(prefix)) {
      ctx.addIssue({ code: 'custom', message: `is not a ${prefix}… ID` });
    }
  });
}
