import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VpcreachValidationPlugin } from '../../src/cdk/index.js';

const TEMPLATE = join(import.meta.dirname, '../fixtures/iac/cloudformation/privatelink.yaml');
const CLIENT = 'i-privatelink.ClientInstance';
const ENDPOINT = 'vpce-privatelink.ServiceEndpoint';

function intents(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcreach-cdk-'));
  const path = join(dir, 'intents.yaml');
  writeFileSync(path, text);
  return path;
}

describe('the CDK policy-validation plugin', () => {
  it('passes the synth when every intent holds on the stack templates', () => {
    const plugin = new VpcreachValidationPlugin({
      intents: intents(
        `intents:\n  - name: client reaches the service\n    reachable: { from: ${CLIENT}, to: ${ENDPOINT}, port: 443, protocol: tcp }\n`,
      ),
    });
    expect(plugin.ruleIds).toEqual(['client reaches the service']);
    const report = plugin.validate({ stackTemplates: [{ templatePath: TEMPLATE }] });
    expect(report).toMatchObject({ success: true, violations: [] });
  });

  it('fails the synth naming the intent, the resource and the intents file line', () => {
    const plugin = new VpcreachValidationPlugin({
      intents: intents(
        `intents:\n  - name: ssh stays closed\n    unreachable: { from: ${CLIENT}, to: ${ENDPOINT}, port: 443, protocol: tcp }\n`,
      ),
    });
    const report = plugin.validate({ templatePaths: [TEMPLATE] });
    expect(report.success).toBe(false);
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleName: 'ssh stays closed',
        violatingResources: [
          expect.objectContaining({
            resourceLogicalId: 'ServiceEndpoint',
            templatePath: TEMPLATE,
            locations: [expect.stringMatching(/intents\.yaml:2$/)],
          }),
        ],
      }),
    ]);
  });

  it('is loaded from its own subpath, without aws-cdk-lib', async () => {
    const module = await import('../../src/cdk/index.js');
    expect(Object.keys(module)).toEqual(['VpcreachValidationPlugin']);
  });
});
