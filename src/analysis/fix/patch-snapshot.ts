import { asSources, type SnapshotFile, snapshotFiles } from '../../snapshot/files.js';
import type {
  IpPermissionData,
  NetworkAclData,
  SecurityGroupData,
} from '../../snapshot/schema/ec2.js';
import type { Snapshot } from '../../snapshot/snapshot.js';
import { buildSnapshot } from '../../snapshot/validate.js';
import type { FixChange, NetworkAclEntrySpec, SecurityGroupRuleSpec } from './types.js';

/**
 * The snapshot as AWS would describe it after the changes: each new security group rule joins
 * the `IpPermissions` (or `IpPermissionsEgress`) item of the same protocol and ports, or a new
 * one; each NACL entry takes its place in `Entries`, which AWS lists outbound first, by number.
 * The result is validated again like any input, so a change AWS would refuse fails here.
 */
export function patchSnapshot(snapshot: Snapshot, changes: readonly FixChange[]): Snapshot {
  const files = patchFiles(snapshotFiles(snapshot), changes).files;
  return buildSnapshot(asSources(files), snapshot.notes);
}

/** The files of a snapshot with the changes applied; files the changes do not touch are kept. */
export function patchFiles(
  files: readonly SnapshotFile[],
  changes: readonly FixChange[],
): { files: SnapshotFile[]; touched: ReadonlySet<string> } {
  const touched = new Set<string>();
  const patched = files.map((file) => {
    let changed = false;
    const document = { ...file.document };
    const groups = document.SecurityGroups as SecurityGroupData[] | undefined;
    const acls = document.NetworkAcls as NetworkAclData[] | undefined;
    if (groups !== undefined) {
      document.SecurityGroups = groups.map((group) => {
        const mine = changes.filter(
          (c) => c.kind === 'security-group-rule' && c.rule.groupId === group.GroupId,
        );
        if (mine.length > 0) changed = true;
        return mine.reduce(addPermission, group);
      });
    }
    if (acls !== undefined) {
      document.NetworkAcls = acls.map((acl) => {
        const mine = changes.filter(
          (c) => c.kind === 'network-acl-entry' && c.rule.networkAclId === acl.NetworkAclId,
        );
        if (mine.length > 0) changed = true;
        return mine.reduce(addEntry, acl);
      });
    }
    if (changed) touched.add(file.origin.file);
    return changed ? { origin: file.origin, document } : file;
  });
  return { files: patched, touched };
}

function addPermission(group: SecurityGroupData, change: FixChange): SecurityGroupData {
  if (change.kind !== 'security-group-rule') return group;
  const member = change.direction === 'ingress' ? 'IpPermissions' : 'IpPermissionsEgress';
  const permissions = [...(group[member] ?? [])];
  const spec = change.rule;
  const at = permissions.findIndex(
    (p) =>
      p.IpProtocol === spec.ipProtocol && p.FromPort === spec.fromPort && p.ToPort === spec.toPort,
  );
  const base: IpPermissionData = permissions[at] ?? {
    IpProtocol: spec.ipProtocol,
    FromPort: spec.fromPort,
    ToPort: spec.toPort,
    UserIdGroupPairs: [],
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
  };
  const merged = withPeer(base, spec);
  if (at >= 0) permissions[at] = merged;
  else permissions.push(merged);
  return { ...group, [member]: permissions };
}

function withPeer(permission: IpPermissionData, spec: SecurityGroupRuleSpec): IpPermissionData {
  const { peer, description: Description } = spec;
  if (peer.kind === 'security-group') {
    const pair = {
      Description,
      GroupId: peer.groupId,
      ...(peer.userId ? { UserId: peer.userId } : {}),
    };
    return { ...permission, UserIdGroupPairs: [...(permission.UserIdGroupPairs ?? []), pair] };
  }
  if (peer.cidr.includes(':')) {
    const range = { CidrIpv6: peer.cidr, Description };
    return { ...permission, Ipv6Ranges: [...(permission.Ipv6Ranges ?? []), range] };
  }
  return {
    ...permission,
    IpRanges: [...(permission.IpRanges ?? []), { CidrIp: peer.cidr, Description }],
  };
}

function addEntry(acl: NetworkAclData, change: FixChange): NetworkAclData {
  if (change.kind !== 'network-acl-entry') return acl;
  const entry = entryOf(change.rule);
  const kept = acl.Entries.filter(
    (e) =>
      change.rule.operation !== 'replace' ||
      e.Egress !== entry.Egress ||
      e.RuleNumber !== entry.RuleNumber,
  );
  // AWS lists outbound entries first, each direction by ascending number.
  const order = (e: { Egress: boolean; RuleNumber: number }) =>
    (e.Egress ? 0 : 100000) + e.RuleNumber;
  const Entries = [...kept, entry].sort((a, b) => order(a) - order(b));
  return { ...acl, Entries };
}

/** A `NetworkAclEntry` item exactly as `describe-network-acls` lists one. */
export function entryOf(spec: NetworkAclEntrySpec): NetworkAclData['Entries'][number] {
  return {
    ...(spec.cidr.includes(':') ? { Ipv6CidrBlock: spec.cidr } : { CidrBlock: spec.cidr }),
    Egress: spec.egress,
    PortRange: { From: spec.fromPort, To: spec.toPort },
    Protocol: spec.protocol,
    RuleAction: spec.action,
    RuleNumber: spec.ruleNumber,
  };
}
