import { readdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ManagedPrefixList, PrefixListEntry } from '@aws-sdk/client-ec2';
import { describe, expect, test } from 'vitest';
import { traceFlow } from '../../../src/analysis/trace.js';
import { collectSnapshot } from '../../../src/ingest/aws-api/collect.js';
import type { RegionLists } from '../../../src/ingest/aws-api/list-calls.js';
import { createSnapshotWriter } from '../../../src/ingest/aws-api/writer.js';
import { loadSnapshot as loadSnapshotTree } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';
import { isSnapshotKey } from '../../../src/snapshot/keys.js';
import { createFakeClients, type FakeRegion } from './fake-aws.js';
import { normalizeTimestamps, readJson, reviveTimestamps, SHARED_DATA } from './shapes.js';

const SNAPSHOT = path.join(SHARED_DATA, 'batfish-aws/test-load-balancer/aws_configs');
const ACCOUNT = '554773406868';
const REGION = 'us-east-2';

/** Batfish's own prefix-list form: not an API output, so the mock serves the API's instead. */
interface BatfishPrefixList {
  PrefixListId: string;
  PrefixListName: string;
  Cidrs: string[];
}

/** Every document of the snapshot by top-level key, as the SDK would return it. */
function loadSnapshot(): Map<string, unknown[]> {
  const documents = new Map<string, unknown[]>();
  for (const file of readdirSync(SNAPSHOT)) {
    for (const [key, items] of Object.entries(readJson(path.join(SNAPSHOT, file)))) {
      documents.set(key, reviveTimestamps(items) as unknown[]);
    }
  }
  return documents;
}

/** The AWS-managed lists as DescribeManagedPrefixLists and GetManagedPrefixListEntries give them. */
function servePrefixLists(lists: BatfishPrefixList[]) {
  const described: ManagedPrefixList[] = lists.map((list) => ({
    PrefixListId: list.PrefixListId,
    AddressFamily: 'IPv4',
    State: 'create-complete',
    PrefixListArn: `arn:aws:ec2:${REGION}:aws:prefix-list/${list.PrefixListId}`,
    PrefixListName: list.PrefixListName,
    Tags: [],
    OwnerId: 'AWS',
  }));
  const entries: Record<string, PrefixListEntry[]> = {};
  for (const list of lists) entries[list.PrefixListId] = list.Cidrs.map((Cidr) => ({ Cidr }));
  return { described, entries };
}

/** Per-ARN outputs of a Batfish wrapper document, keyed by the ARN they were made for. */
function byArn<T>(items: unknown[] | undefined, arnMember: string, member: string) {
  const out: Record<string, T[]> = {};
  for (const item of (items ?? []) as Record<string, unknown>[]) {
    out[item[arnMember] as string] = item[member] as T[];
  }
  return out;
}

function fakeFromSnapshot(documents: Map<string, unknown[]>): FakeRegion {
  const prefixLists = servePrefixLists((documents.get('PrefixLists') ?? []) as BatfishPrefixList[]);
  const lists: Record<string, unknown[]> = { PrefixLists: prefixLists.described };
  for (const [key, items] of documents) {
    if (key !== 'PrefixLists' && isSnapshotKey(key)) lists[key] = items;
  }
  return {
    lists: lists as RegionLists,
    prefixListEntries: prefixLists.entries,
    listeners: byArn(documents.get('LoadBalancerListeners'), 'LoadBalancerArn', 'Listeners'),
    loadBalancerAttributes: byArn(
      documents.get('LoadBalancerAttributes'),
      'LoadBalancerArn',
      'Attributes',
    ),
    targetHealth: byArn(
      documents.get('LoadBalancerTargetHealth'),
      'TargetGroupArn',
      'TargetHealthDescriptions',
    ),
  };
}

describe('round trip of the Batfish test-load-balancer snapshot', () => {
  test('collecting a mock that serves the snapshot writes the same documents back', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'vpcreach-round-trip-'));
    const fake = createFakeClients(fakeFromSnapshot(loadSnapshot()));
    const result = await collectSnapshot({
      targets: [{ label: 'default credentials', accountId: undefined, credentials: undefined }],
      regions: [REGION],
      clients: () => fake.clients,
      writer: createSnapshotWriter(out),
    });
    expect(result.failures).toEqual([]);
    const dir = path.join(out, 'accounts', ACCOUNT, REGION);
    const compared: string[] = [];
    for (const file of readdirSync(SNAPSHOT)) {
      const original = readJson(path.join(SNAPSHOT, file));
      const [key] = Object.keys(original);
      if (key === undefined || !isSnapshotKey(key) || key === 'PrefixLists') continue;
      const written = JSON.parse(await readFile(path.join(dir, `${key}.json`), 'utf8'));
      // Batfish's files print timestamps as `2020-02-25 04:56:34+00:00`: compare instants.
      // (VpcEndpointServices.json also holds `ServiceNames`, which is not a snapshot key.)
      expect(Object.keys(written)).toEqual([key]);
      expect(normalizeTimestamps(written[key]), key).toEqual(normalizeTimestamps(original[key]));
      compared.push(key);
    }
    expect(compared.sort()).toEqual([
      'AvailabilityZones',
      'LoadBalancerAttributes',
      'LoadBalancerListeners',
      'LoadBalancerTargetHealth',
      'LoadBalancers',
      'NetworkAcls',
      'NetworkInterfaces',
      'Reservations',
      'SecurityGroups',
      'ServiceDetails',
      'Subnets',
      'TargetGroups',
      'Vpcs',
    ]);
    // The collected tree traces to the same verdicts as the original files.
    for (const [port, verdict] of [
      [80, 'reachable'],
      [81, 'unreachable'],
    ] as const) {
      const question = { from: 'i-0c8ce8bbdd98cc4e8', to: 'test-lb', port };
      const collected = traceFlow(buildNetwork(loadSnapshotTree(out)), question);
      const original = traceFlow(buildNetwork(loadSnapshotTree(path.dirname(SNAPSHOT))), question);
      expect(collected.verdict).toBe(verdict);
      expect(collected.verdict).toBe(original.verdict);
      expect(collected.blocked).toEqual(original.blocked);
    }
  });

  test('the AWS-managed prefix lists are kept in API shape, without entries nobody references', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'vpcreach-round-trip-'));
    const fake = createFakeClients(fakeFromSnapshot(loadSnapshot()));
    await collectSnapshot({
      targets: [{ label: 'default credentials', accountId: undefined, credentials: undefined }],
      regions: [REGION],
      clients: () => fake.clients,
      writer: createSnapshotWriter(out),
    });
    const dir = path.join(out, 'accounts', ACCOUNT, REGION);
    const written = JSON.parse(await readFile(path.join(dir, 'PrefixLists.json'), 'utf8'));
    const original = readJson(path.join(SNAPSHOT, 'PrefixLists.json'))
      .PrefixLists as BatfishPrefixList[];
    expect(
      written.PrefixLists.map((list: ManagedPrefixList) => [
        list.PrefixListId,
        list.PrefixListName,
      ]),
    ).toEqual(original.map((list) => [list.PrefixListId, list.PrefixListName]));
    // No security group of this snapshot references a prefix list.
    const entries = JSON.parse(await readFile(path.join(dir, 'PrefixListEntries.json'), 'utf8'));
    expect(entries).toEqual({ PrefixListEntries: [] });
  });
});
