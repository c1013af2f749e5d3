import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/fix.md'), 'utf8');
const examples = [...doc.matchAll(/```\n\$ (vpcreach fix [^\n]*)\n(.*?)\n```/gs)].map((m) => ({
  command: m[1]!,
  output: m[2]!,
}));

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('docs/fix.md shows the real output of vpcreach fix', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  for (const example of examples) {
    it(example.command.replace(/ --from .*--port 443/, ''), async () => {
      let out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out += String(chunk);
        return true;
      });
      const args = example.command.split(' ').slice(1);
      const at = args.indexOf('--snapshot');
      args[at + 1] = join(root, args[at + 1]!);
      await main(['node', 'vpcreach', ...args]);
      expect(out.trimEnd()).toBe(example.output);
    });
  }
});
