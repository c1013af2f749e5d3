import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatCliTimestamp, toCliJson } from '../../../src/ingest/aws-api/cli-json.js';
import { createSnapshotWriter, formatSnapshotFile } from '../../../src/ingest/aws-api/writer.js';

describe('CLI JSON', () => {
  test('timestamps print as AWS CLI v2 does: microseconds only when there is a fraction', () => {
    expect(formatCliTimestamp(new Date('2020-02-25T04:56:32.326Z'))).toBe(
      '2020-02-25T04:56:32.326000+00:00',
    );
    expect(formatCliTimestamp(new Date('2020-02-25T04:56:34.000Z'))).toBe(
      '2020-02-25T04:56:34+00:00',
    );
  });

  test('nested Date values are converted and absent members are dropped', () => {
    const output = {
      Attachment: { AttachTime: new Date('2022-11-15T10:48:59Z'), InstanceId: undefined },
      Tags: [{ Key: 'Name', Value: 'a' }],
      Count: 0,
      Flag: false,
    };
    expect(toCliJson(output)).toEqual({
      Attachment: { AttachTime: '2022-11-15T10:48:59+00:00' },
      Tags: [{ Key: 'Name', Value: 'a' }],
      Count: 0,
      Flag: false,
    });
  });

  test('a snapshot file is the key with its list, indented by 4, ending in a newline', () => {
    expect(formatSnapshotFile('Vpcs', [{ VpcId: 'vpc-1' }])).toBe(
      '{\n    "Vpcs": [\n        {\n            "VpcId": "vpc-1"\n        }\n    ]\n}\n',
    );
  });
});

describe('createSnapshotWriter', () => {
  test('replacing a region removes the file of a key that is no longer collected', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'vpcreach-writer-'));
    const writer = createSnapshotWriter(out);
    await writer.writeRegion('111122223333', 'us-east-1', { Vpcs: [], SecurityGroups: [] });
    const dir = path.join(out, 'accounts/111122223333/us-east-1');
    await writeFile(path.join(dir, 'notes.txt'), 'kept');
    const written = await writer.writeRegion('111122223333', 'us-east-1', {
      Vpcs: [{ VpcId: 'v' }],
    });
    expect(written).toEqual([path.join('accounts/111122223333/us-east-1', 'Vpcs.json')]);
    expect((await readdir(dir)).sort()).toEqual(['Vpcs.json', 'notes.txt']);
    expect(JSON.parse(await readFile(path.join(dir, 'Vpcs.json'), 'utf8'))).toEqual({
      Vpcs: [{ VpcId: 'v' }],
    });
  });
});
