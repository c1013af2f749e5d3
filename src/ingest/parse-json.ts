import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/**
 * Parses a JSON file, turning a syntax error into one line that names the file and the line and
 * column where parsing stopped (a truncated download ends with "unexpected end").
 */
export function parseJsonFile(path: string, shownAs: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError({ file: shownAs, message: `cannot be read: ${(error as Error).message}` });
  }
  return parseJsonText(text, shownAs);
}

export function parseJsonText(text: string, shownAs: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const position = /position (\d+)/.exec(reason);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    const truncated = text.trim() === '' || /end of JSON|Unterminated/i.test(reason);
    throw new InputError({
      file: shownAs,
      message: `is not valid JSON${where}: ${truncated ? 'the file is empty or cut short' : reason.replace(/ in JSON at position \d+.*$/, '')}`,
      hint: 'save the complete output of the AWS CLI with --output json',
    });
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
