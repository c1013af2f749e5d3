import { defaultNetworkAclEntries } from './emit-filters.js';
import type { IacNetwork, IacNetworkAclEntry } from './model.js';
import type { NoteList } from './read-result.js';

/** An ACL entry declared as its own resource, waiting for its ACL to be known. */
export interface PendingAclEntry {
  source: string;
  networkAclId: string;
  entry: IacNetworkAclEntry;
}

/**
 * Adds entries declared apart from their ACL. An entry on a VPC's default ACL keeps AWS's
 * default entries beside it. An entry on an ACL outside the file (an existing one named by ID)
 * cannot be placed: it is left out, and a note says so.
 */
export function placeAclEntries(
  network: IacNetwork,
  pending: PendingAclEntry[],
  notes: NoteList,
): void {
  for (const item of pending) {
    let acl = network.networkAcls.find((candidate) => candidate.networkAclId === item.networkAclId);
    const vpc = network.vpcs.find(
      (candidate) => candidate.defaultNetworkAclId === item.networkAclId,
    );
    if (acl === undefined && vpc !== undefined) {
      acl = {
        source: vpc.source,
        tags: [],
        networkAclId: item.networkAclId,
        vpcId: vpc.vpcId,
        isDefault: true,
        entries: defaultNetworkAclEntries(vpc),
      };
      network.networkAcls.push(acl);
    }
    if (acl === undefined) {
      notes.add(
        'ACL_OUTSIDE_SNAPSHOT',
        item.source,
        `the entry is for ${item.networkAclId}, which this file does not declare; it is left out`,
      );
      continue;
    }
    acl.entries.push(item.entry);
  }
}

/**
 * Keeps security group rules declared apart from their group only when the group is known; a
 * rule for a group outside the file is left out with a note.
 */
export function checkRuleGroups(network: IacNetwork, notes: NoteList): void {
  const known = new Set([
    ...network.securityGroups.map((group) => group.groupId),
    ...network.vpcs.map((vpc) => vpc.defaultSecurityGroupId),
  ]);
  network.securityGroupRules = network.securityGroupRules.filter((rule) => {
    if (known.has(rule.groupId)) return true;
    notes.add(
      'SECURITY_GROUP_OUTSIDE_SNAPSHOT',
      rule.source,
      `the rule is for ${rule.groupId}, which this file does not declare; it is left out`,
    );
    return false;
  });
}
