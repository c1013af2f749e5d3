import { Command } from '@commander-js/extra-typings';
import { registerAudit } from './audit.js';
import { registerCheck } from './check.js';
import { registerCollect } from './collect.js';
import { registerDemo } from './demo.js';
import { registerDiff } from './diff.js';
import { reportFailure } from './errors.js';
import { registerFix } from './fix.js';
import { registerInspect } from './inspect.js';
import { registerReach } from './reach.js';
import { registerServe } from './serve.js';
import { registerTrace } from './trace.js';

/** Builds the `vpcreach` program; each command lives in its own file. */
export function createProgram(): Command {
  const program = new Command('vpcreach')
    .description(
      "why can't this client reach that service inside AWS, and what exactly must change?",
    )
    .version('0.1.0')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(text) });
  registerInspect(program);
  registerTrace(program);
  registerReach(program);
  registerCheck(program);
  registerAudit(program);
  registerDiff(program);
  registerCollect(program);
  registerDemo(program);
  registerFix(program);
  registerServe(program);
  return program;
}

/** Runs the CLI: bad input or usage exits 2, with one line and a hint, never a stack trace. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (isCommanderExit(error)) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    reportFailure(error, argv.includes('--debug'));
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number; code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('commander.')
  );
}
