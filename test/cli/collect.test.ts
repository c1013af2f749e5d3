import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { Command } from '@commander-js/extra-typings';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type CollectDependencies,
  EXIT_PARTIAL_SNAPSHOT,
  EXIT_USAGE,
  registerCollect,
} from '../../src/cli/collect.js';
import type { AwsClientOptions } from '../../src/ingest/aws-api/clients.js';
import type { TargetOptions } from '../../src/ingest/aws-api/targets.js';
import { createFakeClients, type FakeClients } from '../ingest/aws-api/fake-aws.js';

/** A stream that keeps what was written; `tty` makes it claim to be a terminal. */
function captureStream(tty = false) {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  Object.assign(stream, {
    isTTY: tty,
    columns: 100,
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

interface Harness {
  dependencies: CollectDependencies;
  stdout: () => string;
  stderr: () => string;
  targetOptions: TargetOptions[];
  clientOptions: AwsClientOptions[];
}

function createHarness(
  fake: FakeClients,
  options: { tty?: boolean; region?: string } = {},
): Harness {
  const stdout = captureStream();
  const stderr = captureStream(options.tty);
  const targetOptions: TargetOptions[] = [];
  const clientOptions: AwsClientOptions[] = [];
  const dependencies: CollectDependencies = {
    createClients: (clientOpts) => {
      clientOptions.push(clientOpts);
      return () => fake.clients;
    },
    createTargets: (targetOpts) => {
      targetOptions.push(targetOpts);
      return [{ label: 'default credentials', accountId: undefined, credentials: undefined }];
    },
    resolveDefaultRegion: async () => options.region,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
  };
  return { dependencies, stdout: stdout.text, stderr: stderr.text, targetOptions, clientOptions };
}

function group(account: string) {
  return { GroupId: 'sg-1', OwnerId: account, VpcId: 'vpc-1' };
}

async function run(harness: Harness, args: string[]): Promise<number> {
  const program = new Command('vpcreach');
  registerCollect(program, harness.dependencies);
  await program.parseAsync(['collect', ...args], { from: 'user' });
  return Number(process.exitCode ?? 0);
}

async function emptyDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'vpcreach-cli-'));
}

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('vpcreach collect', () => {
  test('a complete snapshot exits 0 and summarises each account/region on stdout', async () => {
    const harness = createHarness(
      createFakeClients({ lists: { SecurityGroups: [group('111122223333')] } }),
    );
    const out = await emptyDir();
    expect(await run(harness, ['--out', out, '--region', 'us-east-1'])).toBe(0);
    expect(harness.stdout()).toBe(
      `111122223333 us-east-1: 19 files, 1 items, 0 failed calls\nSnapshot written to ${out} (complete).\n`,
    );
    expect(harness.stderr()).toBe('');
    expect(await readdir(path.join(out, 'accounts/111122223333/us-east-1'))).toHaveLength(19);
  });

  test('a failed call is one line on stderr and the partial snapshot exits 3', async () => {
    const fake = createFakeClients({ lists: { SecurityGroups: [group('111122223333')] } });
    fake.ec2.on(DescribeNetworkAclsCommand).rejects(
      Object.assign(new Error('You are not authorized to perform this operation.'), {
        name: 'UnauthorizedOperation',
      }),
    );
    const harness = createHarness(fake);
    const out = await emptyDir();
    expect(await run(harness, ['--out', out, '--region', 'us-east-1'])).toBe(EXIT_PARTIAL_SNAPSHOT);
    expect(harness.stderr()).toBe(
      'DescribeNetworkAcls failed in 111122223333 us-east-1: UnauthorizedOperation: You are not authorized to perform this operation.\n',
    );
    expect(harness.stdout()).toContain(
      '111122223333 us-east-1: 18 files, 1 items, 1 failed calls\n',
    );
    expect(harness.stdout()).toContain(`Partial snapshot written to ${out}: 1 call failed.\n`);
  });

  test('options reach the credentials and the clients', async () => {
    const harness = createHarness(createFakeClients({ lists: {} }));
    const args = [
      '--out',
      await emptyDir(),
      '--profile',
      'audit',
      '--region',
      'eu-west-1',
      '--region',
      'us-east-1',
    ];
    args.push(
      '--role-arn',
      'arn:aws:iam::111111111111:role/R',
      '--role-arn',
      'arn:aws:iam::222222222222:role/R',
    );
    args.push('--max-attempts', '5', '--retry-mode', 'adaptive');
    expect(await run(harness, args)).toBe(0);
    expect(harness.targetOptions).toEqual([
      {
        profile: 'audit',
        roleArns: ['arn:aws:iam::111111111111:role/R', 'arn:aws:iam::222222222222:role/R'],
        stsRegion: 'eu-west-1',
      },
    ]);
    expect(harness.clientOptions).toEqual([{ maxAttempts: 5, retryMode: 'adaptive' }]);
  });

  test('without --region the SDK default region is read', async () => {
    const harness = createHarness(
      createFakeClients({ lists: { SecurityGroups: [group('111122223333')] } }),
      {
        region: 'ap-southeast-2',
      },
    );
    const out = await emptyDir();
    expect(await run(harness, ['--out', out])).toBe(0);
    expect(await readdir(path.join(out, 'accounts/111122223333'))).toEqual(['ap-southeast-2']);
  });

  test('no region at all is a usage error (exit 2) saying how to name one', async () => {
    const harness = createHarness(createFakeClients({ lists: {} }));
    expect(await run(harness, ['--out', await emptyDir()])).toBe(EXIT_USAGE);
    expect(harness.stderr()).toBe(
      'vpcreach collect: no region to read (pass --region, or set AWS_REGION or a region in the profile)\n',
    );
  });

  test('a malformed region is a usage error', async () => {
    const harness = createHarness(createFakeClients({ lists: {} }));
    expect(await run(harness, ['--out', await emptyDir(), '--region', 'US East'])).toBe(EXIT_USAGE);
    expect(harness.stderr()).toContain('--region "US East" is not an AWS region name');
  });

  test('a directory that is not empty is refused unless --overwrite is given', async () => {
    const out = await emptyDir();
    await mkdir(path.join(out, 'accounts'));
    await writeFile(path.join(out, 'old.json'), '{}');
    const refused = createHarness(createFakeClients({ lists: {} }));
    expect(await run(refused, ['--out', out, '--region', 'us-east-1'])).toBe(EXIT_USAGE);
    expect(refused.stderr()).toContain(`--out ${JSON.stringify(out)} is not empty`);
    process.exitCode = undefined;
    const allowed = createHarness(
      createFakeClients({ lists: { SecurityGroups: [group('111122223333')] } }),
    );
    expect(await run(allowed, ['--out', out, '--region', 'us-east-1', '--overwrite'])).toBe(0);
  });

  test('an --out that is a file is a usage error, not a stack trace', async () => {
    const file = path.join(await emptyDir(), 'snapshot');
    await writeFile(file, '');
    const harness = createHarness(createFakeClients({ lists: {} }));
    expect(await run(harness, ['--out', file, '--region', 'us-east-1'])).toBe(EXIT_USAGE);
    expect(harness.stderr()).toMatch(/^vpcreach collect: --out ".*" cannot be used: ENOTDIR.*\n$/);
  });

  test('commander usage errors exit 2, not 1', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const harness = createHarness(createFakeClients({ lists: {} }));
    await expect(run(harness, ['--region', 'us-east-1'])).rejects.toThrow('exit 2');
    await expect(run(harness, ['--out', 'x', '--max-attempts', '0'])).rejects.toThrow('exit 2');
    expect(exit).toHaveBeenCalledTimes(2);
  });

  test('on a terminal, progress names the region and call on stderr', async () => {
    const harness = createHarness(
      createFakeClients({ lists: { SecurityGroups: [group('111122223333')] } }),
      {
        tty: true,
      },
    );
    expect(await run(harness, ['--out', await emptyDir(), '--region', 'us-east-1'])).toBe(0);
    expect(harness.stderr()).toMatch(/default credentials us-east-1: \w+ \(\d+ calls, \d+ items\)/);
  });
});
