import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/cli/run-cli.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('vpcreach audit', () => {
  it('exits 0 on the correct example with the default --fail-on high', () => {
    const run = cli('audit', '--snapshot', 'examples/privatelink');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('vpcreach audit: 1 finding (0 high, 0 medium, 1 low, 0 info)');
    expect(run.stdout).toContain('NLB_WITHOUT_SECURITY_GROUPS');
  });

  it('exits 1 when a finding is at or above --fail-on', () => {
    expect(cli('audit', '--snapshot', 'examples/privatelink', '--fail-on', 'low').code).toBe(1);
    expect(cli('audit', '--snapshot', 'examples/broken/nlb-nacl-no-return').code).toBe(1);
  });

  it('prints JSON with version, findings and counts', () => {
    const run = cli('audit', '--snapshot', 'examples/broken/client-nacl-narrow-return', '--json');
    const json = JSON.parse(run.stdout);
    expect(json.version).toBe(1);
    expect(json.counts).toEqual({ info: 0, low: 1, medium: 1, high: 0 });
    expect(json.findings[0]).toMatchObject({
      code: 'RETURN_PATH_PARTIAL',
      severity: 'medium',
      resource: 'acl-07adee8b9317c2ef8',
      rule: { ref: 'rule 100 inbound', summary: 'allow tcp 32768-65535 from 10.0.11.0/24' },
    });
    expect(run.code).toBe(0);
  });

  it('writes SARIF to the --sarif file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vpcreach-audit-')), 'audit.sarif');
    cli('audit', '--snapshot', 'examples/broken/endpoint-default-sg', '--sarif', file);
    const log = JSON.parse(readFileSync(file, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'ENDPOINT_DEFAULT_SECURITY_GROUP',
    );
  });

  it('exits 2 on bad input and on an unknown severity', () => {
    expect(cli('audit', '--snapshot', 'no/such/dir').code).toBe(2);
    expect(cli('audit', '--snapshot', 'examples/privatelink', '--fail-on', 'severe').code).toBe(2);
  });
});
