import type { Severity } from './finding.js';

/** What one finding code means, for reports and SARIF rule metadata. */
export interface FindingKind {
  readonly code: string;
  /** A PascalCase name, as SARIF's `reportingDescriptor.name` wants it. */
  readonly name: string;
  readonly severity: Severity;
  readonly short: string;
  readonly full: string;
  readonly help: string;
}

function kind(
  code: string,
  severity: Severity,
  short: string,
  full: string,
  help: string,
): FindingKind {
  const name = code
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return { code, name, severity, short, full, help };
}

/** Every finding code the audit can report, with its default severity. */
export const FINDING_KINDS: readonly FindingKind[] = [
  kind(
    'NACL_ENTRY_SHADOWED',
    'low',
    'Network ACL entry never matches first',
    'Every packet the entry matches is already decided by lower-numbered entries of the same direction, so the entry does nothing. Medium when it is an allow hidden by a deny: the traffic it names is refused.',
    'Delete the entry, or renumber it below the entries that hide it if it was meant to decide.',
  ),
  kind(
    'NACL_ENTRY_NEVER_DECIDES',
    'info',
    'Network ACL entry matches no traffic that crosses the subnet boundary',
    'NACLs judge only packets entering or leaving the subnet; an entry whose packets (after lower-numbered entries) all stay inside the subnet, or belong to an address family the subnets do not have, never decides anything on any path.',
    'Delete the entry, or correct its CIDR to the peer network it was meant for.',
  ),
  kind(
    'NACL_ALLOW_PARTLY_DENIED',
    'low',
    'Part of a network ACL allow is overruled by a lower-numbered deny',
    'A lower-numbered deny entry matches part of what the allow entry names, so that part is refused although the allow suggests otherwise.',
    'Narrow the deny, or give the allow a number below the deny if the allowed part should pass.',
  ),
  kind(
    'SG_RULE_REDUNDANT',
    'low',
    'Security group rule duplicates or is contained in other rules',
    "On every ENI carrying the group, the packets the rule admits are admitted by other rules of the ENI's groups, so removing it changes nothing.",
    'Revoke the redundant rule.',
  ),
  kind(
    'SG_OPEN_TO_WORLD',
    'medium',
    'Security group rule open to 0.0.0.0/0 or ::/0 that the path really exposes',
    "An inbound rule admits any address, and the subnet's network ACL lets addresses from outside the VPC through in both directions, so the exposure is real. High when the rule admits every port or protocol.",
    'Replace the rule with one naming the networks that need access.',
  ),
  kind(
    'TARGET_SG_ADMITS_CLIENTS',
    'medium',
    'Target security group rule admits client addresses PrivateLink never delivers',
    "PrivateLink traffic reaches targets from the NLB node addresses, never from the consumer's, so a target rule naming consumer networks and no node address does nothing for it. Low when the targets also serve direct clients whose address the NLB preserves.",
    'Admit the NLB node addresses (or its subnets) on the target port and the health-check port, and revoke the client rule.',
  ),
  kind(
    'TARGET_NACL_ADMITS_CLIENTS',
    'medium',
    'Target subnet NACL entry admits client addresses PrivateLink never delivers',
    "Packets from the NLB reach the target subnet with the node's address as the source; an allow entry naming consumer networks and no node address never admits PrivateLink traffic.",
    'Allow the NLB subnets on the target port (and the replies to them), and delete the client entry.',
  ),
  kind(
    'TARGET_NODE_NOT_ADMITTED',
    'high',
    'A load balancer node that sends traffic to a target is refused',
    "With cross-zone load balancing on every node sends to every target (with it off, the node of the target's zone); a node the target's filters refuse makes the service work only sometimes.",
    'Admit every node address that sends to the target, on the target port.',
  ),
  kind(
    'HEALTH_CHECK_BLOCKED',
    'high',
    'NLB health checks to a target are blocked',
    'Every node health-checks every target, whatever the cross-zone setting; a check that a security group or NACL blocks marks the target unhealthy, so it gets traffic only when routing fails open.',
    'Admit the health checks from every node address on the health-check port, and their replies.',
  ),
  kind(
    'NLB_SUBNET_NO_RETURN',
    'high',
    "The NLB subnets' NACL drops the targets' replies",
    "NACLs are stateless: the NLB subnet must admit the targets' replies to the node's ephemeral ports (1024-65535); without that rule no connection or health check completes.",
    "Add an inbound allow for the target subnets on TCP 1024-65535 to the NLB subnets' NACL.",
  ),
  kind(
    'RETURN_PATH_PARTIAL',
    'medium',
    'Return path passes only part of the ephemeral port range',
    'A NACL on the return path admits replies to only part of the source ports the client (or the NLB, 1024-65535) may pick, so connections work only sometimes, depending on the port chosen.',
    'Widen the return entry to 1024-65535 (deny bad ports at lower numbers if needed).',
  ),
  kind(
    'RETURN_PATH_BLOCKED',
    'high',
    'Return path drops every reply',
    'A NACL on the return path of a working request admits no reply at all, so the connection never completes.',
    'Add an allow entry for the replies on the ephemeral range 1024-65535.',
  ),
  kind(
    'ENDPOINT_DEFAULT_SECURITY_GROUP',
    'medium',
    "Interface endpoint uses the VPC's default security group",
    "Endpoints created without groups get the VPC's default group, which admits only its own members; clients outside it are refused and anything added to it later gains access.",
    'Give the endpoint its own group admitting the clients on the service ports.',
  ),
  kind(
    'NLB_WITHOUT_SECURITY_GROUPS',
    'low',
    'Network Load Balancer created without security groups',
    'Security groups can be attached to an NLB only at creation; one created without them can never get any, so its targets must admit node addresses rather than a group reference.',
    'Recreate the NLB with a security group when group-based filtering is wanted.',
  ),
  kind(
    'CROSS_ZONE_OFF_ZONE_WITHOUT_HEALTHY_TARGET',
    'high',
    'Cross-zone load balancing is off and an enabled zone has no healthy target',
    'With cross-zone off each node sends only to targets of its own zone; a zone with no registered target drops the traffic its node receives, and one with only unhealthy targets relies on fail-open routing.',
    'Enable cross-zone load balancing, or register healthy targets in every enabled zone.',
  ),
  kind(
    'ENDPOINT_ZONE_NOT_SERVED',
    'high',
    'Interface endpoint has an ENI in a zone the service does not serve',
    "PrivateLink hands traffic to the NLB node of the endpoint ENI's own zone ID; where the service or its NLB has none, clients using that ENI (zonal names, or the regional name) fail.",
    'Enable the zone on the NLB and the service, or remove the subnet from the endpoint.',
  ),
];

const BY_CODE = new Map(FINDING_KINDS.map((k) => [k.code, k]));

/** The kind of a finding code; every code the audit emits is in the catalog. */
export function findingKind(code: string): FindingKind {
  const found = BY_CODE.get(code);
  if (found === undefined) throw new Error(`finding code ${code} is not in the catalog`);
  return found;
}
