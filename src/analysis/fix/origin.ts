import type { Snapshot } from '../../snapshot/snapshot.js';

/**
 * The account and Region a security group or network ACL was collected from, so that each
 * change can be run with the right credentials. Empty when the snapshot layout does not say.
 */
export function ownerOf(
  snapshot: Snapshot,
  resource: { readonly groupId: string } | { readonly networkAclId: string },
): { account?: string; region?: string } {
  const item =
    'groupId' in resource
      ? snapshot.SecurityGroups.find((group) => group.GroupId === resource.groupId)
      : snapshot.NetworkAcls.find((acl) => acl.NetworkAclId === resource.networkAclId);
  const origin = item === undefined ? undefined : snapshot.origin.get(item);
  const account = origin?.account ?? item?.OwnerId;
  return {
    ...(account === undefined ? {} : { account }),
    ...(origin?.region === undefined ? {} : { region: origin.region }),
  };
}
