import { stringify } from 'yaml';
import type { InspectSummary } from '../analysis/inspect.js';
import type { Paint } from './trace-text.js';

/** Counts per kind, then skipped files and warnings. */
export function renderInspectSummary(summary: InspectSummary, paint: Paint): string {
  const lines = [paint.bold(`Loaded ${summary.files} files`)];
  const width = Math.max(...Object.keys(summary.counts).map((key) => key.length));
  for (const [key, count] of Object.entries(summary.counts))
    lines.push(`  ${key.padEnd(width)}  ${count}`);
  if (summary.skipped.length > 0) {
    lines.push('', paint.bold(`Skipped ${summary.skipped.length} files (no key vpcreach reads)`));
    for (const file of summary.skipped)
      lines.push(`  ${file.file} ${paint.dim(`(${file.keys.join(', ') || 'empty'})`)}`);
  }
  if (summary.warnings.length > 0) {
    lines.push('', paint.bold('Warnings'));
    for (const warning of summary.warnings)
      lines.push(`  ${paint.yellow(warning.code)} ${warning.resource}: ${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The resolved facts about one resource, as an indented outline. */
export function renderInspectResource(facts: object): string {
  return stringify(facts, { lineWidth: 0, indent: 2 });
}
