import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/analysis/trace.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';
import type { Hop } from '../../src/paths/hop.js';
import type { TracePath } from '../../src/paths/path.js';
import { pathStations, stationVerdict } from '../../src/report/path-stations.js';
import { matchEntries } from '../../src/web/app/catalog-search.js';
import { readChanges, readFormats, readManualSteps } from '../../src/web/app/fix-changes.js';
import { buildCatalog } from '../../src/web/catalog.js';

const SNAPSHOT = join(import.meta.dirname, '../../examples/broken/client-nacl-no-return');
const network = buildNetwork(loadSnapshot(SNAPSHOT));
const QUESTION = { from: 'i-0732e91f550b85803', to: 'vpce-07a5c64d82c04e64b', port: 443 };

function aclHop(component: string, direction: 'ingress' | 'egress', path: Hop['path']): Hop {
  return {
    kind: 'network-acl',
    component,
    direction,
    path,
    verdict: 'pass',
    segments: [],
    detail: '',
    packet: { protocol: 'tcp', source: '10.0.1.5', destination: '10.0.2.5', port: '443' },
  };
}

describe('pathStations', () => {
  const path = traceFlow(network, QUESTION).paths[0]!;
  const stations = pathStations(path);

  it('pairs every reply hop with the request hop at the same NACL', () => {
    expect(stations).toHaveLength(path.forward.length);
    expect(stations.filter((s) => s.reply !== undefined)).toHaveLength(path.return.length);
    for (const s of stations.filter((x) => x.reply !== undefined))
      expect(s.reply?.component).toBe(s.request?.component);
  });

  it('shows the client NACL passing the request outbound and blocking the reply inbound', () => {
    const station = stations.find((s) => s.role === 'client subnet NACL')!;
    expect(station.request).toMatchObject({ direction: 'egress', verdict: 'pass' });
    expect(station.reply).toMatchObject({ direction: 'ingress', verdict: 'block' });
    expect(stationVerdict(station)).toBe('block');
  });

  it('keeps two subnets that share one NACL as two stations, in order', () => {
    const shared: TracePath = {
      ...path,
      forward: [aclHop('acl-1', 'egress', 'forward'), aclHop('acl-1', 'ingress', 'forward')],
      return: [aclHop('acl-1', 'egress', 'return'), aclHop('acl-1', 'ingress', 'return')],
    };
    const pairs = pathStations(shared).map((s) => [s.request?.direction, s.reply?.direction]);
    expect(pairs).toEqual([
      ['egress', 'ingress'],
      ['ingress', 'egress'],
    ]);
  });

  it('keeps a reply hop with no request counterpart as a station of its own', () => {
    const odd: TracePath = {
      ...path,
      forward: [aclHop('acl-1', 'egress', 'forward')],
      return: [aclHop('acl-9', 'egress', 'return')],
    };
    const result = pathStations(odd);
    expect(result).toHaveLength(2);
    expect(result[0]).toMatchObject({ request: undefined, component: 'acl-9' });
  });
});

describe('matchEntries', () => {
  const catalog = buildCatalog(network);

  it('finds a resource by Name tag, by address and by ID prefix, case-insensitively', () => {
    expect(matchEntries(catalog, 'CLIENT').map((e) => e.id)).toContain(QUESTION.from);
    expect(matchEntries(catalog, '10.0.1.25').map((e) => e.id)).toContain(QUESTION.from);
    expect(matchEntries(catalog, 'vpce-07a5').map((e) => e.id)).toEqual([QUESTION.to]);
  });

  it('returns at most eight suggestions', () => {
    expect(matchEntries(catalog, '').length).toBeLessThanOrEqual(8);
  });
});

describe('readChanges', () => {
  it('reads each change with its renderings by format', () => {
    const body = {
      changes: [{ description: 'allow 1024-65535', formats: { 'aws-cli': 'aws …' } }],
    };
    expect(readChanges(body)).toEqual([
      { description: 'allow 1024-65535', formats: [['aws-cli', 'aws …']] },
    ]);
  });

  it('gives up on a body without a changes list, so the page shows it raw', () => {
    expect(readChanges({ other: 1 })).toBeUndefined();
    expect(readChanges(null)).toBeUndefined();
  });

  it('takes the reason from `why` when there is no description', () => {
    expect(readChanges({ changes: [{ why: 'the reply is denied', formats: {} }] })).toEqual([
      { description: 'the reply is denied', formats: [] },
    ]);
  });

  it('reads manual steps with their command, when one exists', () => {
    const body = { changes: [], manual: [{ what: 'accept the connection', command: 'aws ec2 …' }] };
    expect(readManualSteps(body)).toEqual([
      { what: 'accept the connection', command: 'aws ec2 …' },
    ]);
    expect(readManualSteps({ changes: [] })).toEqual([]);
  });

  it('reads renderings of all changes at once from the top-level formats', () => {
    const body = { changes: [], formats: { Terraform: 'resource …', bad: 3 } };
    expect(readFormats(body)).toEqual([['Terraform', 'resource …']]);
    expect(readFormats({ changes: [] })).toEqual([]);
  });
});
