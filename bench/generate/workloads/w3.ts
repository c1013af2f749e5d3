import type { WorkloadSpec } from '../workload-spec.js';

/**
 * W3 "org-scale": large, manual or perf job (performance.md §6).
 * Not modelled: route tables, TGW, peering and blackholes are not written until routing is;
 * planned peerings only decide which cross-VPC SG references appear.
 */
export const W3: WorkloadSpec = {
  name: 'W3',
  title: 'org-scale',
  accounts: 200,
  vpcs: 500,
  subnets: 5000,
  enis: 50000,
  eniMix: { instance: 0.7, container: 0.2, privateLink: 0.1 },
  securityGroups: 5000,
  rulesPerSg: { median: 8, p99: 200, max: 400 },
  sgsPerEni: { min: 1, max: 16, mean: 3 },
  sgReferenceShare: 0.35,
  crossVpcReferenceShare: 0.15,
  prefixListShare: 0.1,
  networkAcls: 1000,
  naclRulesPerDirection: { min: 4, max: 40, mean: 15 },
  naclDenyShare: 0.3,
  defaultNaclSubnetShare: 0.05,
  endpointServices: 500,
  interfaceEndpoints: 2000,
  nlbSecurityGroupShare: 0.5,
  crossZoneShare: 0.5,
  prefixLists: { count: 50, maxEntries: 1000 },
  dualStackShare: 0.5,
  peerings: 500,
  prefixListCeilingSg: true,
};
