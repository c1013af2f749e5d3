import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupEgressCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { traceFlow } from '../../src/analysis/trace.js';
import { main } from '../../src/cli/main.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';
import { EXAMPLES_ROOT, QUESTION } from '../analysis/fix/examples.js';

const temp = mkdtempSync(join(tmpdir(), 'vpcreach-cli-fix-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const ec2 = mockClient(EC2Client);

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  process.exitCode = undefined;
  ec2.reset();
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function fix(example: string, ...extra: string[]) {
  const snapshot = join(EXAMPLES_ROOT, 'broken', example);
  const args = ['-s', snapshot, '--from', QUESTION.from, '--to', QUESTION.to, '-p', '443'];
  await main(['node', 'vpcreach', 'fix', ...args, ...extra]);
  return process.exitCode;
}

function dryRunThenSucceed(input: { DryRun?: boolean }) {
  if (input.DryRun) throw Object.assign(new Error('would succeed'), { name: 'DryRunOperation' });
  return {};
}

describe('vpcreach fix', () => {
  it('prints the changes grouped by component with why, and the verdict after; exit 0', async () => {
    expect(await fix('client-sg-no-egress')).toBe(0);
    expect(out).toContain('security group sg-0fb503e96996f9490');
    expect(out).toContain('+ outbound tcp 443 to 10.0.11.0/24');
    expect(out).toContain('why: instance ENI eni-0d6a3d84f597824be');
    expect(out).toMatch(/after with the changes applied: reachable/);
  });

  it('--format json gives the documented object', async () => {
    await fix('endpoint-nacl-deny-shadows-443', '--format', 'json');
    const json = JSON.parse(out);
    expect(json.before.verdict).toBe('unreachable');
    expect(json.after.verdict).toBe('reachable');
    expect(json.changes[0]).toMatchObject({
      kind: 'network-acl-entry',
      component: 'acl-026454f323bcc20f3',
      direction: 'ingress',
      path: 'forward',
      rule: { ruleNumber: 40, protocol: '6', fromPort: 443, toPort: 443, cidr: '10.0.1.0/24' },
    });
  });

  it('exits 1 and lists the manual step when no rule can fix it', async () => {
    expect(await fix('endpoint-pending-acceptance')).toBe(1);
    expect(out).toContain('Manual steps');
    expect(out).toContain('$ aws ec2 accept-vpc-endpoint-connections');
  });

  it('--write-snapshot writes a tree the normal loader traces as reachable', async () => {
    const dir = join(temp, 'patched');
    await fix('nlb-nacl-no-return', '--write-snapshot', dir, '--format', 'aws-cli');
    expect(err).toContain(`wrote the patched snapshot to ${dir}`);
    expect(existsSync(join(dir, 'accounts/222222222222/us-east-1/NetworkAcls.json'))).toBe(true);
    const result = traceFlow(buildNetwork(loadSnapshot(dir)), QUESTION);
    expect(result.verdict).toBe('reachable');
  });

  it('usage without --from exits 2', async () => {
    await main(['node', 'vpcreach', 'fix', '-s', join(EXAMPLES_ROOT, 'privatelink')]);
    expect(process.exitCode).toBe(2);
    expect(err).toContain('fix needs --snapshot, --from and --to');
  });

  it('--apply without --yes makes only DryRun calls', async () => {
    ec2.on(AuthorizeSecurityGroupEgressCommand).callsFake(dryRunThenSucceed);
    await fix('client-sg-no-egress', '--apply');
    expect(ec2.calls().length).toBeGreaterThan(0);
    for (const call of ec2.calls()) expect(call.args[0].input).toMatchObject({ DryRun: true });
    expect(err).toContain('run again with --yes');
  });

  it('--apply --yes makes the calls and writes an undo file that --undo replays', async () => {
    ec2.on(AuthorizeSecurityGroupEgressCommand).callsFake(dryRunThenSucceed);
    ec2.on(RevokeSecurityGroupEgressCommand).callsFake(dryRunThenSucceed);
    const undo = join(temp, 'undo.json');
    expect(await fix('client-sg-no-egress', '--apply', '--yes', '--undo-file', undo)).toBe(0);
    const real = ec2.commandCalls(AuthorizeSecurityGroupEgressCommand, { DryRun: false });
    expect(real).toHaveLength(2);
    const list = JSON.parse(readFileSync(undo, 'utf8'));
    expect(list.map((c: { command: string }) => c.command)).toEqual([
      'revoke-security-group-egress',
      'revoke-security-group-egress',
    ]);
    ec2.resetHistory();
    process.exitCode = undefined;
    await main(['node', 'vpcreach', 'fix', '--undo', undo, '--yes']);
    expect(process.exitCode).toBe(0);
    expect(ec2.commandCalls(RevokeSecurityGroupEgressCommand, { DryRun: false })).toHaveLength(2);
  });

  it('--apply --account applies only the changes of that account', async () => {
    await fix('health-check-port-not-admitted', '--apply', '--account', '111111111111');
    expect(ec2.calls()).toHaveLength(0);
    ec2.onAnyCommand().callsFake(dryRunThenSucceed);
    await fix('health-check-port-not-admitted', '--apply', '--account', '222222222222');
    expect(ec2.calls().length).toBeGreaterThan(0);
  });
});
