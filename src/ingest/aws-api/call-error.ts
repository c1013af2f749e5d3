/** The parts of a failed call that a one-line report needs. */
export interface CallErrorInfo {
  code: string;
  message: string;
}

const MAX_MESSAGE_LENGTH = 200;

/**
 * The error code and first message line of a failed SDK call. SDK v3 service exceptions carry
 * the AWS error code as their `name` (`UnauthorizedOperation`, `AccessDenied`,
 * `RequestLimitExceeded`); credential and network errors carry their own class name.
 * EC2's `UnauthorizedOperation` message ends in a long encoded authorization message, which is
 * cut so the report stays one line.
 */
export function describeCallError(error: unknown): CallErrorInfo {
  if (!(error instanceof Error)) return { code: 'Error', message: String(error) };
  const code = error.name === '' ? 'Error' : error.name;
  const firstLine = error.message.split('\n')[0] ?? '';
  const message =
    firstLine.length > MAX_MESSAGE_LENGTH
      ? `${firstLine.slice(0, MAX_MESSAGE_LENGTH - 3)}...`
      : firstLine;
  return { code, message };
}
