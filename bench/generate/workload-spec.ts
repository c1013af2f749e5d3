/**
 * The parameters of one benchmark workload (performance.md §6). Counts are totals over the
 * whole snapshot; shares are fractions of 1.
 */
import type { ZipfShape } from './distributions.js';

/** The benchmark workloads of performance.md §6. */
export type WorkloadName = 'W1' | 'W2' | 'W3' | 'W4';

/** Everything that distinguishes one workload from another. */
export interface WorkloadSpec {
  readonly name: WorkloadName;
  readonly title: string;
  readonly accounts: number;
  readonly vpcs: number;
  readonly subnets: number;
  readonly enis: number;
  /** Target shares of ENI kinds; PrivateLink ENIs may exceed theirs when services need more. */
  readonly eniMix: {
    readonly instance: number;
    readonly container: number;
    readonly privateLink: number;
  };
  /** Total security groups, each VPC's default group included. */
  readonly securityGroups: number;
  readonly rulesPerSg: ZipfShape;
  readonly sgsPerEni: { readonly min: number; readonly max: number; readonly mean: number };
  /** Share of all SG rules whose peer is a security group. */
  readonly sgReferenceShare: number;
  /** Share of SG-reference rules that name a group in a peered VPC of the same Region. */
  readonly crossVpcReferenceShare: number;
  readonly prefixListShare: number;
  /** Custom NACLs (the VPCs' default NACLs come on top). */
  readonly networkAcls: number;
  readonly naclRulesPerDirection: {
    readonly min: number;
    readonly max: number;
    readonly mean: number;
  };
  /** Share of NACL entries that deny a part of an allow listed after them. */
  readonly naclDenyShare: number;
  /** Share of subnets left on their VPC's default NACL. */
  readonly defaultNaclSubnetShare: number;
  readonly endpointServices: number;
  readonly interfaceEndpoints: number;
  readonly nlbSecurityGroupShare: number;
  readonly crossZoneShare: number;
  readonly prefixLists: { readonly count: number; readonly maxEntries: number };
  /** Share of ENIs with an IPv6 address. */
  readonly dualStackShare: number;
  /** Planned same-Region peerings (only used to allow cross-VPC SG references for now). */
  readonly peerings: number;
  /** W2: one SG at the 1,000-rule quota ceiling, attached alone to a few ENIs. */
  readonly ceilingSg?: { readonly rules: number; readonly enis: number };
  /** W3: one SG whose single ingress rule names the largest prefix list (1,000 effective). */
  readonly prefixListCeilingSg?: boolean;
  /** W4 only: the adversarial features. */
  readonly adversarial?: AdversarialSpec;
}

/** W4's adversarial knobs. */
export interface AdversarialSpec {
  /** SGs made of `rules` random /32 single-port ingress rules (half also that many egress). */
  readonly fragmentSgs: number;
  readonly fragmentRules: number;
  /** Share of ENIs carrying one fragment SG alone. */
  readonly fragmentEniShare: number;
  /** NACLs of strictly alternating allow/deny entries with nested CIDRs. */
  readonly alternatingNacls: number;
  readonly alternatingRules: number;
  /** Length of the chained PrivateLink path (services whose targets are endpoint ENIs). */
  readonly chainDepth: number;
}
