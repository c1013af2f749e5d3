import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Ec2Call } from '../analysis/fix/ec2-calls.js';
import { InputError } from '../errors.js';
import { parseJsonText } from '../ingest/parse-json.js';

const OPERATIONS = [
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'DeleteNetworkAclEntry',
  'ReplaceNetworkAclEntry',
] as const;

const UndoCall = z.object({
  command: z.string(),
  operation: z.enum(OPERATIONS),
  region: z.string().optional(),
  account: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
});

/**
 * Writes the calls that take applied changes back, newest first: a JSON list of
 * `{command, operation, region?, account?, input}` where `command` is the AWS CLI name
 * (`revoke-security-group-ingress`, `delete-network-acl-entry`) and `input` the API input.
 */
export function writeUndoFile(path: string, calls: readonly Ec2Call[]): void {
  const list = [...calls].reverse().map((call) => ({
    command: call.operation.replace(
      /[A-Z]/g,
      (c, at: number) => (at === 0 ? '' : '-') + c.toLowerCase(),
    ),
    operation: call.operation,
    ...(call.region === undefined ? {} : { region: call.region }),
    ...(call.account === undefined ? {} : { account: call.account }),
    input: call.input,
  }));
  writeFileSync(path, `${JSON.stringify(list, null, 2)}\n`);
}

/** Reads an undo file; only revoke, delete and restoring-replace calls are accepted. */
export function readUndoFile(path: string): Ec2Call[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError({ file: path, message: `cannot be read: ${(error as Error).message}` });
  }
  const parsed = z.array(UndoCall).safeParse(parseJsonText(text, path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({
      file: path,
      field: issue.path.map(String).join('.'),
      message: `is not an undo file written by vpcreach fix --apply: ${issue.message}`,
    });
  }
  return parsed.data.map(({ command: _command, ...call }) => call);
}
