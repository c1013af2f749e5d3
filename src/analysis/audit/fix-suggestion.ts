import { EPHEMERAL_PORTS } from '../../net/port-range.js';
import type { Network } from '../../network/types.js';
import type { Hop } from '../../paths/hop.js';
import { commandLine } from '../fix/aws-cli-command.js';
import { callOf } from '../fix/ec2-calls.js';
import type { ChangeContext } from '../fix/failing-hops.js';
import { networkAclChanges, networkAclNeeds } from '../fix/network-acl-change.js';
import { DEFAULT_FIX_OPTIONS, type FixChange } from '../fix/types.js';
import type { Suggestion } from './finding.js';

/**
 * What `vpcreach fix` would change so that these failing NACL hops pass: an allow entry for
 * exactly the denied ports, for the peer's subnet, numbered before the entry that denied. The
 * audit asks the fix module rather than working it out again, so a finding and the fix of the
 * flow behind it never disagree.
 */
export function networkAclFix(network: Network, hops: readonly Hop[]): Suggestion {
  const first = hops[0];
  const ctx: ChangeContext = {
    network,
    snapshot: network.snapshot,
    options: DEFAULT_FIX_OPTIONS,
    question: {
      from: first?.packet?.source ?? '',
      to: first?.packet?.destination ?? '',
      protocol: first?.packet?.protocol ?? 'tcp',
      port: null,
      icmp: null,
      sourcePorts: EPHEMERAL_PORTS,
      ipVersion: first?.packet?.destination.includes(':') ? 6 : 4,
    },
  };
  const needs = hops.flatMap((hop) => networkAclNeeds(ctx, { hop }));
  const notes: string[] = [];
  const changes = networkAclChanges(ctx, needs, new Map(), notes);
  if (changes.length === 0) {
    const acls = [...new Set(hops.map((hop) => hop.component))].join(', ');
    return {
      text: `allow the denied ports in ${acls}; the peer is the whole address space, so no entry is proposed`,
      commands: [],
    };
  }
  return {
    text: [...changes.map(describeChange), ...notes].join('; '),
    commands: changes.map((change) => commandLine(callOf(change))),
  };
}

function describeChange(change: FixChange): string {
  if (change.kind !== 'network-acl-entry') return change.why;
  const rule = change.rule;
  const verb = rule.operation === 'create' ? 'add entry' : 'replace entry';
  const protocol = rule.protocol === '17' ? 'udp' : 'tcp';
  const ports =
    rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  const way = rule.egress ? `outbound to ${rule.cidr}` : `inbound from ${rule.cidr}`;
  return `${verb} ${rule.ruleNumber} of ${rule.networkAclId}: allow ${protocol} ${ports} ${way}`;
}
