import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkExample } from './helpers.js';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/check.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/check.md', () => {
  it('shows an intents file that holds on the bundled example network', () => {
    const intents = yamlBlocks.find((block) => block.includes('intents:'))!;
    const result = checkExample('privatelink', intents);
    expect(result.results.map((r) => [r.kind, r.status])).toEqual([
      ['reachable', 'pass'],
      ['unreachable', 'pass'],
      ['only', 'pass'],
      ['not-exposed', 'pass'],
    ]);
  });

  it('shows a GitHub Actions job that runs check and uploads its SARIF', () => {
    const workflow = parse(yamlBlocks.find((block) => block.includes('jobs:'))!) as {
      jobs: {
        check: { steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> };
      };
    };
    const steps = workflow.jobs.check.steps;
    expect(steps.some((s) => s.run === 'npm ci')).toBe(true);
    const check = steps.find((s) => s.run?.startsWith('npx vpcreach check'))!;
    expect(check.run).toContain('--sarif vpcreach.sarif');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.with?.sarif_file).toBe('vpcreach.sarif');
  });
});
