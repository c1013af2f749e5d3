import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { checkExample, EX, EXAMPLES, intentYaml } from './helpers.js';

const expectations = JSON.parse(readFileSync(join(EXAMPLES, 'expectations.json'), 'utf8')) as {
  question: { from: string; to: string; port: number };
  examples: Array<{ name: string; snapshot: string; verdict: string }>;
};
const q = expectations.question;
const FLOW = `{ from: ${q.from}, to: ${q.to}, port: ${q.port}, protocol: tcp }`;

describe('reachable and unreachable on every bundled example', () => {
  it.each(expectations.examples)(
    '$name: the intents agree with the expected trace verdict',
    (example) => {
      const result = checkExample(
        example.snapshot,
        `intents:\n  - name: reaches\n    reachable: ${FLOW}\n  - name: closed\n    unreachable: ${FLOW}\n`,
      );
      const [reachable, unreachable] = result.results;
      expect(reachable!.status).toBe(example.verdict === 'reachable' ? 'pass' : 'fail');
      expect(unreachable!.status).toBe(example.verdict === 'unreachable' ? 'pass' : 'fail');
      expect(result.failed).toBe(example.verdict === 'partially-reachable' ? 2 : 1);
    },
  );
});

describe('reachable', () => {
  it('passes on the correct network with the one pair reachable', () => {
    const result = checkExample('privatelink', intentYaml('reachable', FLOW));
    expect(result.results[0]).toMatchObject({
      status: 'pass',
      pairs: [
        { from: EX.client, to: EX.endpoint, verdict: 'reachable', blocked: [], evidence: [] },
      ],
    });
  });

  it('fails with the blocking rule when the client NACL admits only part of the replies', () => {
    const [result] = checkExample(
      'broken/client-nacl-narrow-return',
      intentYaml('reachable', FLOW),
    ).results;
    expect(result!.status).toBe('fail');
    expect(result!.message).toMatch(/^partially-reachable: /);
    const [pair] = result!.pairs;
    expect(pair!.blocked).toEqual([
      expect.objectContaining({
        kind: 'network-acl',
        component: EX.clientAcl,
        path: 'return',
        rule: '*',
        ports: [{ from: 1024, to: 32767 }],
      }),
    ]);
    expect(pair!.evidence).toHaveLength(4);
  });

  it('fails naming the endpoint group when it admits the wrong port', () => {
    const [result] = checkExample(
      'broken/endpoint-sg-wrong-port',
      intentYaml('reachable', FLOW),
    ).results;
    expect(result!.pairs[0]!.blocked.map((b) => [b.kind, b.component, b.code])).toEqual([
      ['security-group', EX.endpointEni1, 'ENI_SG_RULES_MISMATCH'],
      ['security-group', EX.endpointEni2, 'ENI_SG_RULES_MISMATCH'],
    ]);
  });

  it('needs every pair: a CIDR source that includes the endpoint ENIs fails for those ENIs', () => {
    const body = `{ from: 10.0.0.0/16, to: ${EX.endpoint}, port: 443 }`;
    const [result] = checkExample('privatelink', intentYaml('reachable', body)).results;
    expect(result!.pairs.map((p) => [p.from, p.verdict])).toEqual([
      [EX.endpointEni2, 'unreachable'],
      [EX.endpointEni1, 'unreachable'],
      [EX.clientEni, 'reachable'],
    ]);
    expect(result!.status).toBe('fail');
    expect(result!.message).toMatch(/^2 of 3 pairs fail; /);
  });

  it('expands a tag glob to every matching instance and checks each pair', () => {
    const body = `{ from: ${EX.client}, to: 'tag:Name=orders-?', port: 8443 }`;
    const [result] = checkExample('privatelink', intentYaml('unreachable', body)).results;
    expect(result!.pairs.map((p) => p.to)).toEqual([EX.target1, EX.target2]);
    expect(result!.status).toBe('pass');
  });
});

describe('unreachable', () => {
  it('passes for a port nothing admits', () => {
    const body = `{ from: ${EX.client}, to: ${EX.endpoint}, port: 22 }`;
    const [result] = checkExample('privatelink', intentYaml('unreachable', body)).results;
    expect(result!.status).toBe('pass');
  });

  it('fails with the path that gets through', () => {
    const [result] = checkExample('privatelink', intentYaml('unreachable', FLOW)).results;
    expect(result!.status).toBe('fail');
    const [pair] = result!.pairs;
    expect(pair!.evidence.map((path) => path.verdict)).toEqual(Array(4).fill('reachable'));
    expect(pair!.evidence[0]!.waypoints.source.eniId).toBe(EX.clientEni);
  });

  it('fails when the flow gets through only for some client ports', () => {
    const [result] = checkExample(
      'broken/client-nacl-narrow-return',
      intentYaml('unreachable', FLOW),
    ).results;
    expect(result!.status).toBe('fail');
    expect(result!.pairs[0]!.evidence.every((p) => p.verdict === 'partially-reachable')).toBe(true);
  });

  it('passes when the endpoint is pending acceptance', () => {
    const [result] = checkExample(
      'broken/endpoint-pending-acceptance',
      intentYaml('unreachable', FLOW),
    ).results;
    expect(result!.status).toBe('pass');
  });
});

