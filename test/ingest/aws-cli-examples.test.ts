import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSnapshotFile } from '../../src/ingest/aws-cli/read-tree.js';
import { buildSnapshot } from '../../src/snapshot/validate.js';
import { AWS_CLI_EXAMPLES } from '../real-data.js';

const ROOT = AWS_CLI_EXAMPLES;

/** AWS's documented example outputs, typos and --query projections included. */
const REFUSED: Record<string, RegExp> = {
  'describe-instances-1.json':
    /i-1234567890abcdef0: PrivateIpAddress "10-0-0-157" is not a valid IPv4 address$/,
  'describe-instances-2.json': /is not a describe-\* output/,
  'describe-instances-3.json': /is not a describe-\* output/,
  'describe-instances-4.json': /holds "Instances" from aws ec2 describe-instances with --query/,
  'describe-security-groups-2.json': /is not a describe-\* output/,
  'describe-target-groups-2.json': /is not a describe-\* output/,
  'get-managed-prefix-list-entries-1.json':
    /holds "Entries" from aws ec2 get-managed-prefix-list-entries/,
  'describe-listeners-1.json': /holds "Listeners"/,
  'describe-listeners-2.json': /holds "Listeners"/,
  'describe-load-balancer-attributes-1.json': /holds "Attributes"/,
  'describe-load-balancer-attributes-2.json': /holds "Attributes"/,
  'describe-target-group-attributes-1.json': /holds "Attributes"/,
  'describe-target-group-attributes-2.json': /holds "Attributes"/,
  'describe-target-group-attributes-3.json': /holds "Attributes"/,
};

const files = ['ec2', 'elbv2'].flatMap((dir) =>
  readdirSync(join(ROOT, dir)).map((name) => ({ dir, name })),
);

describe("the AWS CLI's documented example outputs", () => {
  it.each(files)(
    '$dir/$name loads, or is refused with one line naming the file',
    ({ dir, name }) => {
      const path = join(ROOT, dir, name);
      const load = () => buildSnapshot(readSnapshotFile(path));
      const expected =
        REFUSED[name] ??
        (name.startsWith('describe-target-health')
          ? /holds "TargetHealthDescriptions"/
          : undefined);
      if (expected === undefined) {
        expect(load().files).toEqual([path]);
        return;
      }
      let error: unknown;
      try {
        load();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message.startsWith(path)).toBe(true);
      expect((error as Error).message).toMatch(expected);
      expect((error as Error).message).not.toContain('\n');
    },
  );

  it('reads a security group whose rule references the group itself, with the rule description', () => {
    const snapshot = buildSnapshot(
      readSnapshotFile(join(ROOT, 'ec2/describe-security-groups-1.json')),
    );
    const group = snapshot.SecurityGroups[0]!;
    expect(
      group.IpPermissions?.some((p) =>
        p.UserIdGroupPairs?.some((pair) => pair.GroupId === group.GroupId),
      ),
    ).toBe(true);
  });
});
