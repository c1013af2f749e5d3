import { auditNetwork } from '../../../src/analysis/audit/audit.js';
import type { Finding } from '../../../src/analysis/audit/finding.js';
import { type Docs, networkOf } from '../../fixtures/privatelink-network.js';

type Json = Record<string, unknown>;

export function audit(docs: Docs) {
  return auditNetwork(networkOf(docs));
}

/** The findings of one code. */
export function findings(docs: Docs, code: string): Finding[] {
  return audit(docs).findings.filter((f) => f.code === code);
}

/** The entries list of a NACL of the fixture, to push to or filter. */
export function entriesOf(docs: Docs, aclId: string): Json[] {
  const acl = docs.NetworkAcls.find((a) => a.NetworkAclId === aclId);
  if (acl === undefined) throw new Error(`no NACL ${aclId}`);
  return acl.Entries as Json[];
}

export function groupOf(docs: Docs, groupId: string): Json {
  const group = docs.SecurityGroups.find((g) => g.GroupId === groupId);
  if (group === undefined) throw new Error(`no group ${groupId}`);
  return group;
}
