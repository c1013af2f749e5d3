import { describe, expect, it } from 'vitest';
import { parseIntents } from '../../../src/analysis/check/check.js';
import { InputError } from '../../../src/errors.js';

const FILE = [
  'intents:',
  '  - name: client reaches the orders service',
  '    reachable: { from: i-0abc, to: vpce-0def, port: 443, protocol: tcp }',
  '  - name: ssh to the endpoint stays closed',
  '    unreachable: { from: [i-0abc, eni-0123], to: vpce-0def, port: 22 }',
  '  - name: only the client subnet reaches the service',
  '    only: { to: vpce-0def, port: 443, protocol: tcp, sources: [10.0.1.0/24] }',
  '  - name: nothing outside the company reaches the targets',
  "    not-exposed: { to: 'tag:Name=orders-*', outside: [10.0.0.0/8], ports: 1024-2048 }",
  '',
].join('\n');

function errorOf(text: string, file = 'intents.yaml'): InputError {
  try {
    parseIntents(text, file);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('parseIntents accepted the file');
}

describe('parseIntents', () => {
  it('reads every intent kind with its line and column', () => {
    const intents = parseIntents(FILE, 'intents.yaml');
    expect(intents.map((i) => [i.kind, i.location.line, i.location.column])).toEqual([
      ['reachable', 2, 5],
      ['unreachable', 4, 5],
      ['only', 6, 5],
      ['not-exposed', 8, 5],
    ]);
  });

  it('takes a selector list and defaults the protocol of a flow intent to tcp', () => {
    const [, unreachable] = parseIntents(FILE, 'intents.yaml');
    expect(unreachable).toMatchObject({
      kind: 'unreachable',
      protocol: 'tcp',
      port: 22,
      from: { selectors: ['i-0abc', 'eni-0123'], field: 'intents[1].unreachable.from' },
      to: { selectors: ['vpce-0def'], location: { line: 5 } },
    });
  });

  it('defaults an exposure intent to tcp, udp and icmp over every port, and reads a port range', () => {
    const [, , only, notExposed] = parseIntents(FILE, 'intents.yaml');
    expect(only).toMatchObject({ protocols: ['tcp'], ports: { from: 443, to: 443 } });
    expect(notExposed).toMatchObject({
      protocols: ['tcp', 'udp', 'icmp'],
      ports: { from: 1024, to: 2048 },
      allowed: [{ prefixLength: 8 }],
    });
  });

  it('reads the same intents from JSON', () => {
    const json = JSON.stringify({
      intents: [{ name: 'a', reachable: { from: 'i-0abc', to: 'vpce-0def', port: 443 } }],
    });
    expect(parseIntents(json, 'intents.json')).toMatchObject([{ kind: 'reachable', port: 443 }]);
  });

  it('names file, line, column, field and value of a port that is not a number', () => {
    const text = FILE.replace('port: 22', 'port: https');
    expect(errorOf(text).message).toBe(
      'intents.yaml:5:67: intents[1].unreachable.port "https" must be a port number 0-65535',
    );
  });

  it('rejects a port above 65535 on its own line of a block mapping', () => {
    const text =
      'intents:\n  - name: a\n    reachable:\n      from: i-0abc\n      to: vpce-0\n      port: 70000\n';
    expect(errorOf(text).message).toBe(
      'intents.yaml:6:13: intents[0].reachable.port 70000 must be a port number 0-65535',
    );
  });

  it('gives the line of a YAML syntax error', () => {
    const text = 'intents:\n  - name: a\n    reachable: { from: i-0abc, to: [vpce-0, port: 443 }\n';
    const error = errorOf(text);
    expect(error.message).toMatch(/^intents\.yaml:3:\d+: is not valid YAML: /);
    expect(error.message).not.toContain('\n');
  });

  it('names an unknown intent kind at its key and lists the kinds', () => {
    const text = 'intents:\n  - name: a\n    reach: { from: i-0abc, to: vpce-0, port: 443 }\n';
    expect(errorOf(text).message).toBe(
      'intents.yaml:3:5: intents[0].reach is not an intent kind: use one of reachable, unreachable, only, not-exposed',
    );
  });

  it('rejects an intent with two kinds', () => {
    const text = `${FILE}    only: { to: x, sources: [10.0.0.0/8] }\n`;
    expect(errorOf(text).message).toBe(
      'intents.yaml:8:5: intents[3] names only and not-exposed: give exactly one kind per intent',
    );
  });

  it('requires a port for tcp and udp but not for icmp', () => {
    const tcp = 'intents:\n  - name: a\n    reachable: { from: i-0abc, to: vpce-0 }\n';
    expect(errorOf(tcp).message).toBe(
      'intents.yaml:3:16: intents[0].reachable.port is required for tcp',
    );
    const icmp =
      'intents:\n  - name: a\n    reachable: { from: i-0abc, to: eni-0, protocol: icmp }\n';
    expect(parseIntents(icmp, 'f.yaml')).toMatchObject([{ protocol: 'icmp', port: undefined }]);
  });

  it('explains a CIDR without a prefix length and suggests the /32', () => {
    const text = 'intents:\n  - name: a\n    only: { to: vpce-0, sources: [10.0.1.5] }\n';
    const error = errorOf(text);
    expect(error.message).toBe(
      'intents.yaml:3:35: intents[0].only.sources[0] "10.0.1.5" is not a CIDR block: the prefix length is missing',
    );
    expect(error.details.hint).toBe('write 10.0.1.5/32 for one address');
  });

  it('rejects an unknown field inside an intent', () => {
    const text =
      'intents:\n  - name: a\n    reachable: { from: i-0abc, to: vpce-0, port: 443, proto: tcp }\n';
    expect(errorOf(text).message).toBe(
      'intents.yaml:3:55: intents[0].reachable.proto is not a field vpcreach knows here',
    );
  });

  it('rejects an empty file and a file without intents', () => {
    expect(errorOf('').message).toBe('intents.yaml:1:1: must be a mapping with an `intents` list');
    expect(errorOf('intents: []\n').message).toBe(
      'intents.yaml:1:10: intents must list at least one intent',
    );
  });

  it('rejects port and ports together on an exposure intent', () => {
    const text =
      'intents:\n  - name: a\n    only: { to: x, port: 1, ports: 1-2, sources: [10.0.0.0/8] }\n';
    expect(errorOf(text).message).toBe(
      'intents.yaml:3:36: intents[0].only.ports "1-2" cannot be given together with port: use one of them',
    );
  });

  it('rejects two intents with the same name, which JUnit and SARIF could not tell apart', () => {
    const entry = '  - name: a\n    only: { to: x, sources: [10.0.0.0/8] }\n';
    expect(errorOf(`intents:\n${entry}${entry}`).message).toBe(
      'intents.yaml:4:11: intents[1].name "a" repeats the name of intents[0]: give each intent its own name',
    );
  });
});
