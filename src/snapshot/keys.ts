/**
 * The top-level keys a snapshot document may hold. Each is the top-level key of one AWS CLI
 * `describe-*` output (`aws ec2 describe-vpcs` prints `{"Vpcs": [...]}`), except the wrappers
 * for calls that AWS answers once per resource: those hold one item per call, with the ARN or ID
 * the call was made for beside its output, as in the Batfish project's `aws_configs` snapshots.
 */
export const SNAPSHOT_KEYS = {
  /** `aws ec2 describe-vpcs` */
  Vpcs: 'describe-vpcs',
  /** `aws ec2 describe-subnets` */
  Subnets: 'describe-subnets',
  /** `aws ec2 describe-availability-zones` (zone names differ per account; IDs do not) */
  AvailabilityZones: 'describe-availability-zones',
  /** `aws ec2 describe-network-acls` */
  NetworkAcls: 'describe-network-acls',
  /** `aws ec2 describe-security-groups` */
  SecurityGroups: 'describe-security-groups',
  /** `aws ec2 describe-managed-prefix-lists` (or Batfish's form with `Cidrs` inline) */
  PrefixLists: 'describe-managed-prefix-lists',
  /** Wrapper: `[{ PrefixListId, Entries }]`, one `get-managed-prefix-list-entries` per list */
  PrefixListEntries: 'get-managed-prefix-list-entries',
  /** `aws ec2 describe-network-interfaces` */
  NetworkInterfaces: 'describe-network-interfaces',
  /** `aws ec2 describe-instances` */
  Reservations: 'describe-instances',
  /** `aws ec2 describe-vpc-endpoints` (consumer side) */
  VpcEndpoints: 'describe-vpc-endpoints',
  /** `aws ec2 describe-vpc-endpoint-service-configurations` (provider side) */
  ServiceConfigurations: 'describe-vpc-endpoint-service-configurations',
  /** `aws ec2 describe-vpc-endpoint-connections` (provider's view of consumer endpoints) */
  VpcEndpointConnections: 'describe-vpc-endpoint-connections',
  /** `aws ec2 describe-vpc-endpoint-services` (consumer's view, incl. AWS services) */
  ServiceDetails: 'describe-vpc-endpoint-services',
  /** `aws elbv2 describe-load-balancers` */
  LoadBalancers: 'describe-load-balancers',
  /** `aws elbv2 describe-target-groups` */
  TargetGroups: 'describe-target-groups',
  /** Wrapper: `[{ LoadBalancerArn, Listeners }]`, one `describe-listeners` per load balancer */
  LoadBalancerListeners: 'describe-listeners',
  /** Wrapper: `[{ LoadBalancerArn, Attributes }]` */
  LoadBalancerAttributes: 'describe-load-balancer-attributes',
  /** Wrapper: `[{ TargetGroupArn, TargetHealthDescriptions }]` */
  LoadBalancerTargetHealth: 'describe-target-health',
  /** Wrapper: `[{ TargetGroupArn, Attributes }]` */
  TargetGroupAttributes: 'describe-target-group-attributes',
} as const;

export type SnapshotKey = keyof typeof SNAPSHOT_KEYS;

/**
 * One snapshot document: any subset of the keys above, each holding the list AWS returned. A
 * directory of `describe-*` files, a collected account and a Terraform plan all become a list
 * of these before validation.
 */
export type SnapshotDocument = { [K in SnapshotKey]?: unknown[] };

export function isSnapshotKey(key: string): key is SnapshotKey {
  return Object.hasOwn(SNAPSHOT_KEYS, key);
}
