import type { Decision, Segment } from '../filters/flow.js';
import { formatPortRange } from '../net/port-range.js';
import type { Hop } from '../paths/hop.js';
import type { PathWaypoints } from '../paths/path.js';

// Pure helpers shared by the DOT renderer and the web page (which bundles this file), so the
// two name hops and deciding rules the same way. No Node APIs here.

/** The rule a segment names, as people read it: `rule 100 allow`, `sg-0abc tcp 443 from …`. */
export function describeDecision(decision: Decision): string {
  switch (decision.kind) {
    case 'network-acl-entry':
      return `rule ${decision.ruleNumber} ${decision.action}`;
    case 'security-group-rule':
      return `${decision.groupId} ${decision.summary}`;
    case 'no-matching-rule':
      return `no rule of ${decision.groupIds.join(', ')} matches`;
    case 'no-security-groups':
      return 'no security groups';
  }
}

/**
 * The segments that explain a hop's verdict: the denying ones when it blocks, the allowing ones
 * when it passes, all of them when it passes only part of the range.
 */
export function decidingSegments(hop: Hop): Segment[] {
  if (hop.verdict === 'partial') return [...hop.segments];
  const allowed = hop.verdict === 'pass';
  return hop.segments.filter((segment) => segment.allowed === allowed);
}

/** One line per deciding rule, with its ports when the hop judged a range. */
export function decidingRuleLines(hop: Hop): string[] {
  const segments = decidingSegments(hop);
  if (segments.length === 0) return [];
  const ranged = hop.segments.length > 1 || segments[0]?.ports.from !== segments[0]?.ports.to;
  const lines = segments.map((segment) => {
    const ports = ranged ? ` (ports ${formatPortRange(segment.ports)})` : '';
    return `${describeDecision(segment.decision)}${ports}`;
  });
  return [...new Set(lines)];
}

const GATE_ROLES: Partial<Record<Hop['kind'], string>> = {
  routing: 'routing',
  protocol: 'protocol',
  'endpoint-state': 'endpoint state',
  'endpoint-service': 'PrivateLink',
  listener: 'NLB listener',
  'target-group': 'target group',
  target: 'target choice',
  'nlb-rewrite': 'NLB node',
};

/**
 * What a hop is on its path, by whose address it guards: `client subnet NACL`,
 * `endpoint security groups`, `NLB node`. Filters guard the sender on egress and the receiver
 * on ingress.
 */
export function hopRole(hop: Hop, waypoints: PathWaypoints): string {
  const gate = GATE_ROLES[hop.kind];
  if (gate !== undefined) return gate;
  const address =
    hop.direction === 'egress' ? hop.packet?.source : (hop.packet?.destination ?? undefined);
  const who = address === undefined ? undefined : whoHas(address, waypoints);
  const what = hop.kind === 'network-acl' ? 'subnet NACL' : 'security groups';
  return who === undefined ? what.replace('subnet ', '') : `${who} ${what}`;
}

function whoHas(address: string, waypoints: PathWaypoints): string | undefined {
  if (waypoints.source.address === address) return 'client';
  if (waypoints.endpoint?.address === address) return 'endpoint';
  if (waypoints.loadBalancer?.nodeAddress === address) return 'NLB';
  if (waypoints.target?.address === address) return 'target';
  if (waypoints.destination?.address === address) return 'destination';
  return undefined;
}

/** A component ID short enough for a diagram: an ELB ARN becomes `listener orders-nlb/…`. */
export function shortComponent(component: string): string {
  const arn =
    /^arn:aws[\w-]*:elasticloadbalancing:[^:]*:[^:]*:(\w+)\/(?:(?:net|app|gwy)\/)?([^/]+)/;
  const match = arn.exec(component);
  if (match === null) return component;
  return `${match[1]} ${match[2]}`;
}
