import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { checkIntents, type Intent, parseIntents } from '../analysis/check/check.js';
import { InputError } from '../errors.js';
import { renderCheckJUnit } from '../report/check-junit.js';
import { renderCheckSarif } from '../report/check-sarif.js';
import { renderCheck } from '../report/check-text.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeJson, writeOut } from './output.js';

/** `vpcreach check`: connectivity intents as code. Exit 0 all hold, 1 one fails, 2 bad input. */
export function registerCheck(program: Command) {
  program
    .command('check')
    .description('check a file of connectivity intents against a snapshot, for CI')
    .argument('<intents>', 'intents file (YAML or JSON), see docs/check.md')
    .requiredOption('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .option('--junit <file>', 'also write JUnit XML: one test case per intent')
    .option('--sarif <file>', 'also write SARIF 2.1.0: one result per failing intent')
    .option('--json', 'print JSON (documented in docs/check.md)')
    .action((intentsPath, options) => {
      const intents = readIntents(intentsPath);
      const network = loadNetwork(options.snapshot);
      const result = checkIntents(network, intents, { file: intentsPath });
      if (options.junit !== undefined)
        writeReport(options.junit, renderCheckJUnit(result, { snapshot: options.snapshot }));
      if (options.sarif !== undefined) {
        const log = renderCheckSarif(result, { version: program.version() ?? '0.0.0' });
        writeReport(options.sarif, `${JSON.stringify(log, null, 2)}\n`);
      }
      if (options.json) writeJson(result);
      else writeOut(renderCheck(result, colorsFor(process.stdout)));
      process.exitCode = result.failed === 0 ? 0 : 1;
    });
}

function readIntents(path: string): Intent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError({
      file: path,
      message: `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'give the path of an intents file (YAML or JSON)',
    });
  }
  return parseIntents(text, path);
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
