import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachMatrix } from '../../../src/analysis/reach/matrix.js';
import { reachTo } from '../../../src/analysis/reach/reach.js';
import { reachFrom } from '../../../src/analysis/reach/reach-from.js';
import { traceFlow } from '../../../src/analysis/trace.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';
import {
  aclEntry,
  IDS,
  item,
  networkOf,
  privateLinkDocs,
  tcpRule,
  withNlbGroup,
} from '../../fixtures/privatelink-network.js';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const ENDPOINT = 'vpce-07a5c64d82c04e64b';
const example = (name: string) => buildNetwork(loadSnapshot(join(EXAMPLES, name)));

describe('reach --to', () => {
  it('the bundled correct example admits exactly the client subnet on the service port', () => {
    const result = reachTo(example('privatelink'), { to: ENDPOINT });
    expect(result.admitted).toEqual([{ cidrs: ['10.0.1.0/24'], protocol: 'tcp', ports: ['443'] }]);
    expect(result.sources.map((s) => s.instanceId)).toEqual(['i-0732e91f550b85803']);
  });

  it('admits nothing when the provider side blocks everything', () => {
    expect(reachTo(example('broken/targets-admit-client-cidr'), { to: ENDPOINT }).admitted).toEqual(
      [],
    );
    expect(reachTo(example('broken/nlb-nacl-no-return'), { to: ENDPOINT }).admitted).toEqual([]);
    expect(
      reachTo(example('broken/endpoint-pending-acceptance'), { to: ENDPOINT }).admitted,
    ).toEqual([]);
  });

  it('is narrowed by the NLB inbound groups judged against the client, with enforcement on', () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [tcpRule(443, 443, ['10.0.1.0/25'])]);
    expect(reachTo(networkOf(docs), { to: IDS.endpoint }).admitted).toEqual([
      { cidrs: ['10.0.1.0/25'], protocol: 'tcp', ports: ['443'] },
    ]);
  });

  it('sources in the endpoint subnet skip its NACL; others must pass it both ways', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.endpointSg).IpPermissions = [
      tcpRule(443, 443, ['10.0.0.0/16']),
    ];
    const [admitted] = reachTo(networkOf(docs), { to: IDS.endpoint }).admitted;
    // the other subnets of the VPC meet the endpoint subnet's NACL, which admits only 10.0.1.0/24;
    // inside the endpoint subnets every address gets in, except the endpoint ENIs themselves,
    // which never open a flow
    expect(admitted).toMatchObject({ protocol: 'tcp', ports: ['443'] });
    expect(admitted!.cidrs).toContain('10.0.1.0/24');
    expect(admitted!.cidrs).toContain('10.0.11.128/25');
    expect(admitted!.cidrs).toContain('10.0.12.128/25');
    expect(admitted!.cidrs).not.toContain('10.0.11.5/32');
    expect(admitted!.cidrs.some((c) => c.startsWith('10.0.2.'))).toBe(false);
  });

  it('a reply rule for part of the ephemeral range narrows the source ports that count', () => {
    const docs = privateLinkDocs();
    const entries = item(docs, 'NetworkAcls', IDS.endpointAcl).Entries as Record<string, unknown>[];
    entries[1] = aclEntry(100, true, 'allow', '10.0.1.0/24', [32768, 65535]);
    const network = networkOf(docs);
    expect(
      reachTo(network, { to: IDS.endpoint, sourcePorts: { from: 1024, to: 32767 } }).admitted,
    ).toEqual([]);
    expect(
      reachTo(network, { to: IDS.endpoint, sourcePorts: { from: 32768, to: 61000 } }).admitted,
    ).toHaveLength(1);
  });

  it('refuses ICMP and a load balancer reached directly with a usage error', () => {
    expect(() => reachTo(example('privatelink'), { to: ENDPOINT, protocol: 'icmp' })).toThrow(
      /not supported by reach/,
    );
  });
});

describe('reach --from and --matrix', () => {
  it('reach --from lists the endpoint and its service with the port', () => {
    const result = reachFrom(example('privatelink'), { from: 'i-0732e91f550b85803' });
    expect(result.destinations).toEqual([
      expect.objectContaining({
        destination: ENDPOINT,
        kind: 'vpc-endpoint',
        service: 'vpce-svc-0a2feefb9af2299c6',
        reaches: [expect.objectContaining({ protocol: 'tcp', ports: ['443'] })],
      }),
    ]);
  });

  it('every matrix cell agrees with trace on the ports it lists and on a port it does not', () => {
    const network = networkOf(privateLinkDocs());
    const matrix = reachMatrix(network, {});
    expect(matrix.cells.length).toBeGreaterThan(0);
    for (const cell of matrix.cells) {
      const members = matrix.classes.find((c) => c.id === cell.class)!.members;
      for (const eniId of members) {
        const port = Number(cell.reaches[0]!.ports[0]!.split('-')[0]);
        expect(traceFlow(network, { from: eniId, to: cell.destination, port }).verdict).not.toBe(
          'unreachable',
        );
        expect(traceFlow(network, { from: eniId, to: cell.destination, port: 9 }).verdict).toBe(
          'unreachable',
        );
      }
    }
  });
});
