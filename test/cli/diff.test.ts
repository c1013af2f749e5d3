import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CORRECT = 'examples/privatelink';
const BROKEN = 'examples/broken/endpoint-sg-wrong-port';

function cli(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/cli/run-cli.ts'), 'diff', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('vpcreach diff', () => {
  it('prints the opened flow and its rule change, and exits 0 without --fail-on', () => {
    const run = cli('--before', BROKEN, '--after', CORRECT);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 flow(s) opened, 0 closed');
    expect(run.stdout).toContain('+ opened  tcp 443 from 10.0.1.0/24');
    expect(run.stdout).toContain(
      'because: sg-0c0e82b7fea6aca8e ingress added: tcp 443 from 10.0.1.0/24',
    );
  });

  it('exits 1 when --fail-on holds, 0 when it does not', () => {
    expect(cli('--before', BROKEN, '--after', CORRECT, '--fail-on', 'opened').code).toBe(1);
    expect(cli('--before', BROKEN, '--after', CORRECT, '--fail-on', 'closed').code).toBe(0);
    expect(cli('--before', CORRECT, '--after', BROKEN, '--fail-on', 'any').code).toBe(1);
  });

  it('prints versioned JSON with flows, causes and changes', () => {
    const run = cli('--before', CORRECT, '--after', BROKEN, '--json');
    const result = JSON.parse(run.stdout);
    expect(result.version).toBe(1);
    expect(result.summary).toMatchObject({ opened: 0, closed: 1 });
    const flow = result.destinations[0].flows[0];
    expect(flow).toMatchObject({ change: 'closed', protocol: 'tcp', ports: ['443'] });
    expect(flow.trace.verdict).toBe('unreachable');
    expect(result.changes.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(flow.causes),
    );
  });

  it('writes SARIF 2.1.0 located at the changed group’s file, failing flows as errors', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vpcreach-diff-')), 'diff.sarif');
    const run = cli('--before', CORRECT, '--after', BROKEN, '--sarif', file, '--fail-on', 'closed');
    expect(run.code).toBe(1);
    const log = JSON.parse(readFileSync(file, 'utf8'));
    expect(log.version).toBe('2.1.0');
    const [result] = log.runs[0].results;
    expect(result).toMatchObject({ ruleId: 'vpcreach/diff-closed', level: 'error' });
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /SecurityGroups\.json$/,
    );
  });

  it('lays a Terraform plan given as --after over --before', () => {
    const run = cli(
      '--before',
      CORRECT,
      '--after',
      'test/fixtures/diff/endpoint-sg-plan.json',
      '--json',
    );
    const result = JSON.parse(run.stdout);
    expect(result.summary).toMatchObject({ opened: 0, closed: 1 });
    expect(result.changes.map((c: { after: string | null }) => c.after)).toContain(
      'tcp 8443 from 10.0.1.0/24',
    );
  });

  it('exits 2 on a snapshot that does not exist and on --json with --sarif', () => {
    expect(cli('--before', 'examples/nothing-here', '--after', CORRECT).code).toBe(2);
    expect(cli('--before', CORRECT, '--after', CORRECT, '--json', '--sarif', '-').code).toBe(2);
    expect(cli('--before', CORRECT, '--after', CORRECT, '--fail-on', 'sometimes').code).toBe(2);
  });
});
