import type { WorkloadSpec } from '../workload-spec.js';

/**
 * W2 "business unit": medium, nightly (performance.md §6).
 * Not modelled: the transit gateway, the 30 peerings and the blackhole routes are not written
 * until routing is; the planned peerings only decide which cross-VPC SG references appear.
 */
export const W2: WorkloadSpec = {
  name: 'W2',
  title: 'business unit',
  accounts: 20,
  vpcs: 50,
  subnets: 500,
  enis: 10000,
  eniMix: { instance: 0.7, container: 0.2, privateLink: 0.1 },
  securityGroups: 1000,
  rulesPerSg: { median: 10, p99: 200, max: 400 },
  sgsPerEni: { min: 1, max: 5, mean: 2.5 },
  sgReferenceShare: 0.4,
  crossVpcReferenceShare: 0.15,
  prefixListShare: 0.1,
  networkAcls: 100,
  naclRulesPerDirection: { min: 20, max: 40, mean: 30 },
  naclDenyShare: 0.2,
  defaultNaclSubnetShare: 0.05,
  endpointServices: 100,
  interfaceEndpoints: 300,
  nlbSecurityGroupShare: 0.5,
  crossZoneShare: 0.5,
  prefixLists: { count: 20, maxEntries: 200 },
  dualStackShare: 0.3,
  peerings: 30,
  ceilingSg: { rules: 1000, enis: 5 },
};
