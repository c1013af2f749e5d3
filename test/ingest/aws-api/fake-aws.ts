import {
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  type PrefixListEntry,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancerAttribute,
  type TargetGroupAttribute,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { RegionLists } from '../../../src/ingest/aws-api/list-calls.js';
import type { AwsClients } from '../../../src/ingest/aws-api/types.js';

/** What one fake account answers in one region: the lists, and per-resource outputs by ID/ARN. */
export interface FakeRegion {
  lists: RegionLists;
  prefixListEntries?: Record<string, PrefixListEntry[]>;
  listeners?: Record<string, Listener[]>;
  loadBalancerAttributes?: Record<string, LoadBalancerAttribute[]>;
  targetHealth?: Record<string, TargetHealthDescription[]>;
  targetGroupAttributes?: Record<string, TargetGroupAttribute[]>;
}

/** Mocked clients plus their stubs, so a test can add failures or inspect calls. */
export interface FakeClients {
  clients: AwsClients;
  ec2: AwsClientStub<EC2Client>;
  elbv2: AwsClientStub<ElasticLoadBalancingV2Client>;
}

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

/**
 * Real client instances whose `send` answers every command the collector makes from `fake`, in
 * one page each, shaped as the SDK returns them. Each instance is mocked on its own, so two
 * accounts can answer differently in the same test.
 */
export function createFakeClients(fake: FakeRegion): FakeClients {
  const config = { region: 'us-east-1', credentials: CREDENTIALS };
  const ec2Client = new EC2Client(config);
  const elbv2Client = new ElasticLoadBalancingV2Client(config);
  const ec2 = mockClient(ec2Client);
  const elbv2 = mockClient(elbv2Client);
  answerEc2(ec2, fake);
  answerElbv2(elbv2, fake);
  return { clients: { ec2: ec2Client, elbv2: elbv2Client }, ec2, elbv2 };
}

function answerEc2(ec2: AwsClientStub<EC2Client>, fake: FakeRegion): void {
  const { lists } = fake;
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: lists.Vpcs ?? [] });
  ec2.on(DescribeSubnetsCommand).resolves({ Subnets: lists.Subnets ?? [] });
  ec2
    .on(DescribeAvailabilityZonesCommand)
    .resolves({ AvailabilityZones: lists.AvailabilityZones ?? [] });
  ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: lists.NetworkAcls ?? [] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: lists.SecurityGroups ?? [] });
  ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: lists.PrefixLists ?? [] });
  ec2
    .on(DescribeNetworkInterfacesCommand)
    .resolves({ NetworkInterfaces: lists.NetworkInterfaces ?? [] });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: lists.Reservations ?? [] });
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: lists.VpcEndpoints ?? [] });
  ec2
    .on(DescribeVpcEndpointServiceConfigurationsCommand)
    .resolves({ ServiceConfigurations: lists.ServiceConfigurations ?? [] });
  ec2
    .on(DescribeVpcEndpointConnectionsCommand)
    .resolves({ VpcEndpointConnections: lists.VpcEndpointConnections ?? [] });
  ec2.on(DescribeVpcEndpointServicesCommand).resolves({
    ServiceDetails: lists.ServiceDetails ?? [],
    ServiceNames: (lists.ServiceDetails ?? []).map((detail) => detail.ServiceName ?? ''),
  });
  ec2.on(GetManagedPrefixListEntriesCommand).callsFake((input: { PrefixListId: string }) => ({
    Entries: fake.prefixListEntries?.[input.PrefixListId] ?? [],
  }));
}

function answerElbv2(elbv2: AwsClientStub<ElasticLoadBalancingV2Client>, fake: FakeRegion): void {
  const { lists } = fake;
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: lists.LoadBalancers ?? [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: lists.TargetGroups ?? [] });
  elbv2.on(DescribeListenersCommand).callsFake((input: { LoadBalancerArn: string }) => ({
    Listeners: fake.listeners?.[input.LoadBalancerArn] ?? [],
  }));
  elbv2
    .on(DescribeLoadBalancerAttributesCommand)
    .callsFake((input: { LoadBalancerArn: string }) => ({
      Attributes: fake.loadBalancerAttributes?.[input.LoadBalancerArn] ?? [],
    }));
  elbv2.on(DescribeTargetHealthCommand).callsFake((input: { TargetGroupArn: string }) => ({
    TargetHealthDescriptions: fake.targetHealth?.[input.TargetGroupArn] ?? [],
  }));
  elbv2.on(DescribeTargetGroupAttributesCommand).callsFake((input: { TargetGroupArn: string }) => ({
    Attributes: fake.targetGroupAttributes?.[input.TargetGroupArn] ?? [],
  }));
}

/**
 * A paginated answer: page i is served for the token the previous page returned, so the test
 * fails if the paginator does not pass NextToken (or NextMarker) back.
 */
export function pagesByToken<T extends object>(
  pages: readonly T[],
  tokenMember: 'NextToken' | 'NextMarker',
): (input: { NextToken?: string; Marker?: string }) => T {
  return (input) => {
    const token = tokenMember === 'NextToken' ? input.NextToken : input.Marker;
    const index = token === undefined ? 0 : Number(token.replace('page-', ''));
    const page = pages[index];
    if (page === undefined) throw new Error(`no page for token ${token}`);
    const next = index + 1 < pages.length ? { [tokenMember]: `page-${index + 1}` } : {};
    return { ...page, ...next };
  };
}
