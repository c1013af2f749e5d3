import { commandLine } from '../analysis/fix/aws-cli-command.js';
import { callOf } from '../analysis/fix/ec2-calls.js';
import type { FixResult } from '../analysis/fix/types.js';

/**
 * The fix as AWS CLI commands, one per change, each after a comment that says why, grouped by
 * account and Region (run each group with that account's credentials). Manual steps follow as
 * comments with their command, when they have one.
 */
export function renderFixAwsCli(result: FixResult): string {
  const lines = [`# vpcreach fix: ${describeQuestion(result)}`];
  if (result.changes.length === 0) lines.push('# no rule change is needed or possible');
  let place = '';
  for (const change of result.changes) {
    const call = callOf(change);
    const here = [call.account, call.region].filter(Boolean).join(' ');
    if (here !== place) {
      lines.push('', `# account ${here || 'unknown'}`);
      place = here;
    }
    lines.push(`# ${change.why}`, commandLine(call));
  }
  for (const step of result.manual) {
    lines.push('', `# manual: ${step.what}`);
    if (step.command !== undefined) lines.push(`# ${step.command}`);
  }
  lines.push('', `# after these changes the trace is ${result.after.verdict}`);
  return `${lines.join('\n')}\n`;
}

/** The question in one line: `i-… → vpce-… tcp 443`. */
export function describeQuestion(result: FixResult): string {
  const q = result.question;
  const port = q.port === null ? '' : ` ${q.port}`;
  return `${q.from} → ${q.to} ${q.protocol}${port}`;
}
