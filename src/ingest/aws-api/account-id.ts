import type { RegionLists } from './list-calls.js';

/** The account folder used when no result names the account (see `inferAccountId`). */
export const UNKNOWN_ACCOUNT = 'unknown-account';

/**
 * The account the base credentials act in, learnt without STS: the `OwnerId` of the security
 * groups the account returned, else of its VPCs. Security groups come first because
 * DescribeVpcs also lists VPCs shared with the account through AWS RAM, whose `OwnerId` is the
 * sharing account, while the groups a caller sees are mostly its own (groups shared with it
 * are the exception). The most frequent owner wins. Undefined when no region returned a
 * group or a VPC.
 */
export function inferAccountId(regions: readonly RegionLists[]): string | undefined {
  const groupOwners = regions.flatMap((lists) => lists.SecurityGroups ?? []).map((g) => g.OwnerId);
  const vpcOwners = regions.flatMap((lists) => lists.Vpcs ?? []).map((vpc) => vpc.OwnerId);
  return mostFrequent(groupOwners) ?? mostFrequent(vpcOwners);
}

function mostFrequent(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value !== undefined && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}
