import type { WorkloadSpec } from '../workload-spec.js';

/**
 * W4 "adversarial fragmentation": small but nasty, in every CI (performance.md §6). SGs of
 * 1,000 random /32 single-port rules, NACLs of 40 alternating allow/deny entries with nested
 * CIDRs and overlapping port ranges, and chained PrivateLink hops.
 */
export const W4: WorkloadSpec = {
  name: 'W4',
  title: 'adversarial fragmentation',
  accounts: 1,
  vpcs: 4,
  subnets: 16,
  enis: 200,
  eniMix: { instance: 0.6, container: 0.15, privateLink: 0.25 },
  securityGroups: 40,
  rulesPerSg: { median: 6, max: 60 },
  sgsPerEni: { min: 1, max: 5, mean: 2.5 },
  sgReferenceShare: 0.3,
  crossVpcReferenceShare: 0,
  prefixListShare: 0.1,
  networkAcls: 8,
  naclRulesPerDirection: { min: 40, max: 40, mean: 40 },
  naclDenyShare: 0.5,
  defaultNaclSubnetShare: 0,
  endpointServices: 5,
  interfaceEndpoints: 8,
  nlbSecurityGroupShare: 0.5,
  crossZoneShare: 0.5,
  prefixLists: { count: 2, maxEntries: 50 },
  dualStackShare: 0.2,
  peerings: 0,
  adversarial: {
    fragmentSgs: 8,
    fragmentRules: 1000,
    fragmentEniShare: 0.4,
    alternatingNacls: 8,
    alternatingRules: 40,
    chainDepth: 3,
  },
};
