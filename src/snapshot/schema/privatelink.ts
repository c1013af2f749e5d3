import { z } from 'zod';
import { port, tags } from './fields.js';

// Shapes of the endpoint (EC2) and load-balancer (ELBv2) describe-* outputs vpcreach reads.

export const VpcEndpoint = z.looseObject({
  VpcEndpointId: z.string(),
  VpcEndpointType: z.string(),
  VpcId: z.string(),
  ServiceName: z.string(),
  State: z.string().optional(),
  SubnetIds: z.array(z.string()).optional(),
  NetworkInterfaceIds: z.array(z.string()).optional(),
  Groups: z.array(z.looseObject({ GroupId: z.string() })).optional(),
  IpAddressType: z.string().optional(),
  OwnerId: z.string().optional(),
  Tags: tags,
});

export const ServiceConfiguration = z.looseObject({
  ServiceId: z.string(),
  ServiceName: z.string(),
  ServiceState: z.string().optional(),
  AvailabilityZones: z.array(z.string()).optional(),
  AvailabilityZoneIds: z.array(z.string()).optional(),
  AcceptanceRequired: z.boolean().optional(),
  NetworkLoadBalancerArns: z.array(z.string()).optional(),
  GatewayLoadBalancerArns: z.array(z.string()).optional(),
  SupportedIpAddressTypes: z.array(z.string()).optional(),
  Tags: tags,
});

export const VpcEndpointConnection = z.looseObject({
  ServiceId: z.string(),
  VpcEndpointId: z.string(),
  VpcEndpointOwner: z.string().optional(),
  VpcEndpointState: z.string().optional(),
});

/** The consumer's view of a service (describe-vpc-endpoint-services), AWS services included. */
export const ServiceDetail = z.looseObject({
  ServiceName: z.string(),
  ServiceId: z.string().optional(),
  Owner: z.string().optional(),
  AvailabilityZones: z.array(z.string()).optional(),
});

const LoadBalancerAddress = z.looseObject({
  IpAddress: z.string().optional(),
  PrivateIPv4Address: z.string().optional(),
  IPv6Address: z.string().optional(),
});

export const LoadBalancer = z.looseObject({
  LoadBalancerArn: z.string(),
  LoadBalancerName: z.string(),
  Type: z.string(),
  Scheme: z.string().optional(),
  VpcId: z.string(),
  State: z.looseObject({ Code: z.string().optional() }).optional(),
  AvailabilityZones: z.array(
    z.looseObject({
      ZoneName: z.string().optional(),
      SubnetId: z.string(),
      LoadBalancerAddresses: z.array(LoadBalancerAddress).optional(),
    }),
  ),
  SecurityGroups: z.array(z.string()).optional(),
  IpAddressType: z.string().optional(),
  EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: z.string().optional(),
});

const ForwardTarget = z.looseObject({
  TargetGroupArn: z.string(),
  Weight: z.number().int().optional(),
});

export const Listener = z.looseObject({
  ListenerArn: z.string().optional(),
  LoadBalancerArn: z.string().optional(),
  Port: port.optional(),
  Protocol: z.string().optional(),
  DefaultActions: z
    .array(
      z.looseObject({
        Type: z.string(),
        TargetGroupArn: z.string().optional(),
        ForwardConfig: z
          .looseObject({ TargetGroups: z.array(ForwardTarget).optional() })
          .optional(),
      }),
    )
    .optional(),
});

export const TargetGroup = z.looseObject({
  TargetGroupArn: z.string(),
  TargetGroupName: z.string().optional(),
  Protocol: z.string().optional(),
  Port: port.optional(),
  VpcId: z.string().optional(),
  TargetType: z.string().optional(),
  IpAddressType: z.string().optional(),
  LoadBalancerArns: z.array(z.string()).optional(),
  HealthCheckEnabled: z.boolean().optional(),
  HealthCheckProtocol: z.string().optional(),
  HealthCheckPort: z.string().optional(),
});

export const Attribute = z.looseObject({ Key: z.string(), Value: z.string().optional() });

export const LoadBalancerListeners = z.looseObject({
  LoadBalancerArn: z.string(),
  Listeners: z.array(Listener),
});

export const LoadBalancerAttributes = z.looseObject({
  LoadBalancerArn: z.string(),
  Attributes: z.array(Attribute),
});

export const TargetHealthDescription = z.looseObject({
  Target: z.looseObject({
    Id: z.string(),
    Port: port.optional(),
    AvailabilityZone: z.string().optional(),
  }),
  HealthCheckPort: z.string().optional(),
  TargetHealth: z
    .looseObject({ State: z.string().optional(), Reason: z.string().optional() })
    .optional(),
});

export const LoadBalancerTargetHealth = z.looseObject({
  TargetGroupArn: z.string(),
  TargetHealthDescriptions: z.array(TargetHealthDescription),
});

export const TargetGroupAttributes = z.looseObject({
  TargetGroupArn: z.string(),
  Attributes: z.array(Attribute),
});

export type VpcEndpointData = z.infer<typeof VpcEndpoint>;
export type ServiceConfigurationData = z.infer<typeof ServiceConfiguration>;
export type VpcEndpointConnectionData = z.infer<typeof VpcEndpointConnection>;
export type ServiceDetailData = z.infer<typeof ServiceDetail>;
export type LoadBalancerData = z.infer<typeof LoadBalancer>;
export type ListenerData = z.infer<typeof Listener>;
export type TargetGroupData = z.infer<typeof TargetGroup>;
export type AttributeData = z.infer<typeof Attribute>;
export type LoadBalancerListenersData = z.infer<typeof LoadBalancerListeners>;
export type LoadBalancerAttributesData = z.infer<typeof LoadBalancerAttributes>;
export type LoadBalancerTargetHealthData = z.infer<typeof LoadBalancerTargetHealth>;
export type TargetGroupAttributesData = z.infer<typeof TargetGroupAttributes>;
export type TargetHealthDescriptionData = z.infer<typeof TargetHealthDescription>;
