/**
 * The network an infrastructure-as-code file declares, after its references are resolved and its
 * values checked, but before AWS's implicit resources (default network ACL and security group,
 * endpoint and load balancer ENIs) are added. The Terraform and CloudFormation readers fill one;
 * `emitSnapshotDocument` turns it into the `describe-*` shapes a snapshot is made of.
 */
export interface IacNetwork {
  region: string;
  accountId: string;
  vpcs: IacVpc[];
  subnets: IacSubnet[];
  networkAcls: IacNetworkAcl[];
  networkAclAssociations: IacNetworkAclAssociation[];
  securityGroups: IacSecurityGroup[];
  securityGroupRules: IacSecurityGroupRule[];
  instances: IacInstance[];
  networkInterfaces: IacNetworkInterface[];
  vpcEndpoints: IacVpcEndpoint[];
  endpointServices: IacEndpointService[];
  loadBalancers: IacLoadBalancer[];
  listeners: IacListener[];
  targetGroups: IacTargetGroup[];
  targets: IacTarget[];
}

/** A tag as AWS lists it. */
export interface Tag {
  Key: string;
  Value: string;
}

/** What every declared resource carries: its ID and where it was declared (address, logical ID). */
export interface IacResource {
  /** Terraform address or CloudFormation logical ID, for messages. */
  source: string;
  tags: Tag[];
}

/** A VPC with the IDs of the default ACL and group AWS creates with it. */
export interface IacVpc extends IacResource {
  vpcId: string;
  cidrBlock?: string;
  ipv6CidrBlocks: string[];
  defaultNetworkAclId: string;
  defaultSecurityGroupId: string;
}

/** A subnet; zone name and zone ID as far as the file gives them. */
export interface IacSubnet extends IacResource {
  subnetId: string;
  vpcId: string;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  availabilityZone?: string;
  availabilityZoneId?: string;
}

/** One network ACL entry, already in AWS's vocabulary (`Protocol` a number string or `-1`). */
export interface IacNetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from: number; to: number };
  icmpTypeCode?: { type: number; code: number };
}

/** A network ACL and its numbered entries (the `*` entries are added on emit). */
export interface IacNetworkAcl extends IacResource {
  networkAclId: string;
  vpcId: string;
  /** True when the resource manages the VPC's default ACL (its entries replace AWS's). */
  isDefault: boolean;
  entries: IacNetworkAclEntry[];
}

/** An explicit subnet association; subnets without one use their VPC default ACL. */
export interface IacNetworkAclAssociation {
  networkAclId: string;
  subnetId: string;
}

/** One IpPermission as the API returns it: one protocol and port range, any number of peers. */
export interface IacIpPermission {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4: string[];
  cidrIpv6: string[];
  prefixListIds: string[];
  groupIds: string[];
  description?: string;
}

/** A security group with its inline rules, exactly as the file leaves it on AWS. */
export interface IacSecurityGroup extends IacResource {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  /** True when the resource manages the VPC's default group (its rules replace AWS's). */
  isDefault: boolean;
  ingress: IacIpPermission[];
  egress: IacIpPermission[];
}

/** A rule declared apart from its group (`aws_security_group_rule`, `SecurityGroupIngress`). */
export interface IacSecurityGroupRule {
  source: string;
  groupId: string;
  direction: 'ingress' | 'egress';
  permission: IacIpPermission;
}

/** An EC2 instance and its primary ENI (device index 0). */
export interface IacInstance extends IacResource {
  instanceId: string;
  subnetId: string;
  primaryNetworkInterfaceId: string;
  privateIpAddress?: string;
  /** Empty means the VPC's default security group, as EC2 does. */
  securityGroupIds: string[];
  availabilityZone?: string;
}

/** An ENI the file declares itself. */
export interface IacNetworkInterface extends IacResource {
  networkInterfaceId: string;
  subnetId: string;
  privateIpAddresses: string[];
  securityGroupIds: string[];
  description: string;
  attachment?: { instanceId: string; deviceIndex: number };
}

/** A VPC endpoint; interface endpoints get one ENI per subnet on emit. */
export interface IacVpcEndpoint extends IacResource {
  vpcEndpointId: string;
  vpcEndpointType: string;
  vpcId: string;
  serviceName: string;
  subnetIds: string[];
  /** Empty means the VPC's default security group, as AWS does for interface endpoints. */
  securityGroupIds: string[];
  privateDnsEnabled: boolean;
  ipAddressType: string;
  /** Addresses designated per subnet (`subnet_configuration`), keyed by subnet ID. */
  designatedIpv4: Record<string, string>;
  state?: string;
}

/** An endpoint service fronting network load balancers. */
export interface IacEndpointService extends IacResource {
  serviceId: string;
  serviceName: string;
  networkLoadBalancerArns: string[];
  acceptanceRequired: boolean;
  supportedIpAddressTypes: string[];
  state?: string;
}

/** A load balancer; a network load balancer gets one node ENI per subnet on emit. */
export interface IacLoadBalancer extends IacResource {
  loadBalancerArn: string;
  loadBalancerName: string;
  /** Short readable key for the node ENI placeholders (address or logical ID). */
  key: string;
  type: string;
  scheme: 'internal' | 'internet-facing';
  subnets: Array<{ subnetId: string; privateIpv4Address?: string }>;
  securityGroupIds: string[];
  ipAddressType: string;
  enforceSecurityGroupInboundRulesOnPrivateLinkTraffic?: string;
  attributes: Tag[];
}

/** A listener's default action: one target group, or weighted groups. */
export interface IacListenerAction {
  type: string;
  targetGroupArn?: string;
  order?: number;
  forward?: Array<{ targetGroupArn: string; weight: number }>;
}

/** A listener of a load balancer. */
export interface IacListener extends IacResource {
  listenerArn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  defaultActions: IacListenerAction[];
}

/** A target group's health check, in DescribeTargetGroups terms. */
export interface IacHealthCheck {
  enabled: boolean;
  protocol: string;
  port: string;
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  matcher?: string;
}

/** A target group and its attributes. */
export interface IacTargetGroup extends IacResource {
  targetGroupArn: string;
  targetGroupName: string;
  protocol: string;
  port: number;
  vpcId?: string;
  targetType: string;
  ipAddressType: string;
  healthCheck: IacHealthCheck;
  attributes: Tag[];
}

/** A target registered with a target group. */
export interface IacTarget {
  source: string;
  targetGroupArn: string;
  id: string;
  port?: number;
  availabilityZone?: string;
}

/** A fresh, empty network for the given Region and account. */
export function createIacNetwork(region: string, accountId: string): IacNetwork {
  return {
    region,
    accountId,
    vpcs: [],
    subnets: [],
    networkAcls: [],
    networkAclAssociations: [],
    securityGroups: [],
    securityGroupRules: [],
    instances: [],
    networkInterfaces: [],
    vpcEndpoints: [],
    endpointServices: [],
    loadBalancers: [],
    listeners: [],
    targetGroups: [],
    targets: [],
  };
}
