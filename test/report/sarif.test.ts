import { describe, expect, it } from 'vitest';
import { CHECK_RULES, renderCheckSarif } from '../../src/report/check-sarif.js';
import { fileUri, toSarifLog } from '../../src/report/sarif.js';
import { checkExample, EX } from '../analysis/check/helpers.js';
import { sarifConsistencyProblems, sarifLogSchema } from './sarif-schema.js';

const INTENTS = [
  'intents:',
  '  - name: client reaches the service',
  `    reachable: { from: ${EX.client}, to: ${EX.endpoint}, port: 443 }`,
  '  - name: ssh stays closed',
  `    unreachable: { from: ${EX.client}, to: ${EX.endpoint}, port: 22 }`,
  '  - name: nothing outside the client subnet reaches the endpoint',
  `    not-exposed: { to: ${EX.endpoint}, outside: [10.0.2.0/24] }`,
  '',
].join('\n');

function validate(log: unknown): string[] {
  const parsed = sarifLogSchema.safeParse(JSON.parse(JSON.stringify(log)));
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return sarifConsistencyProblems(parsed.data);
}

describe('renderCheckSarif', () => {
  const result = checkExample('broken/endpoint-sg-wrong-port', INTENTS);
  const log = renderCheckSarif(result, { version: '0.1.0' });

  it('is a valid SARIF 2.1.0 log', () => {
    expect(validate(log)).toEqual([]);
  });

  it('has one rule per intent kind and one result per failing intent, at its line', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules!.map((rule) => rule.id)).toEqual([
      'intent-reachable',
      'intent-unreachable',
      'intent-only',
      'intent-not-exposed',
    ]);
    expect(result.results.map((r) => r.status)).toEqual(['fail', 'pass', 'pass']);
    expect(run.results).toHaveLength(1);
    expect(run.results![0]).toMatchObject({
      ruleId: 'intent-reachable',
      ruleIndex: 0,
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'intents.yaml' },
            region: { startLine: 2, startColumn: 5 },
          },
        },
      ],
    });
    expect(run.results![0]!.message.text).toMatch(/^client reaches the service: unreachable: /);
  });

  it('locates an exposure violation at its intent', () => {
    const privatelink = checkExample('privatelink', INTENTS);
    const run = renderCheckSarif(privatelink, { version: '0.1.0' }).runs[0]!;
    expect(
      run.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.region!.startLine]),
    ).toEqual([['intent-not-exposed', 6]]);
    expect(validate(renderCheckSarif(privatelink, { version: '0.1.0' }))).toEqual([]);
  });
});

describe('toSarifLog', () => {
  it('points each result at its rule and can locate AWS resources as logical locations', () => {
    const log = toSarifLog(
      [
        { ruleId: 'b', message: 'second', places: [{ file: 'snap dir/x.json', resource: 'sg-1' }] },
        { ruleId: 'a', level: 'warning', message: 'first', places: [{ file: 'a.json', line: 3 }] },
      ],
      [
        { id: 'a', name: 'A', shortDescription: 'rule a', level: 'error' },
        { id: 'b', name: 'B', shortDescription: 'rule b', level: 'note' },
      ],
      { version: '1.2.3' },
    );
    expect(validate(log)).toEqual([]);
    const results = log.runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['b', 1, 'note'],
      ['a', 0, 'warning'],
    ]);
    expect(results[0]!.locations![0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'snap%20dir/x.json' } },
      logicalLocations: [{ fullyQualifiedName: 'sg-1', kind: 'resource' }],
    });
  });

  it('refuses a finding whose rule is not declared', () => {
    expect(() =>
      toSarifLog([{ ruleId: 'x', message: 'm', places: [] }], CHECK_RULES, { version: '1' }),
    ).toThrow(/unknown rule x/);
  });

  it('writes paths as URI references', () => {
    expect(fileUri('./ci/intents #1.yaml')).toBe('ci/intents%20%231.yaml');
    expect(fileUri('ci\\win.yaml')).toBe('ci/win.yaml');
  });
});

describe('the trimmed SARIF schema', () => {
  it('rejects what the official schema rejects', () => {
    expect(validate({ version: '2.1.0' })).not.toEqual([]);
    expect(validate({ version: '2.0.0', runs: [] })).not.toEqual([]);
    const log = renderCheckSarif(checkExample('broken/endpoint-sg-wrong-port', INTENTS), {
      version: '1',
    });
    const run = log.runs[0]!;
    const bad = {
      ...log,
      runs: [{ ...run, results: [{ ...run.results![0]!, ruleIndex: 3, level: 'fatal' }] }],
    };
    expect(validate(bad)).toEqual([
      'runs.0.results.0.level: Invalid option: expected one of "none"|"note"|"warning"|"error"',
    ]);
    expect(validate({ ...log, $schema: 'sarif-2.1.0.json' })).toEqual([
      '$schema: is not an absolute URI',
    ]);
    const misspelt = { ...log, runs: [{ ...run, result: [] }] };
    expect(validate(misspelt)[0]).toMatch(/^runs\.0: Unrecognized key/);
    const wrongIndex = {
      ...log,
      runs: [{ ...run, results: [{ ...run.results![0]!, ruleIndex: 3 }] }],
    };
    expect(validate(wrongIndex)).toEqual([
      'runs[0].results[0]: ruleIndex names intent-not-exposed, ruleId intent-reachable',
    ]);
  });
});
