/**
 * Applies one single-rule edit of the query mix to a loaded snapshot, in AWS's own shapes, and
 * returns how to undo it, so a benchmark can edit, rebuild, re-query and restore 100 times over
 * one snapshot. An edit replaces the edited list on its owner (never the owner itself, which the
 * snapshot's origin map is keyed by).
 */
import type { NaclEntrySpec, RuleEdit, SgRuleSpec } from './generate/queries.js';

type Permission = Record<string, unknown> & {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
};
type Owner = Record<string, unknown>;

/** The snapshot lists an edit touches, as mutable AWS-shaped records. */
export interface EditableSnapshot {
  readonly SecurityGroups: readonly object[];
  readonly NetworkAcls: readonly object[];
}

const PEER_LISTS = [
  ['CidrIp', 'IpRanges'],
  ['CidrIpv6', 'Ipv6Ranges'],
  ['PrefixListId', 'PrefixListIds'],
  ['GroupId', 'UserIdGroupPairs'],
] as const;

/** Applies `edit`; returns the undo, or undefined when the edited rule or owner is not there. */
export function applyEdit(snapshot: EditableSnapshot, edit: RuleEdit): (() => void) | undefined {
  if (edit.kind === 'security-group') {
    const group = (snapshot.SecurityGroups as Owner[]).find((g) => g.GroupId === edit.groupId);
    if (group === undefined) return undefined;
    const key = edit.direction === 'ingress' ? 'IpPermissions' : 'IpPermissionsEgress';
    const before = (group[key] ?? []) as Permission[];
    const after =
      edit.action === 'add' ? [...before, permission(edit.rule)] : without(before, edit.rule);
    if (after === undefined) return undefined;
    group[key] = after;
    return () => {
      group[key] = before;
    };
  }
  const acl = (snapshot.NetworkAcls as Owner[]).find((a) => a.NetworkAclId === edit.networkAclId);
  if (acl === undefined) return undefined;
  const before = acl.Entries as NaclEntrySpec[];
  const after =
    edit.action === 'add'
      ? [...before, edit.entry]
      : before.filter(
          (e) => !(e.RuleNumber === edit.entry.RuleNumber && e.Egress === edit.entry.Egress),
        );
  if (after.length === before.length && edit.action === 'remove') return undefined;
  acl.Entries = after;
  return () => {
    acl.Entries = before;
  };
}

function permission(rule: SgRuleSpec): Permission {
  const result: Permission = { IpProtocol: rule.IpProtocol };
  if (rule.FromPort !== undefined) result.FromPort = rule.FromPort;
  if (rule.ToPort !== undefined) result.ToPort = rule.ToPort;
  for (const [field, list] of PEER_LISTS) {
    const value = rule[field];
    if (value !== undefined) result[list] = [{ [field]: value }];
  }
  return result;
}

/** The permissions with the rule's one peer taken out, or undefined when no permission has it. */
function without(permissions: readonly Permission[], rule: SgRuleSpec): Permission[] | undefined {
  const [field, list] = PEER_LISTS.find(([f]) => rule[f] !== undefined) ?? [];
  if (field === undefined || list === undefined) return undefined;
  const index = permissions.findIndex(
    (p) =>
      sameProtocol(p.IpProtocol, rule.IpProtocol) &&
      (p.FromPort ?? -1) === (rule.FromPort ?? -1) &&
      (p.ToPort ?? -1) === (rule.ToPort ?? -1) &&
      ((p[list] ?? []) as Record<string, unknown>[]).some((peer) => peer[field] === rule[field]),
  );
  if (index < 0) return undefined;
  const found = permissions[index]!;
  const peers = (found[list] as Record<string, unknown>[]).filter(
    (peer) => peer[field] !== rule[field],
  );
  const edited = { ...found, [list]: peers };
  return permissions.map((p, i) => (i === index ? edited : p));
}

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

function sameProtocol(a: string, b: string): boolean {
  return (PROTOCOL_NUMBERS[a] ?? a) === (PROTOCOL_NUMBERS[b] ?? b);
}
