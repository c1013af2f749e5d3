import { type PrefixListEntry, paginateGetManagedPrefixListEntries } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  type Listener,
  type LoadBalancerAttribute,
  paginateDescribeListeners,
  type TargetGroupAttribute,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { collectPages, type RegionLists } from './list-calls.js';
import type { AwsClients } from './types.js';

/** One item of each per-resource wrapper: the ID or ARN the call was made for, and its output. */
export interface WrapperItems {
  PrefixListEntries: { PrefixListId: string; Entries: PrefixListEntry[] };
  LoadBalancerListeners: { LoadBalancerArn: string; Listeners: Listener[] };
  LoadBalancerAttributes: { LoadBalancerArn: string; Attributes: LoadBalancerAttribute[] };
  LoadBalancerTargetHealth: {
    TargetGroupArn: string;
    TargetHealthDescriptions: TargetHealthDescription[];
  };
  TargetGroupAttributes: { TargetGroupArn: string; Attributes: TargetGroupAttribute[] };
}

/** The snapshot keys filled by one call per resource each. */
export type WrapperKey = keyof WrapperItems;

/** A call AWS answers once per resource, and which resources of the region it is made for. */
export interface ResourceCall<K extends WrapperKey> {
  call: string;
  /** IDs or ARNs to call for; undefined when the region-wide list they come from failed. */
  resources: (lists: RegionLists) => string[] | undefined;
  run: (clients: AwsClients, resource: string) => Promise<WrapperItems[K]>;
}

/**
 * Prefix lists whose entries are needed: every customer-managed list (owner is an account ID,
 * not `AWS`), and the AWS-managed lists a security group rule references. AWS-managed lists
 * nobody references (there are dozens per region) are skipped.
 */
export function selectPrefixListIds(lists: RegionLists): string[] | undefined {
  if (lists.PrefixLists === undefined && lists.SecurityGroups === undefined) return undefined;
  const ids = new Set<string>();
  for (const list of lists.PrefixLists ?? []) {
    if (list.PrefixListId !== undefined && list.OwnerId !== 'AWS') ids.add(list.PrefixListId);
  }
  for (const group of lists.SecurityGroups ?? []) {
    const permissions = [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])];
    for (const permission of permissions) {
      for (const ref of permission.PrefixListIds ?? []) {
        if (ref.PrefixListId !== undefined) ids.add(ref.PrefixListId);
      }
    }
  }
  return [...ids];
}

/**
 * Target groups behind a load balancer. A group with no load balancer carries no traffic (AWS
 * reports its targets as `unused`, `Target.NotInUse`), so its health and attributes are skipped.
 */
export function selectAttachedTargetGroupArns(lists: RegionLists): string[] | undefined {
  return lists.TargetGroups?.filter((group) => (group.LoadBalancerArns ?? []).length > 0)
    .map((group) => group.TargetGroupArn)
    .filter((arn) => arn !== undefined);
}

function selectLoadBalancerArns(lists: RegionLists): string[] | undefined {
  return lists.LoadBalancers?.map((lb) => lb.LoadBalancerArn).filter((arn) => arn !== undefined);
}

/** Every per-resource read the collector makes, keyed by the wrapper key it fills. */
export const RESOURCE_CALLS: { [K in WrapperKey]: ResourceCall<K> } = {
  PrefixListEntries: {
    call: 'GetManagedPrefixListEntries',
    resources: selectPrefixListIds,
    run: async ({ ec2 }, id) => ({
      PrefixListId: id,
      Entries: await collectPages(
        paginateGetManagedPrefixListEntries({ client: ec2 }, { PrefixListId: id }),
        (page) => page.Entries,
      ),
    }),
  },
  LoadBalancerListeners: {
    call: 'DescribeListeners',
    resources: selectLoadBalancerArns,
    run: async ({ elbv2 }, arn) => ({
      LoadBalancerArn: arn,
      Listeners: await collectPages(
        paginateDescribeListeners({ client: elbv2 }, { LoadBalancerArn: arn }),
        (page) => page.Listeners,
      ),
    }),
  },
  LoadBalancerAttributes: {
    call: 'DescribeLoadBalancerAttributes',
    resources: selectLoadBalancerArns,
    run: async ({ elbv2 }, arn) => {
      const input = { LoadBalancerArn: arn };
      const output = await elbv2.send(new DescribeLoadBalancerAttributesCommand(input));
      return { LoadBalancerArn: arn, Attributes: output.Attributes ?? [] };
    },
  },
  LoadBalancerTargetHealth: {
    call: 'DescribeTargetHealth',
    resources: selectAttachedTargetGroupArns,
    run: async ({ elbv2 }, arn) => {
      const output = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
      return {
        TargetGroupArn: arn,
        TargetHealthDescriptions: output.TargetHealthDescriptions ?? [],
      };
    },
  },
  TargetGroupAttributes: {
    call: 'DescribeTargetGroupAttributes',
    resources: selectAttachedTargetGroupArns,
    run: async ({ elbv2 }, arn) => {
      const input = { TargetGroupArn: arn };
      const output = await elbv2.send(new DescribeTargetGroupAttributesCommand(input));
      return { TargetGroupArn: arn, Attributes: output.Attributes ?? [] };
    },
  },
};

/** The wrapper keys, in the order their calls are queued. */
export const WRAPPER_KEYS = Object.keys(RESOURCE_CALLS) as WrapperKey[];
