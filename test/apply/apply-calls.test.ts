import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { callOf, inverseOf } from '../../src/analysis/fix/ec2-calls.js';
import type { FixChange } from '../../src/analysis/fix/types.js';
import { applyCalls } from '../../src/apply/apply-calls.js';
import { readUndoFile, writeUndoFile } from '../../src/apply/undo-file.js';

const ec2 = mockClient(EC2Client);
const client = new EC2Client({ region: 'us-east-1' });
const temp = mkdtempSync(join(tmpdir(), 'vpcreach-apply-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function awsError(name: string): Error {
  return Object.assign(new Error(`${name} message`), { name });
}

const SG_CHANGE: FixChange = {
  kind: 'security-group-rule',
  component: 'eni-0a',
  direction: 'ingress',
  path: 'forward',
  why: 'test',
  region: 'us-east-1',
  rule: {
    groupId: 'sg-0a',
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    peer: { kind: 'cidr', cidr: '10.0.1.0/24' },
    description: 'vpcreach fix',
  },
};

const ACL_CHANGE: FixChange = {
  kind: 'network-acl-entry',
  component: 'acl-0a',
  direction: 'ingress',
  path: 'return',
  why: 'test',
  rule: {
    networkAclId: 'acl-0a',
    operation: 'create',
    ruleNumber: 120,
    egress: false,
    protocol: '6',
    fromPort: 1024,
    toPort: 65535,
    cidr: '10.0.11.0/24',
    action: 'allow',
  },
};

const CALLS = [callOf(SG_CHANGE), callOf(ACL_CHANGE)];

function run(real: boolean) {
  const log: string[] = [];
  const report = applyCalls(CALLS, {
    clientFor: () => client,
    real,
    log: (line) => log.push(line),
    sleep: async () => {},
  });
  return { report, log };
}

/** AWS's answer to a DryRun that would succeed, and success otherwise. */
function dryRunThenSucceed(input: { DryRun?: boolean }) {
  if (input.DryRun) throw awsError('DryRunOperation');
  return {};
}

beforeEach(() => ec2.reset());

describe('apply through the EC2 SDK', () => {
  it('without --yes makes only the DryRun calls', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake(dryRunThenSucceed);
    ec2.on(CreateNetworkAclEntryCommand).callsFake(dryRunThenSucceed);
    const { report } = run(false);
    expect(await report).toMatchObject({ dryRunPassed: true, done: [] });
    const sent = ec2.calls().map((call) => call.args[0].input as { DryRun?: boolean });
    expect(sent).toHaveLength(2);
    expect(sent.every((input) => input.DryRun === true)).toBe(true);
  });

  it('with --yes makes the real calls after the DryRun succeeded, with the exact inputs', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake(dryRunThenSucceed);
    ec2.on(CreateNetworkAclEntryCommand).callsFake(dryRunThenSucceed);
    const { report, log } = run(true);
    expect((await report).done).toEqual(CALLS);
    const real = ec2
      .calls()
      .map((c) => c.args[0].input as Record<string, unknown>)
      .filter((i) => i.DryRun === false);
    expect(real).toEqual([
      {
        GroupId: 'sg-0a',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '10.0.1.0/24', Description: 'vpcreach fix' }],
          },
        ],
        DryRun: false,
      },
      {
        NetworkAclId: 'acl-0a',
        RuleNumber: 120,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '10.0.11.0/24',
        PortRange: { From: 1024, To: 65535 },
        DryRun: false,
      },
    ]);
    expect(log.filter((line) => line.startsWith('done:'))).toHaveLength(2);
  });

  it('stops before any real call when a DryRun is refused (UnauthorizedOperation)', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake(dryRunThenSucceed);
    ec2.on(CreateNetworkAclEntryCommand).rejects(awsError('UnauthorizedOperation'));
    const result = await run(true).report;
    expect(result.dryRunPassed).toBe(false);
    expect(result.failed?.error).toMatch(/^UnauthorizedOperation/);
    const inputs = ec2.calls().map((c) => c.args[0].input as { DryRun?: boolean });
    expect(inputs.every((input) => input.DryRun === true)).toBe(true);
  });

  it('retries a throttled call and then succeeds', async () => {
    let throttled = 0;
    ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake((input: { DryRun?: boolean }) => {
      if (input.DryRun) throw awsError('DryRunOperation');
      if (throttled++ < 2) throw awsError('RequestLimitExceeded');
      return {};
    });
    ec2.on(CreateNetworkAclEntryCommand).callsFake(dryRunThenSucceed);
    const result = await run(true).report;
    expect(result.done).toHaveLength(2);
    expect(throttled).toBe(3);
  });

  it('counts a rule or entry that already exists as done, and skips it', async () => {
    ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake((input: { DryRun?: boolean }) => {
      if (input.DryRun) throw awsError('DryRunOperation');
      throw awsError('InvalidPermission.Duplicate');
    });
    ec2.on(CreateNetworkAclEntryCommand).callsFake((input: { DryRun?: boolean }) => {
      if (input.DryRun) throw awsError('DryRunOperation');
      throw awsError('NetworkAclEntryAlreadyExists');
    });
    const { report, log } = run(true);
    const result = await report;
    expect(result.failed).toBeUndefined();
    expect(result.done).toEqual([]);
    expect(result.skipped).toHaveLength(2);
    expect(log.filter((line) => line.startsWith('already in place'))).toHaveLength(2);
  });

  it('writes an undo file that replays the inverse calls: revoke and delete', async () => {
    const path = join(temp, 'undo.json');
    writeUndoFile(path, [inverseOf(SG_CHANGE), inverseOf(ACL_CHANGE)]);
    const list = JSON.parse(readFileSync(path, 'utf8'));
    expect(list.map((c: { command: string }) => c.command)).toEqual([
      'delete-network-acl-entry',
      'revoke-security-group-ingress',
    ]);
    ec2.on(RevokeSecurityGroupIngressCommand).callsFake(dryRunThenSucceed);
    ec2.on(DeleteNetworkAclEntryCommand).callsFake(dryRunThenSucceed);
    const calls = readUndoFile(path);
    const result = await applyCalls(calls, { clientFor: () => client, real: true, log: () => {} });
    expect(result.done).toHaveLength(2);
    const real = ec2
      .calls()
      .filter((c) => (c.args[0].input as { DryRun?: boolean }).DryRun === false);
    expect(real.map((c) => c.args[0].constructor.name)).toEqual([
      'DeleteNetworkAclEntryCommand',
      'RevokeSecurityGroupIngressCommand',
    ]);
    expect(real[0]!.args[0].input).toEqual({
      NetworkAclId: 'acl-0a',
      RuleNumber: 120,
      Egress: false,
      DryRun: false,
    });
    expect(ec2.calls()[0]!.args[0].input).toMatchObject({ DryRun: true });
  });

  it('refuses a file that is not an undo file', () => {
    const path = join(temp, 'bad.json');
    writeUndoFile(path, [callOf(SG_CHANGE)]);
    expect(() => readUndoFile(path)).toThrow(/not an undo file/);
  });
});
