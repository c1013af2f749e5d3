import type { CheckResult, IntentResult, PairOutcome, Violation } from '../analysis/check/check.js';
import { describePorts } from '../analysis/check/evaluate-exposure.js';
import { formatPortRange } from '../net/port-range.js';
import type { Hop } from '../paths/hop.js';
import type { TracePath } from '../paths/path.js';
import { type Paint, renderHops, renderPathHeader } from './trace-text.js';

const INDENT = '    ';

/**
 * The check for people: each intent PASS or FAIL with where it is in the file, then for a
 * failure the trace that decided it (what blocked, or the path that gets through).
 */
export function renderCheck(result: CheckResult, paint: Paint): string {
  const lines = result.results.flatMap((intent) => renderIntent(intent, paint));
  const counts = `${result.passed} passed, ${result.failed} failed`;
  const intents = result.total === 1 ? 'intent' : 'intents';
  const tally = `${counts} (${result.total} ${intents} in ${result.file})`;
  lines.push('', result.failed === 0 ? paint.green(tally) : paint.red(tally));
  return `${lines.join('\n')}\n`;
}

/** One intent: PASS or FAIL, its message, and for a failure the traces that decided it. */
export function renderIntent(intent: IntentResult, paint: Paint): string[] {
  const mark = intent.status === 'pass' ? paint.green('PASS') : paint.red('FAIL');
  const where = paint.dim(`${intent.location.file}:${intent.location.line} ${intent.kind}`);
  const lines = [`${mark}  ${paint.bold(intent.name)}  ${where}`, `${INDENT}${intent.message}`];
  if (intent.status === 'fail') {
    for (const pair of intent.pairs.filter((p) => p.evidence.length > 0 || p.blocked.length > 0))
      lines.push(...renderPair(pair, paint));
    for (const violation of intent.violations) lines.push(...renderViolation(violation, paint));
  }
  for (const limitation of intent.limitations)
    lines.push(paint.dim(`${INDENT}note: ${limitation.detail} (${limitation.code})`));
  return lines;
}

function renderPair(pair: PairOutcome, paint: Paint): string[] {
  const lines = ['', `${INDENT}${paint.bold(pair.summary)}`];
  for (const item of pair.blocked) {
    const rule = item.rule === undefined ? '' : ` rule ${item.rule}`;
    const ports = item.ports ? ` ports ${item.ports.map(formatPortRange).join(', ')}` : '';
    const what = [item.kind, item.component, item.direction, item.path].filter(Boolean).join(' ');
    lines.push(`${INDENT}  ${paint.red('✗')} ${what}${rule}${ports} ${paint.dim(item.code)}`);
    lines.push(`${INDENT}    ${item.detail}`);
  }
  // A pair that should be reachable is explained by the hops that stop it; one that should
  // not be is explained by a whole path that gets through.
  if (pair.verdict === 'reachable' || pair.blocked.length === 0)
    lines.push(...renderPaths(pair.evidence.slice(0, 1), pair.evidence.length, paint, 'all'));
  else lines.push(...renderPaths(pair.evidence, pair.evidence.length, paint, 'failing'));
  return lines;
}

function renderViolation(violation: Violation, paint: Paint): string[] {
  const source =
    violation.source.kind === 'eni'
      ? `${violation.source.eniId} (${violation.source.address})`
      : violation.source.cidr;
  const ports = describePorts(violation);
  const lines = [
    '',
    `${INDENT}${paint.red('✗')} ${paint.bold(source)} reaches ${violation.to} on ${ports}`,
  ];
  const proof = violation.proof;
  if (proof === undefined) return lines;
  const port = proof.port === null ? '' : ` --port ${proof.port}`;
  lines.push(
    `${INDENT}  proof: trace --from ${proof.from} --to ${proof.to}${port}: ${proof.summary}`,
  );
  lines.push(...renderPaths(proof.paths.slice(0, 1), proof.paths.length, paint, 'all'));
  return lines;
}

function renderPaths(
  paths: readonly TracePath[],
  total: number,
  paint: Paint,
  hops: 'all' | 'failing',
): string[] {
  const shown = paths.flatMap((path, i) => {
    const header = renderPathHeader(path, i, total, paint);
    const keep = (hop: Hop) => hops === 'all' || hop.verdict !== 'pass';
    const lines = [header, ...renderHops('forward', path.forward.filter(keep), paint)];
    const back = path.return.filter(keep);
    if (back.length > 0) lines.push(...renderHops('return', back, paint));
    return lines.flatMap((block) => block.split('\n')).map((line) => INDENT + line);
  });
  const hidden = total - paths.length;
  if (hidden > 0)
    shown.push(paint.dim(`${INDENT}(${hidden} more paths like it; --json has them all)`));
  return shown;
}
