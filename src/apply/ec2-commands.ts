import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  type EC2Client,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import type { Ec2Call } from '../analysis/fix/ec2-calls.js';

/**
 * Sends one call through the SDK. The inputs were built from the EC2 API's own member names, so
 * they pass through as they are; `DryRun` asks AWS to check permissions and parameters only.
 */
export async function sendCall(
  client: EC2Client,
  call: Ec2Call,
  options: { readonly dryRun: boolean },
): Promise<void> {
  const input = { ...call.input, DryRun: options.dryRun } as never;
  switch (call.operation) {
    case 'AuthorizeSecurityGroupIngress':
      return void (await client.send(new AuthorizeSecurityGroupIngressCommand(input)));
    case 'AuthorizeSecurityGroupEgress':
      return void (await client.send(new AuthorizeSecurityGroupEgressCommand(input)));
    case 'RevokeSecurityGroupIngress':
      return void (await client.send(new RevokeSecurityGroupIngressCommand(input)));
    case 'RevokeSecurityGroupEgress':
      return void (await client.send(new RevokeSecurityGroupEgressCommand(input)));
    case 'CreateNetworkAclEntry':
      return void (await client.send(new CreateNetworkAclEntryCommand(input)));
    case 'ReplaceNetworkAclEntry':
      return void (await client.send(new ReplaceNetworkAclEntryCommand(input)));
    case 'DeleteNetworkAclEntry':
      return void (await client.send(new DeleteNetworkAclEntryCommand(input)));
  }
}
