import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/privatelink');
const QUESTION = [
  '--from',
  'i-0732e91f550b85803',
  '--to',
  'vpce-07a5c64d82c04e64b',
  '--port',
  '443',
];

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/cli/run-cli.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function tempSnapshot(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcreach-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('the vpcreach command', () => {
  it('exits 0 and prints the hop table for a reachable trace', () => {
    const run = cli('trace', '--snapshot', EXAMPLE, ...QUESTION);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^reachable: i-0732e91f550b85803 → vpce-07a5c64d82c04e64b/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 1 for a failing trace, and --json carries verdict, paths and blocked', () => {
    const run = cli(
      'trace',
      '--snapshot',
      join(ROOT, 'examples/broken/client-nacl-narrow-return'),
      ...QUESTION,
      '--json',
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.verdict).toBe('partially-reachable');
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.blocked[0]).toMatchObject({
      kind: 'network-acl',
      direction: 'ingress',
      path: 'return',
      rule: '*',
      code: 'SUBNET_ACL_RESTRICTION',
    });
  });

  it('exits 2 with one line naming the file for a truncated JSON file, and no stack trace', () => {
    const dir = tempSnapshot({ 'Vpcs.json': '{"Vpcs": [{"VpcId": "vpc-1"' });
    const run = cli('inspect', '--snapshot', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: Vpcs\.json: is not valid JSON: the file is empty or cut short\n/,
    );
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('exits 2 for a file that is not JSON at all, giving the line and column', () => {
    const dir = tempSnapshot({ 'Subnets.json': '{\n  "Subnets": [\n    oops\n  ]\n}' });
    const run = cli('inspect', '--snapshot', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: Subnets.json: is not valid JSON at line 3, column 5');
  });

  it('exits 2 for an invalid CIDR, naming file, resource, field and value', () => {
    const dir = tempSnapshot({
      'Vpcs.json': JSON.stringify({ Vpcs: [{ VpcId: 'vpc-0a', CidrBlock: '10.0.0.0/16' }] }),
      'NetworkAcls.json': JSON.stringify({
        NetworkAcls: [
          {
            NetworkAclId: 'acl-0abc',
            VpcId: 'vpc-0a',
            IsDefault: true,
            Entries: [
              {
                RuleNumber: 100,
                Protocol: '-1',
                RuleAction: 'allow',
                Egress: false,
                CidrBlock: '10.0.2.0/33',
              },
            ],
          },
        ],
      }),
    });
    const run = cli('inspect', '--snapshot', dir);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'error: NetworkAcls.json: acl-0abc: Entries[0].CidrBlock "10.0.2.0/33" is not a valid CIDR: the prefix length must be 0 to 32',
    );
  });

  it('exits 2 for an unknown ID or a missing option, with a hint', () => {
    const unknown = cli(
      'trace',
      '--snapshot',
      EXAMPLE,
      '--from',
      'i-0nothere',
      '--to',
      'vpce-07a5c64d82c04e64b',
      '--port',
      '443',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: --from i-0nothere matches nothing in the snapshot');
    expect(unknown.stderr).toContain('hint:');
    const missing = cli('trace', '--snapshot', EXAMPLE);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--from <source>' not specified");
    const badPort = cli('trace', '--snapshot', EXAMPLE, ...QUESTION.slice(0, 4), '--port', '99999');
    expect(badPort.code).toBe(2);
  });

  it('inspect --json counts what was loaded and lists skipped files', () => {
    const dir = tempSnapshot({
      'Vpcs.json': JSON.stringify({ Vpcs: [{ VpcId: 'vpc-0a', CidrBlock: '10.0.0.0/16' }] }),
      'RouteTables.json': '{"RouteTables": []}',
    });
    const run = cli('inspect', '--snapshot', dir, '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.counts.vpcs).toBe(1);
    expect(summary.skipped).toEqual([{ file: 'RouteTables.json', keys: ['RouteTables'] }]);
  });

  it('inspect on an endpoint shows its subnets NACLs, groups and the service behind it', () => {
    const run = cli('inspect', '--snapshot', EXAMPLE, 'vpce-07a5c64d82c04e64b', '--json');
    expect(run.code).toBe(0);
    const facts = JSON.parse(run.stdout);
    expect(facts.kind).toBe('vpc-endpoint');
    expect(facts.networkInterfaces).toHaveLength(2);
    expect(facts.networkInterfaces[0].subnet.networkAcl.inbound.length).toBeGreaterThan(0);
    expect(facts.securityGroups[0].inbound[0].rule).toContain('tcp 443');
    expect(facts.service.loadBalancers[0].listeners[0]).toMatchObject({
      protocol: 'TCP',
      port: 443,
    });
  });

  it('demo traces the bundled network correct and broken', () => {
    const run = cli('demo');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reachable: i-0732e91f550b85803');
    expect(run.stdout).toContain('partially-reachable: i-0732e91f550b85803');
  });
});
