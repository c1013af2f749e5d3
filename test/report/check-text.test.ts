import { describe, expect, it } from 'vitest';
import type { AdmittedSources } from '../../src/analysis/check/admitted-sources.js';
import type { CheckResult } from '../../src/analysis/check/check.js';
import { evaluateExposureIntent } from '../../src/analysis/check/evaluate-exposure.js';
import { parseIntents } from '../../src/analysis/check/parse-intents.js';
import { renderCheck } from '../../src/report/check-text.js';
import { PLAIN } from '../../src/report/plain-paint.js';
import { checkExample, EX, exampleNetwork } from '../analysis/check/helpers.js';

describe('renderCheck', () => {
  it('shows a violating ENI with the trace command and the path that proves it', () => {
    const result = checkExample(
      'privatelink',
      `intents:\n  - name: closed to the client\n    not-exposed: { to: ${EX.endpoint}, outside: [10.9.0.0/16], protocol: tcp }\n`,
    );
    const text = renderCheck(result, PLAIN);
    expect(text).toContain('FAIL  closed to the client  intents.yaml:2 not-exposed');
    expect(text).toContain(`✗ ${EX.clientEni} (10.0.1.25) reaches ${EX.endpoint} on tcp 443`);
    expect(text).toContain(`proof: trace --from ${EX.clientEni} --to ${EX.endpoint} --port 443`);
    expect(text).toContain('(3 more paths like it; --json has them all)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed (1 intent in intents.yaml)');
  });

  it('shows address space admitted without a concrete source as a block, with no proof', () => {
    const everyone: AdmittedSources = {
      coverage: 'every-address',
      admitted: () => [{ protocol: 'tcp', ports: { from: 443, to: 443 }, cidrs: ['0.0.0.0/0'] }],
      sources: () => [],
      limitations: () => [],
    };
    const [intent] = parseIntents(
      `intents:\n  - name: private only\n    not-exposed: { to: ${EX.endpoint}, outside: [0.0.0.0/1], port: 443, protocol: tcp }\n`,
      'intents.yaml',
    );
    if (intent === undefined || intent.kind !== 'not-exposed') throw new Error('parse');
    const outcome = evaluateExposureIntent(exampleNetwork('privatelink'), intent, everyone);
    const result: CheckResult = {
      version: 1,
      file: 'intents.yaml',
      total: 1,
      passed: 0,
      failed: 1,
      results: [outcome],
    };
    const text = renderCheck(result, PLAIN);
    expect(text).toContain(`✗ 128.0.0.0/1 reaches ${EX.endpoint} on tcp 443`);
    expect(text).not.toContain('proof:');
  });
});
