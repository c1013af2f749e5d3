import { cidr as parseBlock } from '../../net/cidr.js';
import { formatPortRange, mergePortRanges, type PortRange } from '../../net/port-range.js';
import type { NetworkAcl } from '../../network/types.js';
import type { ChangeContext, FailingHop } from './failing-hops.js';
import { ownerOf } from './origin.js';
import { addressOf, isWideBlock, scopeBlock } from './peer.js';
import { chooseRuleNumber, FINAL_DENY } from './rule-number.js';
import type { FixChange, NetworkAclEntrySpec } from './types.js';

/** One stretch of ports a NACL entry must admit, before it gets a rule number. */
export interface AclNeed {
  readonly networkAclId: string;
  readonly egress: boolean;
  readonly protocol: 6 | 17;
  readonly ports: PortRange;
  readonly cidr: string;
  /** The entry that denied: its number, or 32767 for the final `*` deny. */
  readonly deciding: number;
  readonly hop: FailingHop;
}

/**
 * What a blocking NACL hop needs: for each entry that denied some of the packet's destination
 * ports (the request's port, or the failing part of the reply's ephemeral range), an allow of
 * exactly those ports for the peer at the chosen scope.
 */
export function networkAclNeeds(ctx: ChangeContext, failing: FailingHop): AclNeed[] {
  const { hop } = failing;
  const packet = hop.packet;
  const protocol = packet?.protocol === 'tcp' ? 6 : packet?.protocol === 'udp' ? 17 : undefined;
  if (packet === undefined || protocol === undefined || hop.direction === undefined) return [];
  const address = addressOf(hop.direction === 'ingress' ? packet.source : packet.destination);
  if (address === undefined) return [];
  const block = scopeBlock(ctx.network, address, ctx.options.scope);
  if (isWideBlock(block) && !ctx.options.allowWide) return [];
  const byRule = new Map<number, PortRange[]>();
  for (const segment of hop.segments) {
    if (segment.allowed || segment.decision.kind !== 'network-acl-entry') continue;
    const rule = segment.decision.ruleNumber;
    const deciding = rule === '*' ? FINAL_DENY : rule;
    byRule.set(deciding, [...(byRule.get(deciding) ?? []), segment.ports]);
  }
  return [...byRule].flatMap(([deciding, ports]) =>
    mergePortRanges(ports).map((range) => ({
      networkAclId: hop.component,
      egress: hop.direction === 'egress',
      protocol,
      ports: range,
      cidr: block,
      deciding,
      hop: failing,
    })),
  );
}

/**
 * Turns needs into entries: the same need from several paths becomes one entry, adjacent port
 * stretches denied by the same entry merge, and each entry gets a free number below the entry
 * that denied (numbers given in this fix count as taken). With no free number, the denying entry
 * itself is replaced, and a note says that this also lets through what it denied before.
 */
export function networkAclChanges(
  ctx: ChangeContext,
  needs: readonly AclNeed[],
  taken: Map<string, Set<number>>,
  notes: string[],
): FixChange[] {
  const groups = new Map<string, AclNeed[]>();
  for (const need of needs) {
    const key = JSON.stringify([need.networkAclId, need.egress, need.protocol, need.cidr]);
    groups.set(key, [...(groups.get(key) ?? []), need]);
  }
  const changes: FixChange[] = [];
  for (const group of groups.values()) {
    // Packets denied by different entries on different paths: precede the first of them.
    const first = group.reduce((a, b) => (b.deciding < a.deciding ? b : a));
    for (const ports of mergePortRanges(group.map((need) => need.ports))) {
      const change = entryChange(ctx, { ...first, ports }, taken, notes);
      if (change !== undefined) changes.push(change);
    }
  }
  return changes;
}

function entryChange(
  ctx: ChangeContext,
  need: AclNeed,
  taken: Map<string, Set<number>>,
  notes: string[],
): FixChange | undefined {
  const acl = ctx.network.networkAcls.get(need.networkAclId);
  if (acl === undefined) return undefined;
  const key = `${acl.id} ${need.egress}`;
  const entries = need.egress ? acl.outbound : acl.inbound;
  const used = taken.get(key) ?? new Set(entries.map((entry) => entry.ruleNumber));
  taken.set(key, used);
  const wanted = { protocol: need.protocol, ports: need.ports, cidr: parseBlock(need.cidr) };
  const number = chooseRuleNumber(entries, used, need.deciding, wanted);
  const operation = number === undefined ? 'replace' : 'create';
  if (number === undefined && need.deciding >= FINAL_DENY) return undefined;
  const ruleNumber = number ?? need.deciding;
  used.add(ruleNumber);
  if (operation === 'replace') notes.push(replaceNote(acl, need));
  const rule: NetworkAclEntrySpec = {
    networkAclId: acl.id,
    operation,
    ruleNumber,
    egress: need.egress,
    protocol: need.protocol === 6 ? '6' : '17',
    fromPort: need.ports.from,
    toPort: need.ports.to,
    cidr: need.cidr,
    action: 'allow',
    ...(operation === 'replace' ? { previous: previousEntry(ctx, need) } : {}),
  };
  return {
    kind: 'network-acl-entry',
    component: acl.id,
    direction: need.egress ? 'egress' : 'ingress',
    path: need.hop.hop.path,
    why: explain(need),
    rule,
    ...ownerOf(ctx.snapshot, { networkAclId: acl.id }),
  };
}

function previousEntry(ctx: ChangeContext, need: AclNeed): Record<string, unknown> {
  const item = ctx.snapshot.NetworkAcls.find((acl) => acl.NetworkAclId === need.networkAclId);
  const entry = item?.Entries.find(
    (e) => e.Egress === need.egress && e.RuleNumber === need.deciding,
  );
  return { ...entry };
}

function replaceNote(acl: NetworkAcl, need: AclNeed): string {
  return `${acl.id} has no free rule number below ${need.deciding} that precedes it without overriding another entry; the fix replaces entry ${need.deciding} instead, so what that entry denied is now judged by the entries after it`;
}

function explain(need: AclNeed): string {
  const { hop } = need.hop;
  const side = hop.path === 'return' ? 'reply' : 'request';
  const what = need.hop.health ? `health-check ${side}` : side;
  const rule = need.deciding >= FINAL_DENY ? 'the final * deny' : `entry ${need.deciding}`;
  const way = need.egress
    ? `outbound to ${hop.packet?.destination}`
    : `inbound from ${hop.packet?.source}`;
  const ports = formatPortRange(need.ports);
  return `network ACL ${hop.component}: ${rule} denies the ${what} (${hop.packet?.protocol} ${ports} ${way}); ${hop.code ?? 'SUBNET_ACL_RESTRICTION'}`;
}
