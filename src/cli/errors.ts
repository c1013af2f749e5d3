import { InputError, UsageError } from '../errors.js';
import { colorsFor } from './output.js';

/**
 * Prints a failure as one line (plus a hint) and sets exit code 2 for bad input or usage.
 * Anything else is a defect of vpcreach: its stack is printed only with --debug.
 */
export function reportFailure(error: unknown, debug: boolean): void {
  const c = colorsFor(process.stderr);
  if (error instanceof InputError || error instanceof UsageError) {
    process.stderr.write(`${c.red('error:')} ${error.message}\n`);
    const hint = error instanceof InputError ? error.details.hint : error.hint;
    if (hint !== undefined) process.stderr.write(`${c.dim('hint:')} ${hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${c.red('internal error:')} ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else
    process.stderr.write(
      `${c.dim('hint:')} run again with --debug for the stack trace, and report it\n`,
    );
  process.exitCode = 70;
}
