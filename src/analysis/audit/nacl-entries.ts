import { compileNetworkAclEntry } from '../../filters/compile.js';
import { PacketSet } from '../../net/packet-set.js';
import type { Direction, Network, NetworkAcl, NetworkAclEntry } from '../../network/types.js';
import { aclEntryRef, deleteAclEntryCommand, describeAclEntry } from './aws-commands.js';
import { describeSet } from './describe-set.js';
import type { Finding } from './finding.js';

/** AWS's own final entries (`*`), which cannot be changed and are never findings. */
const FIRST_RESERVED_RULE = 32767;

interface Earlier {
  readonly entry: NetworkAclEntry;
  readonly matched: PacketSet;
  /** What this entry decided: its matches minus everything decided before it. */
  readonly decided: PacketSet;
}

/**
 * Entries of every network ACL that do nothing or do less than they say: hidden entirely by
 * lower-numbered entries (AWS stops at the first match), allows partly overruled by an earlier
 * deny, and entries whose packets never cross the boundary of any subnet the ACL serves.
 */
export function auditNetworkAclEntries(network: Network): Finding[] {
  const findings: Finding[] = [];
  for (const acl of network.networkAcls.values()) {
    for (const direction of ['ingress', 'egress'] as const) {
      findings.push(...auditDirection(network, acl, direction));
    }
  }
  return findings;
}

function auditDirection(network: Network, acl: NetworkAcl, direction: Direction): Finding[] {
  const findings: Finding[] = [];
  const crossing = crossingPackets(network, acl, direction);
  const subnetIds = subnetsOf(network, acl).map((s) => s.id);
  const earlier: Earlier[] = [];
  let decided = PacketSet.empty();
  for (const entry of direction === 'ingress' ? acl.inbound : acl.outbound) {
    const matched = compileNetworkAclEntry(entry);
    if (entry.ruleNumber < FIRST_RESERVED_RULE) {
      const finding =
        shadowed(acl, entry, matched, decided, earlier) ??
        partlyDenied(acl, entry, matched, earlier) ??
        neverDecides(acl, entry, matched.subtract(decided), crossing, subnetIds);
      if (finding !== undefined) findings.push(finding);
    }
    earlier.push({ entry, matched, decided: matched.subtract(decided).simplify() });
    decided = decided.union(matched).simplify();
  }
  return findings;
}

function shadowed(
  acl: NetworkAcl,
  entry: NetworkAclEntry,
  matched: PacketSet,
  decided: PacketSet,
  earlier: readonly Earlier[],
): Finding | undefined {
  if (!matched.isSubsetOf(decided)) return undefined;
  const hiding = earlier.filter((e) => e.decided.overlaps(matched));
  const denies = hiding.filter((e) => e.entry.action === 'deny');
  const refused = entry.action === 'allow' && denies.length > 0;
  const by = hiding.map((e) => `${e.entry.ruleNumber} (${describeAclEntry(e.entry)})`).join(', ');
  const consequence = refused
    ? 'so the traffic it allows is refused'
    : 'so it never decides anything and only misleads readers';
  return {
    code: 'NACL_ENTRY_SHADOWED',
    severity: refused ? 'medium' : 'low',
    resource: acl.id,
    rule: { ref: aclEntryRef(entry), summary: describeAclEntry(entry) },
    message: `every packet ${aclEntryRef(entry)} matches is decided first by rule ${by}, ${consequence}.`,
    suggestion: {
      text: refused
        ? `if the traffic should pass, give the allow a number below ${denies[0]!.entry.ruleNumber} or narrow that deny; otherwise delete the allow`
        : `delete rule ${entry.ruleNumber}; it has no effect`,
      commands: [deleteAclEntryCommand(acl.id, entry)],
    },
    related: hiding.map((e) => `${acl.id} rule ${e.entry.ruleNumber}`),
  };
}

function partlyDenied(
  acl: NetworkAcl,
  entry: NetworkAclEntry,
  matched: PacketSet,
  earlier: readonly Earlier[],
): Finding | undefined {
  if (entry.action !== 'allow') return undefined;
  const denies = earlier.filter((e) => e.entry.action === 'deny' && e.decided.overlaps(matched));
  if (denies.length === 0) return undefined;
  const direction = entry.egress ? 'egress' : 'ingress';
  const parts = denies.map(
    (e) =>
      `rule ${e.entry.ruleNumber} denies ${describeSet(e.decided.intersect(matched), direction)}`,
  );
  return {
    code: 'NACL_ALLOW_PARTLY_DENIED',
    severity: 'low',
    resource: acl.id,
    rule: { ref: aclEntryRef(entry), summary: describeAclEntry(entry) },
    message: `${aclEntryRef(entry)} allows ${describeAclEntry(entry).replace(/^allow /, '')}, but ${parts.join('; ')} first, so that part is refused.`,
    suggestion: {
      text: `if the denied part should pass, narrow rule ${denies.map((e) => e.entry.ruleNumber).join(', ')} or renumber rule ${entry.ruleNumber} below it; if not, narrow rule ${entry.ruleNumber} so it states what really passes`,
      commands: [],
    },
    related: denies.map((e) => `${acl.id} rule ${e.entry.ruleNumber}`),
  };
}

function neverDecides(
  acl: NetworkAcl,
  entry: NetworkAclEntry,
  effective: PacketSet,
  crossing: PacketSet | undefined,
  subnetIds: readonly string[],
): Finding | undefined {
  if (crossing === undefined || effective.overlaps(crossing)) return undefined;
  return {
    code: 'NACL_ENTRY_NEVER_DECIDES',
    severity: 'info',
    resource: acl.id,
    rule: { ref: aclEntryRef(entry), summary: describeAclEntry(entry) },
    message: `no packet that ${aclEntryRef(entry)} decides ever ${entry.egress ? 'leaves' : 'enters'} a subnet of ${acl.id} (${subnetIds.join(', ')}): traffic inside one subnet is never judged by its NACL, and the subnets lack any other address it names.`,
    suggestion: {
      text: `delete rule ${entry.ruleNumber}, or correct its CIDR to the network it was meant for`,
      commands: [deleteAclEntryCommand(acl.id, entry)],
    },
    related: [...subnetIds],
  };
}

/**
 * The packets that cross the boundary of a subnet the ACL serves in a direction: entering it
 * from elsewhere, or leaving it for elsewhere. Undefined for an ACL that serves no subnet,
 * whose entries all do nothing (one fact about the ACL, not one per entry).
 */
function crossingPackets(
  network: Network,
  acl: NetworkAcl,
  direction: Direction,
): PacketSet | undefined {
  const subnets = subnetsOf(network, acl);
  if (subnets.length === 0) return undefined;
  const sets = subnets.map((subnet) => {
    const inside = [...subnet.cidrs];
    return direction === 'ingress'
      ? PacketSet.of({ destinations: inside }).subtract(PacketSet.of({ sources: inside }))
      : PacketSet.of({ sources: inside }).subtract(PacketSet.of({ destinations: inside }));
  });
  return PacketSet.unionAll(sets).simplify();
}

/** The subnets an ACL serves: those it lists, and for a default ACL those no ACL lists. */
export function subnetsOf(network: Network, acl: NetworkAcl) {
  return [...network.subnets.values()].filter((subnet) => subnet.networkAclId === acl.id);
}
