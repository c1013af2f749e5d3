import { EPHEMERAL_PORTS } from '../../net/port-range.js';
import type { Network } from '../../network/types.js';
import { commandLine } from '../fix/aws-cli-command.js';
import { callOf } from '../fix/ec2-calls.js';
import type { ChangeContext, FailingHop } from '../fix/failing-hops.js';
import { networkAclChanges, networkAclNeeds } from '../fix/network-acl-change.js';
import { securityGroupChanges } from '../fix/security-group-change.js';
import { DEFAULT_FIX_OPTIONS, type FixChange } from '../fix/types.js';
import type { Suggestion } from './finding.js';

/**
 * What `vpcreach fix` would change so that these failing hops pass: for a NACL, an allow entry
 * for exactly the refused ports and the peer's subnet, numbered before the entry that refused
 * them; for security groups, a rule naming the peer as fix names it (a target's peer is the load
 * balancer: its group by reference, or its node addresses). The audit asks the fix module rather
 * than working the change out again, so a finding and the fix of the flow behind it agree.
 */
export function fixSuggestion(network: Network, failing: readonly FailingHop[]): Suggestion {
  const packet = failing[0]?.hop.packet;
  const ctx: ChangeContext = {
    network,
    snapshot: network.snapshot,
    options: DEFAULT_FIX_OPTIONS,
    question: {
      from: packet?.source ?? '',
      to: packet?.destination ?? '',
      protocol: packet?.protocol ?? 'tcp',
      port: null,
      icmp: null,
      sourcePorts: EPHEMERAL_PORTS,
      ipVersion: packet?.destination.includes(':') ? 6 : 4,
    },
  };
  const acl = failing.filter((f) => f.hop.kind === 'network-acl');
  const needs = acl.flatMap((f) => networkAclNeeds(ctx, f));
  const notes: string[] = [];
  const changes = [
    ...networkAclChanges(ctx, needs, new Map(), notes),
    ...failing
      .filter((f) => f.hop.kind === 'security-group')
      .flatMap((f) => securityGroupChanges(ctx, f)),
  ];
  const commands = [...new Set(changes.map((change) => commandLine(callOf(change))))];
  if (commands.length === 0) {
    const where = [...new Set(failing.map((f) => f.hop.component))].join(', ');
    return {
      text:
        `let the refused packets through ${where}; no rule narrower than the whole address ` +
        'space names the peer, so none is proposed',
      commands: [],
    };
  }
  const texts = [...new Set(changes.map(describeChange))];
  return { text: [...texts, ...notes].join('; '), commands };
}

function describeChange(change: FixChange): string {
  if (change.kind === 'security-group-rule') {
    const rule = change.rule;
    const peer = rule.peer.kind === 'cidr' ? rule.peer.cidr : rule.peer.groupId;
    const way = change.direction === 'ingress' ? `inbound from ${peer}` : `outbound to ${peer}`;
    const ports = portText(rule.fromPort, rule.toPort);
    return `add a rule to ${rule.groupId}: allow ${rule.ipProtocol} ${ports} ${way}`;
  }
  const rule = change.rule;
  const verb = rule.operation === 'create' ? 'add entry' : 'replace entry';
  const protocol = rule.protocol === '17' ? 'udp' : 'tcp';
  const way = rule.egress ? `outbound to ${rule.cidr}` : `inbound from ${rule.cidr}`;
  const ports = portText(rule.fromPort, rule.toPort);
  return `${verb} ${rule.ruleNumber} of ${rule.networkAclId}: allow ${protocol} ${ports} ${way}`;
}

function portText(from: number, to: number): string {
  return from === to ? `${from}` : `${from}-${to}`;
}
