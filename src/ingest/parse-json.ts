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
    const position = errorOffset(text, reason);
    const truncated =
      text.trim() === '' ||
      /end of JSON|Unterminated/i.test(reason) ||
      (position !== undefined && position >= text.trimEnd().length);
    const where =
      position !== undefined && !truncated ? ` at ${lineAndColumn(text, position)}` : '';
    throw new InputError({
      file: shownAs,
      message: `is not valid JSON${where}: ${truncated ? 'the file is empty or cut short' : describeReason(reason)}`,
      hint: 'save the complete output of the AWS CLI with --output json',
    });
  }
}

/**
 * Where JSON.parse stopped. V8 states the offset for most errors, but for an unexpected token it
 * quotes the text around it instead (ten characters either side, with "..." when cut), so the
 * offset is recovered by finding that excerpt.
 */
function errorOffset(text: string, reason: string): number | undefined {
  const stated = /position (\d+)/.exec(reason);
  if (stated !== null) return Number(stated[1]);
  const quoted = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(
    reason,
  );
  if (quoted === null) return undefined;
  const [, token, cut, body] = quoted as unknown as [string, string, string | undefined, string];
  const start = text.indexOf(body);
  if (start < 0) return undefined;
  return cut ? start + 10 : text.indexOf(token, start);
}

function describeReason(reason: string): string {
  const token = /^Unexpected token '(.)'/.exec(reason);
  if (token !== null) return `unexpected character '${token[1]}'`;
  return reason.replace(/ in JSON at position \d+.*$/, '');
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
