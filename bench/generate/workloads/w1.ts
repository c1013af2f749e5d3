import type { WorkloadSpec } from '../workload-spec.js';

/** W1 "team account": small, runs in every CI (performance.md §6). */
export const W1: WorkloadSpec = {
  name: 'W1',
  title: 'team account',
  accounts: 1,
  vpcs: 3,
  subnets: 30,
  enis: 1000,
  eniMix: { instance: 0.7, container: 0.2, privateLink: 0.1 },
  securityGroups: 150,
  rulesPerSg: { median: 6, max: 60 },
  sgsPerEni: { min: 1, max: 5, mean: 2.5 },
  sgReferenceShare: 0.3,
  crossVpcReferenceShare: 0,
  prefixListShare: 0.1,
  networkAcls: 10,
  naclRulesPerDirection: { min: 8, max: 20, mean: 14 },
  naclDenyShare: 0.2,
  defaultNaclSubnetShare: 0,
  endpointServices: 5,
  interfaceEndpoints: 10,
  nlbSecurityGroupShare: 0.6,
  crossZoneShare: 0.5,
  prefixLists: { count: 2, maxEntries: 50 },
  dualStackShare: 0.1,
  peerings: 0,
};
