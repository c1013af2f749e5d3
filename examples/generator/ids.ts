import { createHash } from 'node:crypto';

/** The Region every example lives in. */
export const REGION = 'us-east-1';

/** Hex digits derived from a seed: the same seed always gives the same digits. */
export function hexFromSeed(seed: string, length: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return hex.slice(0, length);
}

/**
 * An EC2 resource ID in the long format AWS has used since 2018: the prefix, a dash and 17
 * lower-case hex digits, the first of which is `0` for every ID issued today.
 */
export function awsId(prefix: string, seed: string): string {
  return `${prefix}-0${hexFromSeed(`${prefix}:${seed}`, 16)}`;
}

/** A locally administered unicast MAC address, as EC2 gives Nitro instances. */
export function macAddress(seed: string): string {
  const hex = hexFromSeed(`mac:${seed}`, 10);
  const pairs = hex.match(/../g) ?? [];
  return ['0e', ...pairs].join(':');
}

/** The 16-hex-digit suffix elbv2 puts at the end of load balancer, listener and group ARNs. */
export function elbSuffix(seed: string): string {
  return hexFromSeed(`elb:${seed}`, 16);
}

/** Private DNS name EC2 gives an address in us-east-1 (`ec2.internal`, not `<region>.compute`). */
export function privateDnsName(ip: string): string {
  return `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
}

/** One fixed creation time for the whole network, so the output never changes between runs. */
export const CREATED_AT = '2026-03-14T09:21:07+00:00';

/** Creation time of the load balancer and its groups, a few minutes after the VPCs. */
export const ELB_CREATED_AT = '2026-03-14T09:34:52.418000+00:00';
