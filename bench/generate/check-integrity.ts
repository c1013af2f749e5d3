/**
 * Checks that generated documents are internally consistent, reading them back as a loader
 * would: every ID referenced exists, addresses are unique and inside their subnet, quotas hold
 * and AWS's defaults are present. Returns the problems found (empty when all is well).
 */
import { type AccountDocs, IntegrityContext } from './integrity-context.js';
import { checkNetworkLayer } from './integrity-network.js';
import { checkPrivateLinkLayer } from './integrity-privatelink.js';

/** Re-exported so callers need only this module. */
export type { AccountDocs };

/** All integrity problems of a set of account documents; empty when consistent. */
export function checkIntegrity(accounts: readonly AccountDocs[]): string[] {
  const ctx = new IntegrityContext(accounts);
  ctx.indexBy('Vpcs', 'VpcId');
  ctx.indexBy('Subnets', 'SubnetId');
  ctx.indexBy('SecurityGroups', 'GroupId');
  ctx.indexBy('NetworkAcls', 'NetworkAclId');
  ctx.indexBy('PrefixLists', 'PrefixListId');
  ctx.indexBy('NetworkInterfaces', 'NetworkInterfaceId');
  ctx.indexBy('VpcEndpoints', 'VpcEndpointId');
  ctx.indexBy('ServiceConfigurations', 'ServiceId');
  ctx.indexBy('LoadBalancers', 'LoadBalancerArn');
  ctx.indexBy('TargetGroups', 'TargetGroupArn');
  checkNetworkLayer(ctx);
  checkPrivateLinkLayer(ctx);
  return ctx.problems;
}
