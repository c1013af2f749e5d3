import { statSync, writeFileSync } from 'node:fs';
import { type Command, Option } from '@commander-js/extra-typings';
import { auditNetwork } from '../analysis/audit/audit.js';
import { atLeast, type Severity } from '../analysis/audit/finding.js';
import { InputError } from '../errors.js';
import { renderAuditSarif } from '../report/audit-sarif.js';
import { renderAudit } from '../report/audit-text.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeJson, writeOut } from './output.js';

/**
 * `vpcreach audit`: rules that do nothing, admit too much, or make paths work only sometimes.
 * Exit 1 when a finding is at or above `--fail-on` (default high), 0 otherwise, 2 on bad input.
 */
export function registerAudit(program: Command) {
  program
    .command('audit')
    .description(
      'rules that do nothing, rules that admit too much, and paths that work only sometimes',
    )
    .requiredOption('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .option('--json', 'print JSON: { version: 1, findings, counts } (see docs/audit.md)')
    .option('--sarif <file>', 'also write SARIF 2.1.0: one result per finding')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['info', 'low', 'medium', 'high'] as const)
        .default('high' as const),
    )
    .action((options) => {
      const network = loadNetwork(options.snapshot);
      const result = auditNetwork(network);
      if (options.sarif !== undefined) {
        const log = renderAuditSarif(result, network.snapshot, {
          version: program.version() ?? '0.0.0',
          ...(isDirectory(options.snapshot) ? { root: options.snapshot } : {}),
        });
        writeReport(options.sarif, `${JSON.stringify(log, null, 2)}\n`);
      }
      if (options.json) writeJson(result);
      else writeOut(renderAudit(result, colorsFor(process.stdout)));
      const failOn: Severity = options.failOn;
      process.exitCode = result.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
    });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function writeReport(path: string, content: string): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new InputError({
      file: path,
      message: `cannot be written: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
