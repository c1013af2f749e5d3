import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { collectSnapshot } from '../../../src/ingest/aws-api/collect.js';
import { createSnapshotWriter } from '../../../src/ingest/aws-api/writer.js';
import { createFakeClients } from './fake-aws.js';
import { cliExampleRegion } from './shapes.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/collect.md');

/** The actions of the first JSON policy in docs/collect.md. */
function documentedActions(): string[] {
  const text = readFileSync(DOC, 'utf8');
  const block = /```json\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error('docs/collect.md has no JSON policy');
  const policy = JSON.parse(block) as { Statement: Array<{ Action: string[] }> };
  return policy.Statement.flatMap((statement) => statement.Action);
}

/** IAM actions of every command sent, e.g. `ec2:DescribeVpcs`, from the mocks' call logs. */
async function actionsOfAFullCollection(): Promise<string[]> {
  const fake = createFakeClients(cliExampleRegion());
  await collectSnapshot({
    targets: [{ label: 'base', accountId: undefined, credentials: undefined }],
    regions: ['us-east-1'],
    clients: () => fake.clients,
    writer: createSnapshotWriter(await mkdtemp(path.join(tmpdir(), 'vpcreach-read-only-'))),
  });
  const name = (command: object) => command.constructor.name.replace(/Command$/, '');
  return [
    ...fake.ec2.calls().map((call) => `ec2:${name(call.args[0])}`),
    ...fake.elbv2.calls().map((call) => `elasticloadbalancing:${name(call.args[0])}`),
  ];
}

describe('read-only collection', () => {
  test('every call the collector makes is a Describe or Get', async () => {
    const actions = await actionsOfAFullCollection();
    expect(actions.length).toBeGreaterThan(19);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(Describe|Get)[A-Za-z]+$/);
  });

  test('the documented IAM policy allows exactly the actions the collector uses', async () => {
    const used = [...new Set(await actionsOfAFullCollection())].sort();
    expect([...documentedActions()].sort()).toEqual(used);
  });
});
