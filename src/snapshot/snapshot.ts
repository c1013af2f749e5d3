import type {
  AvailabilityZoneData,
  NetworkAclData,
  NetworkInterfaceData,
  PrefixListData,
  PrefixListEntriesData,
  ReservationData,
  SecurityGroupData,
  SubnetData,
  VpcData,
} from './schema/ec2.js';
import type {
  LoadBalancerAttributesData,
  LoadBalancerData,
  LoadBalancerListenersData,
  LoadBalancerTargetHealthData,
  ServiceConfigurationData,
  ServiceDetailData,
  TargetGroupAttributesData,
  TargetGroupData,
  VpcEndpointConnectionData,
  VpcEndpointData,
} from './schema/privatelink.js';

/**
 * A validated snapshot: the describe-* outputs of one or more accounts, merged, in AWS's own
 * shapes. Every source (a directory of AWS CLI output, a collected account, a Terraform plan)
 * becomes one of these; nothing downstream knows where it came from except through `origin`,
 * which error messages use to name the file.
 */
export interface Snapshot {
  readonly Vpcs: readonly VpcData[];
  readonly Subnets: readonly SubnetData[];
  readonly AvailabilityZones: readonly AvailabilityZoneData[];
  readonly NetworkAcls: readonly NetworkAclData[];
  readonly SecurityGroups: readonly SecurityGroupData[];
  readonly PrefixLists: readonly PrefixListData[];
  readonly PrefixListEntries: readonly PrefixListEntriesData[];
  readonly NetworkInterfaces: readonly NetworkInterfaceData[];
  readonly Reservations: readonly ReservationData[];
  readonly VpcEndpoints: readonly VpcEndpointData[];
  readonly ServiceConfigurations: readonly ServiceConfigurationData[];
  readonly VpcEndpointConnections: readonly VpcEndpointConnectionData[];
  readonly ServiceDetails: readonly ServiceDetailData[];
  readonly LoadBalancers: readonly LoadBalancerData[];
  readonly TargetGroups: readonly TargetGroupData[];
  readonly LoadBalancerListeners: readonly LoadBalancerListenersData[];
  readonly LoadBalancerAttributes: readonly LoadBalancerAttributesData[];
  readonly LoadBalancerTargetHealth: readonly LoadBalancerTargetHealthData[];
  readonly TargetGroupAttributes: readonly TargetGroupAttributesData[];
  /** Where each item came from (keyed by the item object itself). */
  readonly origin: WeakMap<object, Origin>;
  /** Files that were read but hold no key vpcreach uses, with the keys they had. */
  readonly skipped: readonly SkippedFile[];
  /** Files that were read, in the order they were read. */
  readonly files: readonly string[];
  /** What the readers of plans and templates assumed or left out. */
  readonly notes: readonly SnapshotNote[];
}

export interface SnapshotNote {
  readonly code: string;
  readonly resource: string;
  readonly message: string;
}

export interface Origin {
  /** The file, as a path relative to the snapshot root (or the path the user gave). */
  readonly file: string;
  /** The account, from an `accounts/<id>/<region>/` path, when the layout gives one. */
  readonly account?: string;
  readonly region?: string;
}

export interface SkippedFile {
  readonly file: string;
  readonly keys: readonly string[];
}

export type SnapshotLists = Omit<Snapshot, 'origin' | 'skipped' | 'files' | 'notes'>;

export function emptyLists(): { -readonly [K in keyof SnapshotLists]: SnapshotLists[K][number][] } {
  return {
    Vpcs: [],
    Subnets: [],
    AvailabilityZones: [],
    NetworkAcls: [],
    SecurityGroups: [],
    PrefixLists: [],
    PrefixListEntries: [],
    NetworkInterfaces: [],
    Reservations: [],
    VpcEndpoints: [],
    ServiceConfigurations: [],
    VpcEndpointConnections: [],
    ServiceDetails: [],
    LoadBalancers: [],
    TargetGroups: [],
    LoadBalancerListeners: [],
    LoadBalancerAttributes: [],
    LoadBalancerTargetHealth: [],
    TargetGroupAttributes: [],
  };
}
