import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EX, EXAMPLES } from '../analysis/check/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcreach-check-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = [
  'intents:',
  '  - name: client reaches the orders service',
  `    reachable: { from: ${EX.client}, to: ${EX.endpoint}, port: 443, protocol: tcp }`,
  '  - name: ssh to the endpoint stays closed',
  `    unreachable: { from: ${EX.client}, to: ${EX.endpoint}, port: 22, protocol: tcp }`,
  '  - name: only the client subnet reaches the service',
  `    only: { to: ${EX.endpoint}, port: 443, protocol: tcp, sources: [10.0.1.0/24] }`,
  '  - name: nothing outside the company reaches the targets',
  "    not-exposed: { to: 'tag:Name=orders-*', outside: [10.0.0.0/8] }",
  '',
].join('\n');

let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.exitCode = undefined;
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

async function run(...args: string[]): Promise<number> {
  await main(['node', 'vpcreach', 'check', ...args]);
  return Number(process.exitCode ?? 0);
}

describe('vpcreach check', () => {
  it('exits 0 and prints PASS for each intent when all hold', async () => {
    const code = await run('-s', join(EXAMPLES, 'privatelink'), file('good.yaml', GOOD));
    expect(code).toBe(0);
    expect(out.match(/^PASS {2}/gm)).toHaveLength(4);
    expect(out).toContain('4 passed, 0 failed');
    expect(out).toContain('SOURCES_LIMITED_TO_SNAPSHOT');
  });

  it('exits 1 when an intent fails, and writes JUnit and SARIF files', async () => {
    const junit = join(dir, 'check.xml');
    const sarif = join(dir, 'check.sarif');
    const snapshot = join(EXAMPLES, 'broken/client-nacl-narrow-return');
    const code = await run(
      '-s',
      snapshot,
      file('good.yaml', GOOD),
      '--junit',
      junit,
      '--sarif',
      sarif,
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {2}client reaches the orders service/m);
    expect(out).toContain(`network-acl ${EX.clientAcl} ingress return rule * ports 1024-32767`);
    expect(readFileSync(junit, 'utf8')).toContain(
      '<testsuites name="vpcreach check" tests="4" failures="1"',
    );
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'intent-reachable',
    ]);
  });

  it('prints the documented JSON with --json', async () => {
    const code = await run('-s', join(EXAMPLES, 'privatelink'), file('good.yaml', GOOD), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ version: 1, total: 4, passed: 4, failed: 0 });
    expect(json.results[0]).toMatchObject({
      name: 'client reaches the orders service',
      kind: 'reachable',
      status: 'pass',
      location: { line: 2, column: 5 },
    });
  });

  const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
    [
      'a YAML syntax error',
      'intents:\n  - name: a\n    reachable: { from: [x, port: 1 }\n',
      /^error: .*bad\.yaml:3:\d+: is not valid YAML: /,
    ],
    [
      'an unknown intent kind',
      'intents:\n  - name: a\n    reach: { from: x, to: y, port: 1 }\n',
      /bad\.yaml:3:5: intents\[0\]\.reach is not an intent kind/,
    ],
    [
      'a bad port',
      `intents:\n  - name: a\n    reachable: { from: ${EX.client}, to: ${EX.endpoint}, port: https }\n`,
      /bad\.yaml:3:\d+: intents\[0\]\.reachable\.port "https" must be a port number 0-65535/,
    ],
    [
      'an unknown selector',
      `intents:\n  - name: a\n    reachable: { from: i-00000000, to: ${EX.endpoint}, port: 443 }\n`,
      /bad\.yaml:3:24: intents\[0\]\.reachable\.from "i-00000000" matches nothing in the snapshot/,
    ],
  ];

  it.each(BAD)('exits 2 with one clear line for %s', async (_what, text, message) => {
    const code = await run('-s', join(EXAMPLES, 'privatelink'), file('bad.yaml', text));
    expect(code).toBe(2);
    expect(out).toBe('');
    const [first, ...rest] = err.trimEnd().split('\n');
    expect(first).toMatch(message);
    expect(rest.every((line) => line.startsWith('hint:'))).toBe(true);
  });

  it('exits 2 when the intents file does not exist', async () => {
    const code = await run('-s', join(EXAMPLES, 'privatelink'), join(dir, 'missing.yaml'));
    expect(code).toBe(2);
    expect(err).toMatch(/missing\.yaml: cannot be read: /);
  });
});