describe('only', () => {
  it('passes when the only source that reaches the endpoint is in the allowed subnet', () => {
    const body = `{ to: ${EX.endpoint}, port: 443, protocol: tcp, sources: [10.0.1.0/24] }`;
    const [result] = checkExample('privatelink', intentYaml('only', body)).results;
    expect(result).toMatchObject({ status: 'pass', violations: [] });
    // the symbolic engine covers every address, not only the snapshot's ENIs
    expect(result!.limitations.map((l) => l.code)).not.toContain('SOURCES_LIMITED_TO_SNAPSHOT');
  });

  it('fails naming the source, its ports and the trace that proves it', () => {
    const body = `{ to: ${EX.endpoint}, ports: 1-1000, protocol: tcp, sources: [10.0.2.0/24] }`;
    const [result] = checkExample('privatelink', intentYaml('only', body)).results;
    expect(result!.status).toBe('fail');
    expect(result!.violations).toEqual([
      expect.objectContaining({
        source: { kind: 'eni', eniId: EX.clientEni, address: '10.0.1.25' },
        to: EX.endpoint,
        protocol: 'tcp',
        ports: [{ from: 443, to: 443 }],
      }),
    ]);
    const proof = result!.violations[0]!.proof!;
    expect(proof).toMatchObject({
      from: EX.clientEni,
      to: EX.endpoint,
      port: 443,
      verdict: 'reachable',
    });
    expect(proof.paths).toHaveLength(4);
    expect(result!.message).toBe(
      `${EX.clientEni} (10.0.1.25), outside 10.0.2.0/24, reaches ${EX.endpoint} on tcp 443`,
    );
  });

  it('counts a source that gets through for only part of its client ports', () => {
    const body = `{ to: ${EX.endpoint}, port: 443, sources: [10.9.0.0/16] }`;
    const [result] = checkExample(
      'broken/client-nacl-narrow-return',
      intentYaml('only', body),
    ).results;
    expect(result!.violations.map((v) => [v.protocol, v.proof?.verdict])).toEqual([
      ['tcp', 'partially-reachable'],
    ]);
  });

  it('passes when the endpoint group admits no one on the service port', () => {
    const body = `{ to: ${EX.endpoint}, sources: [10.9.0.0/16] }`;
    const [result] = checkExample('broken/endpoint-default-sg', intentYaml('only', body)).results;
    expect(result!.status).toBe('pass');
  });
});

describe('not-exposed', () => {
  it('passes for targets that only the load balancer reaches', () => {
    const body = `{ to: 'tag:Name=orders-?', outside: [10.1.0.0/16] }`;
    const [result] = checkExample('privatelink', intentYaml('not-exposed', body)).results;
    expect(result!.status).toBe('pass');
  });

  it('passes when a target admits a client subnet whose clients live in another VPC', () => {
    // Only sources that exist are traced: the client lives in another VPC, so even the broken
    // rule admits no one the snapshot holds; the intent passes and says why.
    const body = `{ to: ${EX.target1}, outside: [10.1.0.0/16] }`;
    const [result] = checkExample(
      'broken/targets-admit-client-cidr',
      intentYaml('not-exposed', body),
    ).results;
    expect(result!.status).toBe('pass');
    expect(result!.limitations[0]!.detail).toMatch(/addresses outside the snapshot/);
  });

  it('fails for the endpoint when the allowed space leaves out the client', () => {
    const body = `{ to: ${EX.service}, outside: [192.168.0.0/16], protocol: all }`;
    const [result] = checkExample('privatelink', intentYaml('not-exposed', body)).results;
    expect(result!.status).toBe('fail');
    expect(result!.violations.map((v) => [v.protocol, v.ports])).toEqual([
      ['tcp', [{ from: 443, to: 443 }]],
    ]);
  });
});

describe('selectors that name nothing', () => {
  const cases = [
    [
      'an unknown instance',
      `{ from: i-0000000000000000, to: ${EX.endpoint}, port: 443 }`,
      'intents.yaml:3:24: intents[0].reachable.from "i-0000000000000000" matches nothing in the snapshot',
    ],
    [
      'a tag no resource carries',
      `{ from: ${EX.client}, to: 'tag:Team=nobody', port: 443 }`,
      `intents.yaml:3:49: intents[0].reachable.to "tag:Team=nobody" matches nothing in the snapshot`,
    ],
    [
      'a CIDR with no ENI in it',
      `{ from: 172.16.0.0/12, to: ${EX.endpoint}, port: 443 }`,
      'intents.yaml:3:24: intents[0].reachable.from "172.16.0.0/12" matches nothing in the snapshot',
    ],
    [
      'a malformed tag selector',
      `{ from: 'tag:Name', to: ${EX.endpoint}, port: 443 }`,
      'intents.yaml:3:24: intents[0].reachable.from "tag:Name" is not a tag selector',
    ],
  ] as const;

  it.each(cases)('%s is an input error at its line', (_what, body, message) => {
    const run = () => checkExample('privatelink', intentYaml('reachable', body));
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});

describe('icmp', () => {
  it('holds an unreachable intent for ping to an interface endpoint, which carries only TCP and UDP', () => {
    const body = `{ from: ${EX.client}, to: ${EX.endpoint}, protocol: icmp }`;
    const [result] = checkExample('privatelink', intentYaml('unreachable', body)).results;
    expect(result).toMatchObject({
      status: 'pass',
      message: `${EX.client} → ${EX.endpoint}: unreachable on icmp echo`,
    });
  });
});
