/**
 * Customer-managed prefix lists, owned by the first (network) account and shared with the
 * others, as organisations do through AWS RAM. `MaxEntries` equals the entry count, so a rule
 * naming a list weighs exactly its entries against the rule quota.
 */
import { nestedCidr, randomOnPremCidr, randomPublicCidr, randomPublicCidr6 } from './catalog.js';
import type { GenContext } from './context.js';
import { createZipfSampler } from './distributions.js';
import type { Rng } from './prng.js';

const NAMES = ['corp-onprem', 'partner-egress', 'vpn-clients', 'saas-allow', 'scanner', 'backup'];

function ipv4Entry(ctx: GenContext, rng: Rng): string {
  const roll = rng.float();
  if (roll < 0.35) return randomOnPremCidr(rng);
  if (roll < 0.6) return nestedCidr(rng, rng.pick(ctx.model.vpcs).cidr, rng.int(18, 28));
  return randomPublicCidr(rng);
}

function entries(ctx: GenContext, rng: Rng, size: number, ipv6: boolean): string[] {
  const cidrs = new Set<string>();
  for (let tries = 0; cidrs.size < size && tries < size * 20; tries++) {
    cidrs.add(ipv6 ? randomPublicCidr6(rng) : ipv4Entry(ctx, rng));
  }
  return [...cidrs];
}

/** Creates the workload's prefix lists: the first at the maximum size, the rest Zipf-sized. */
export function createPrefixLists(ctx: GenContext): void {
  const rng = ctx.stream('prefix-lists');
  const { count, maxEntries } = ctx.spec.prefixLists;
  const sizes = createZipfSampler({
    median: Math.max(2, Math.round(Math.sqrt(maxEntries))),
    max: maxEntries,
  });
  const owner = ctx.model.accounts[0]!.accountId;
  const anyIpv6 = ctx.model.vpcs.some((v) => v.ipv6Cidr !== undefined);
  for (let i = 0; i < count; i++) {
    const ipv6 = anyIpv6 && i % 5 === 4;
    const size = i === 0 ? maxEntries : sizes.sample(rng);
    const cidrs = entries(ctx, rng, size, ipv6);
    ctx.addPrefixList({
      prefixListId: ctx.ids.resource('pl'),
      accountId: owner,
      name: `${NAMES[i % NAMES.length]}-${i}${ipv6 ? '-v6' : ''}`,
      family: ipv6 ? 'IPv6' : 'IPv4',
      maxEntries: cidrs.length,
      cidrs,
    });
  }
}
