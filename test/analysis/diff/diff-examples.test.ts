import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DiffResult, diffNetworks } from '../../../src/analysis/diff/diff.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const ENDPOINT = 'vpce-07a5c64d82c04e64b';
const CLIENT_ENI = 'eni-0d6a3d84f597824be';
const load = (name: string) => buildNetwork(loadSnapshot(join(EXAMPLES, name)));
const correct = load('privatelink');

interface Expectation {
  readonly name: string;
  readonly snapshot: string;
  readonly verdict: string;
}
const expectations = (
  JSON.parse(readFileSync(join(EXAMPLES, 'expectations.json'), 'utf8')) as {
    examples: Expectation[];
  }
).examples;
const broken = expectations.filter((e) => e.snapshot.startsWith('broken/'));

function flowsTo(result: DiffResult, destination: string) {
  return result.destinations.find((d) => d.destination === destination)?.flows ?? [];
}

function causesOf(result: DiffResult, destination: string, change: 'opened' | 'closed') {
  const ids = new Set(
    flowsTo(result, destination)
      .filter((f) => f.change === change)
      .flatMap((f) => f.causes),
  );
  return result.changes.filter((c) => ids.has(c.id));
}

describe('diff between each broken example and the correct one', () => {
  for (const example of broken.filter((e) => e.verdict !== 'reachable')) {
    it(`${example.name}: finds flows both ways, since the verdicts differ`, () => {
      const bad = load(example.snapshot);
      const fixing = diffNetworks(bad, correct);
      const breaking = diffNetworks(correct, bad);
      expect(fixing.summary.opened).toBeGreaterThan(0);
      expect(breaking.summary.closed).toBeGreaterThan(0);
    });
  }

  it('a variant with the same verdict (health checks fail open) opens and closes nothing', () => {
    const bad = load('broken/health-check-port-not-admitted');
    const result = diffNetworks(correct, bad);
    expect(result.destinations).toEqual([]);
    expect(result.changes.map((c) => c.field)).toEqual(['HealthCheck']);
  });

  it('endpoint-sg-wrong-port: fixing opens tcp 443 from the client subnet, by the added rule', () => {
    const result = diffNetworks(load('broken/endpoint-sg-wrong-port'), correct);
    expect(flowsTo(result, ENDPOINT)).toMatchObject([
      {
        change: 'opened',
        origin: 'destination-side',
        protocol: 'tcp',
        ports: ['443'],
        sources: { cidrs: ['10.0.1.0/24'], enis: [CLIENT_ENI] },
      },
    ]);
    expect(causesOf(result, ENDPOINT, 'opened')).toMatchObject([
      { kind: 'security-group-rule', change: 'added', after: 'tcp 443 from 10.0.1.0/24' },
    ]);
  });

  it('endpoint-nacl-no-return: breaking closes 443 by the removed reply entry, and the trace names it', () => {
    const result = diffNetworks(correct, load('broken/endpoint-nacl-no-return'));
    const [flow, ...rest] = flowsTo(result, ENDPOINT);
    expect(rest).toEqual([]);
    expect(flow).toMatchObject({ change: 'closed', protocol: 'tcp', ports: ['443'] });
    expect(causesOf(result, ENDPOINT, 'closed')).toMatchObject([
      { kind: 'network-acl-entry', direction: 'egress', ruleNumber: 100, change: 'removed' },
    ]);
    expect(flow!.trace).toMatchObject({ from: CLIENT_ENI, port: 443, verdict: 'unreachable' });
    expect(flow!.trace!.blocked).toContainEqual(
      expect.objectContaining({ kind: 'network-acl', path: 'return', rule: '*' }),
    );
  });

  it('client-sg-no-egress: the flow is the sender’s own, explained by its egress rule', () => {
    const opened = diffNetworks(load('broken/client-sg-no-egress'), correct);
    expect(flowsTo(opened, ENDPOINT)).toMatchObject([
      { change: 'opened', origin: 'sender-side', sources: { cidrs: ['10.0.1.25/32'] } },
    ]);
    expect(causesOf(opened, ENDPOINT, 'opened')).toMatchObject([
      { kind: 'security-group-rule', direction: 'egress', change: 'added' },
    ]);
    const closed = diffNetworks(correct, load('broken/client-sg-no-egress'));
    expect(flowsTo(closed, ENDPOINT)[0]!.trace).toMatchObject({ verdict: 'unreachable' });
  });

  it('client-nacl-narrow-return: closes only the client source ports its reply entry drops', () => {
    const result = diffNetworks(correct, load('broken/client-nacl-narrow-return'));
    const [flow] = flowsTo(result, ENDPOINT);
    expect(flow).toMatchObject({ change: 'closed', sources: { enis: [CLIENT_ENI] } });
    expect(causesOf(result, ENDPOINT, 'closed').map((c) => c.kind)).toEqual([
      'network-acl-entry',
      'network-acl-entry',
    ]);
    expect(flow!.trace!.verdict).toBe('partially-reachable');
  });

  it('listener-port-mismatch: attributes the flow to the listener change on the provider side', () => {
    const result = diffNetworks(correct, load('broken/listener-port-mismatch'));
    expect(causesOf(result, ENDPOINT, 'closed')).toMatchObject([
      { kind: 'resource', field: 'Listeners', change: 'changed' },
    ]);
    expect(flowsTo(result, ENDPOINT)[0]!.trace!.blocked[0]!.code).toBe('ELBV2_LISTENERS_MISMATCH');
  });

  it('endpoint-pending-acceptance: the endpoint state and the connection explain it', () => {
    const result = diffNetworks(load('broken/endpoint-pending-acceptance'), correct);
    expect(causesOf(result, ENDPOINT, 'opened').map((c) => c.field)).toEqual([
      'State',
      'Connections',
    ]);
  });

  it('endpoint-nacl-deny-shadows-443: the deny entry 50 explains both directions', () => {
    for (const result of [
      diffNetworks(correct, load('broken/endpoint-nacl-deny-shadows-443')),
      diffNetworks(load('broken/endpoint-nacl-deny-shadows-443'), correct),
    ]) {
      const changes = [
        ...causesOf(result, ENDPOINT, 'closed'),
        ...causesOf(result, ENDPOINT, 'opened'),
      ];
      expect(changes).toMatchObject([{ kind: 'network-acl-entry', ruleNumber: 50 }]);
    }
  });

  it('cross-zone-off-one-zone: closes the flow to the one endpoint ENI whose zone has no target', () => {
    const result = diffNetworks(correct, load('broken/cross-zone-off-one-zone'));
    expect(flowsTo(result, ENDPOINT)).toMatchObject([
      { change: 'closed', ports: ['443'], toAddresses: ['10.0.12.74'], paths: null },
    ]);
    expect(causesOf(result, ENDPOINT, 'closed').map((c) => c.field)).toContain('CrossZone');
  });

  it('a snapshot compared with itself has no change and no flow', () => {
    const result = diffNetworks(correct, load('privatelink'));
    expect(result.summary).toEqual({ opened: 0, closed: 0, destinations: 0, changes: 0 });
  });

  it('--to limits the comparison to the named destinations', () => {
    const bad = load('broken/endpoint-nacl-no-return');
    expect(diffNetworks(correct, bad).summary.destinations).toBe(1);
    expect(diffNetworks(correct, bad, { to: ['eni-0d6a3d84f597824be'] }).destinations).toEqual([]);
    const only = diffNetworks(correct, bad, { to: [ENDPOINT] });
    expect(only.destinations.map((d) => d.destination)).toEqual([ENDPOINT]);
    expect(() => diffNetworks(correct, bad, { to: ['eni-0000000000000dead'] })).toThrow(
      /matches nothing in either snapshot/,
    );
  });

  it('targets-admit-own-zone-node: names the provider paths that close while others still work', () => {
    const result = diffNetworks(correct, load('broken/targets-admit-own-zone-node'));
    const [flow, ...rest] = flowsTo(result, ENDPOINT);
    expect(rest).toEqual([]);
    expect(flow).toMatchObject({
      change: 'closed',
      ports: ['443'],
      sources: { enis: [CLIENT_ENI] },
    });
    // Each endpoint ENI reaches its zone's node, which now reaches only the target of its zone.
    expect(flow!.paths).toHaveLength(2);
    expect(flow!.paths!.every((p) => /^eni-\w+ → eni-\w+ → i-\w+:8443$/.test(p))).toBe(true);
    expect(flow!.trace!.verdict).toBe('partially-reachable');
    expect(causesOf(result, ENDPOINT, 'closed').map((c) => c.component)).toContain(
      'sg-04b1f9ab1787f0859',
    );
  });
});
