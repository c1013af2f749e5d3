import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../../src/analysis/audit/catalog.js';

const DOC = readFileSync(join(import.meta.dirname, '../../../docs/audit.md'), 'utf8');

describe('docs/audit.md', () => {
  it.each(FINDING_KINDS.map((k) => k.code))('lists %s with an example line', (code) => {
    expect(DOC).toContain(`| \`${code}\` |`);
    expect(DOC).toContain(`### ${code}\n`);
    expect(DOC).toMatch(new RegExp(`\`\`\`\\n${code}`));
  });
});
