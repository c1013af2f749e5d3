/**
 * Input that vpcreach cannot use: a snapshot file, a resource in it, or a command-line value.
 * The CLI prints it as one line (plus the hint) and exits with code 2; analyses never see bad
 * input because the Snapshot is validated at the border.
 */
export interface InputErrorDetails {
  /** The file the bad value came from, as the user named it (relative paths stay relative). */
  file?: string;
  /** The AWS ID (or ARN) of the resource that holds the bad value. */
  resource?: string;
  /** Path of the field inside the resource, in AWS's own spelling: `Entries[3].CidrBlock`. */
  field?: string;
  /** The offending value, quoted in the message. */
  value?: unknown;
  /** What is wrong, as a predicate: `is not a valid CIDR`. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

export class InputError extends Error {
  readonly details: InputErrorDetails;

  constructor(details: InputErrorDetails) {
    super(formatInputError(details));
    this.name = 'InputError';
    this.details = details;
  }
}

/** `NetworkAcls.json: acl-0abc: Entries[3].CidrBlock "10.0.2.0/33" is not a valid CIDR` */
export function formatInputError(details: InputErrorDetails): string {
  const where = [details.file, details.resource].filter((part) => part !== undefined);
  const subject = [
    details.field,
    details.value === undefined ? undefined : quoteValue(details.value),
  ].filter((part) => part !== undefined);
  const head = where.length > 0 ? `${where.join(': ')}: ` : '';
  const body = subject.length > 0 ? `${subject.join(' ')} ${details.message}` : details.message;
  return head + body;
}

function quoteValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A command line that cannot be carried out as given (unknown ID, missing option). Exit 2. */
export class UsageError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}
