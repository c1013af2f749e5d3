import { describe, expect, it } from 'vitest';
import {
  type AdmittedSources,
  admittedSources,
} from '../../../src/analysis/check/admitted-sources.js';
import { evaluateExposureIntent } from '../../../src/analysis/check/evaluate-exposure.js';
import type { ExposureIntent } from '../../../src/analysis/check/intent.js';
import { snapshotEniSources } from '../../../src/analysis/check/snapshot-eni-sources.js';
import { cidr } from '../../../src/net/cidr.js';
import { ADDRESS_UNKNOWN_TAG } from '../../../src/network/build-enis.js';
import { IDS, item, networkOf, privateLinkDocs } from '../../fixtures/privatelink-network.js';
import { EX, exampleNetwork } from './helpers.js';

const network = exampleNetwork('privatelink');

function intent(allowed: string[]): ExposureIntent {
  const location = { file: 'intents.yaml', line: 2, column: 5 };
  return {
    name: 'nothing outside reaches the endpoint',
    kind: 'not-exposed',
    index: 0,
    location,
    to: { selectors: [EX.endpoint], field: 'intents[0].not-exposed.to', location },
    protocols: ['tcp'],
    ports: { from: 443, to: 443 },
    allowed: allowed.map(cidr),
  };
}

/** Stands in for a symbolic engine: it admits the whole IPv4 space on 443 and names no ENI. */
const everyone: AdmittedSources = {
  coverage: 'every-address',
  admitted: () => [{ protocol: 'tcp', ports: { from: 443, to: 443 }, cidrs: ['0.0.0.0/0'] }],
  sources: () => [],
  limitations: () => [],
};

describe('evaluateExposureIntent', () => {
  it('covers every address: the symbolic reach engine is wired in', () => {
    expect(admittedSources.coverage).toBe('every-address');
    expect(snapshotEniSources.coverage).toBe('snapshot-enis');
  });

  it('reports address space a symbolic engine admits outside the allowed blocks, block by block', () => {
    const result = evaluateExposureIntent(network, intent(['10.0.0.0/8']), everyone);
    expect(result.status).toBe('fail');
    expect(result.violations.map((v) => v.source)).toEqual(
      [
        '0.0.0.0/5',
        '8.0.0.0/7',
        '11.0.0.0/8',
        '12.0.0.0/6',
        '16.0.0.0/4',
        '32.0.0.0/3',
        '64.0.0.0/2',
        '128.0.0.0/1',
      ].map((block) => ({ kind: 'cidr', cidr: block })),
    );
    expect(result.violations[0]).toMatchObject({
      ports: [{ from: 443, to: 443 }],
      protocol: 'tcp',
    });
    expect(result.violations[0]!.proof).toBeUndefined();
    expect(result.message).not.toContain('sources in the snapshot');
  });

  it('passes when what a symbolic engine admits lies inside the allowed blocks', () => {
    const result = evaluateExposureIntent(network, intent(['0.0.0.0/1', '128.0.0.0/1']), everyone);
    expect(result).toMatchObject({ status: 'pass', violations: [] });
  });

  it('reports a concrete ENI once, with its trace, not again as a /32 block', () => {
    const result = evaluateExposureIntent(network, intent(['10.0.2.0/24']));
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]!.source).toEqual({
      kind: 'eni',
      eniId: EX.clientEni,
      address: '10.0.1.25',
    });
    expect(result.violations[0]!.proof?.verdict).toBe('reachable');
  });

  it('passes on the fallback when the reaching ENI is inside the allowed block, and says what it covered', () => {
    const result = evaluateExposureIntent(network, intent(['10.0.1.25/32']), snapshotEniSources);
    expect(result.status).toBe('pass');
    expect(result.message).toContain('of the sources in the snapshot');
    expect(result.limitations).toEqual([
      expect.objectContaining({ code: 'SOURCES_LIMITED_TO_SNAPSHOT', component: EX.endpoint }),
    ]);
  });
});

describe('the snapshot-ENI fallback', () => {
  it('traces a planned ENI from the address that stands in for it', () => {
    const docs = privateLinkDocs();
    const client = item(docs, 'NetworkInterfaces', IDS.clientEni);
    delete client.PrivateIpAddress;
    delete client.PrivateIpAddresses;
    client.TagSet = [{ Key: ADDRESS_UNKNOWN_TAG, Value: 'planned' }];
    const planned = networkOf(docs);
    const result = evaluateExposureIntent(
      planned,
      { ...intent(['10.0.2.0/24']), to: { ...intent([]).to, selectors: [IDS.endpoint] } },
      snapshotEniSources,
    );
    expect(result.status).toBe('fail');
    expect(result.violations[0]?.source).toMatchObject({
      kind: 'eni',
      eniId: IDS.clientEni,
      address: '10.0.1.4',
    });
  });
});
