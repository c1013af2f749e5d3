import { InputError } from '../../errors.js';

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON.parse with the failure reported as an InputError that says where in the file. */
export function parseJsonText(text: string, file?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const where =
      position === null
        ? ''
        : (({ line, column }) => ` at line ${line}, column ${column}`)(
            lineAndColumn(text, Number(position[1])),
          );
    throw new InputError({ file, message: `is not valid JSON${where}: ${reason}` });
  }
}
