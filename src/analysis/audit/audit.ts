import type { Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';
import { dedupe } from '../reach/reach.js';
import {
  auditCrossZone,
  auditEndpointGroups,
  auditEndpointZones,
  auditLoadBalancerGroups,
} from './configuration.js';
import { auditConsumerReturns } from './consumer-returns.js';
import {
  type AuditResult,
  countFindings,
  dedupeFindings,
  type Finding,
  sortFindings,
} from './finding.js';
import { auditNetworkAclEntries } from './nacl-entries.js';
import { auditClientRules } from './privatelink-targets.js';
import { auditLoadBalancerLegs } from './provider-legs.js';
import { auditOpenRules, auditRedundantRules } from './security-group-rules.js';

export type { AuditResult, Finding, Severity } from './finding.js';

/**
 * Audits a whole network: rules that do nothing (shadowed NACL entries, redundant group rules,
 * target rules naming clients PrivateLink never delivers), rules that admit too much (open to
 * every address where the path really exposes them), and paths that work only sometimes
 * (return rules covering part of the ephemeral range, refused nodes, blocked health checks,
 * zones without targets). Rule findings are judged on the ENIs and paths they apply to, not
 * rule by rule, so a rule that a NACL already closes is not reported.
 */
export function auditNetwork(network: Network): AuditResult {
  const limitations: Limitation[] = [];
  const findings: Finding[] = [
    ...auditNetworkAclEntries(network),
    ...auditRedundantRules(network),
    ...auditOpenRules(network),
    ...auditClientRules(network),
    ...auditLoadBalancerLegs(network, limitations),
    ...auditConsumerReturns(network, limitations),
    ...auditEndpointGroups(network),
    ...auditLoadBalancerGroups(network),
    ...auditCrossZone(network),
    ...auditEndpointZones(network),
  ];
  const sorted = sortFindings(dedupeFindings(findings));
  return {
    version: 1,
    findings: sorted,
    counts: countFindings(sorted),
    // The trace's note on the NLB subnet's inbound NACL names a trace option audit does not have.
    limitations: dedupe(limitations).filter((l) => !l.code.startsWith('ASSUMPTION_NLB_SUBNET_ACL')),
  };
}
