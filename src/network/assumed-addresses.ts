import { bigIntToIp, type IpAddress, ipKey, ipToBigInt } from '../net/address.js';
import { cidrBounds } from '../net/cidr.js';
import type { BuildContext } from './context.js';
import type { Eni, Subnet } from './types.js';

/**
 * Planned ENIs (from Terraform or CloudFormation) have no address until they are deployed. Each
 * gets one free address of its subnet to stand for "some address in the subnet" — the first the
 * subnet can hand out (AWS reserves the first four) not used by another ENI — so every analysis
 * can run; the ENI keeps `addressUnknown`, and verdicts that pass through it say so.
 */
export function assignAssumedAddresses(
  ctx: BuildContext,
  enis: Map<string, Eni>,
  subnets: Map<string, Subnet>,
): void {
  const used = new Set<string>();
  for (const eni of enis.values())
    for (const address of [...eni.ipv4, ...eni.ipv6]) used.add(ipKey(address));
  for (const eni of enis.values()) {
    if (!eni.addressUnknown || eni.ipv4.length > 0) continue;
    const block = subnets.get(eni.subnetId)?.cidrs.find((c) => c.network.family === 4);
    if (block === undefined) continue;
    const address = firstFree(block, used);
    if (address === undefined) continue;
    used.add(ipKey(address));
    enis.set(eni.id, { ...eni, ipv4: [address] });
    ctx.warn(
      'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT',
      eni.id,
      `${eni.id} gets its address at deployment; analyses use one free address of ${eni.subnetId} in its place`,
    );
  }
}

function firstFree(
  block: Parameters<typeof cidrBounds>[0],
  used: Set<string>,
): IpAddress | undefined {
  const { lo, hi } = cidrBounds(block);
  for (let value = lo + 4n; value < hi; value++) {
    const address = bigIntToIp(4, value);
    if (!used.has(ipKey(address))) return address;
  }
  return undefined;
}
