import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { patchFiles } from '../../../src/analysis/fix/patch-snapshot.js';
import { planFix } from '../../../src/analysis/fix/plan.js';
import { traceFlow } from '../../../src/analysis/trace.js';
import { writeSnapshotTree } from '../../../src/ingest/aws-cli/write-tree.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';
import { snapshotFiles } from '../../../src/snapshot/files.js';
import { IDS, item, privateLinkDocs } from '../../fixtures/privatelink-network.js';

const temp = mkdtempSync(join(tmpdir(), 'vpcreach-write-tree-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const QUESTION = { from: IDS.client, to: IDS.endpoint, port: 443 };

describe('writeSnapshotTree', () => {
  it('writes a one-file snapshot back as one file the loader traces again', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.endpointSg).IpPermissions = [];
    const source = join(temp, 'network.json');
    writeFileSync(source, JSON.stringify(docs));
    const snapshot = loadSnapshot(source);
    const { result } = planFix(snapshot, QUESTION);
    const out = join(temp, 'out');
    const written = writeSnapshotTree(
      { source, ...patchFiles(snapshotFiles(snapshot), result.changes) },
      out,
    );
    expect(written).toEqual(['network.json']);
    expect(readdirSync(out)).toEqual(['network.json']);
    expect(traceFlow(buildNetwork(loadSnapshot(join(out, 'network.json'))), QUESTION).verdict).toBe(
      'reachable',
    );
  });

  it('refuses to write over the snapshot it patches', () => {
    writeFileSync(join(temp, 'placeholder.json'), '{}');
    const snapshot = loadSnapshot(join(temp, 'placeholder.json'));
    expect(() =>
      writeSnapshotTree({ source: temp, files: snapshotFiles(snapshot), touched: new Set() }, temp),
    ).toThrow(/is the snapshot being fixed/);
  });
});
