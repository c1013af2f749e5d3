import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/analysis/trace.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';
import { quote, renderTraceDot } from '../../src/report/trace-dot.js';
import { renderTraceSvg } from '../../src/report/trace-svg.js';
import { runCli } from '../cli/capture-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const QUESTION = { from: 'i-0732e91f550b85803', to: 'vpce-07a5c64d82c04e64b', port: 443 };

function traceExample(name: string) {
  return traceFlow(buildNetwork(loadSnapshot(join(EXAMPLES, name))), QUESTION);
}

describe('renderTraceDot', () => {
  const result = traceExample('broken/client-nacl-no-return');
  const dot = renderTraceDot(result);

  it('lays the graph out left to right with one cluster per path', () => {
    expect(dot).toMatch(/^digraph trace \{\n {2}rankdir=LR;/);
    const clusters = dot.match(/subgraph cluster_p\d+ \{/g) ?? [];
    expect(clusters).toHaveLength(result.paths.length);
    expect(dot).toContain('label="Path 1 of 4: unreachable"');
  });

  it('fills the blocking hop red and names its component and deciding rule', () => {
    const blocked = dot
      .split('\n')
      .filter((line) => line.includes('fillcolor="#fdecea"') && line.includes('_r'));
    expect(blocked).toHaveLength(result.paths.length);
    expect(blocked[0]).toContain('client subnet NACL (reply ingress)');
    expect(blocked[0]).toContain('acl-07adee8b9317c2ef8');
    expect(blocked[0]).toContain('rule * deny (ports 1024-65535)');
  });

  it('fills passing hops green and labels security group hops with the rule that allowed', () => {
    const line = dot.split('\n').find((l) => l.includes('p1_f0 ['));
    expect(line).toContain('fillcolor="#e6f4ea"');
    expect(line).toContain('sg-0fb503e96996f9490 all to 0.0.0.0/0');
  });

  it('draws the request solid and the reply dashed with arrows back toward the client', () => {
    expect(dot).toContain('p1_src -> p1_f0;');
    expect(dot).toContain('p1_f9 -> p1_dst;');
    expect(dot).toContain('p1_src -> p1_r3 [style=dashed, dir=back];');
    expect(dot).toContain('p1_r0 -> p1_dst [style=dashed, dir=back];');
  });

  it('puts each reply hop in the column of the request hop at the same NACL', () => {
    // Path 1: forward f1 is the client NACL outbound, return r3 the same NACL inbound.
    expect(dot).toContain('{ rank=same; p1_f1; p1_r3; }');
    expect(dot).toContain('{ rank=same; p1_f8; p1_r0; }');
    expect(dot.match(/\{ rank=same; p1_/g)).toHaveLength(result.paths[0]!.return.length);
  });

  it('colours a hop amber when it passes only part of the ephemeral range', () => {
    const narrow = renderTraceDot(traceExample('broken/client-nacl-narrow-return'));
    expect(narrow).toContain('fillcolor="#fff4e0"');
    expect(narrow).toMatch(/~ client subnet NACL \(reply ingress\)/);
  });

  it('shortens load balancer ARNs to their kind and name', () => {
    expect(dot).toContain('listener orders-nlb');
    expect(dot).not.toMatch(/label="[^"]*arn:aws:elasticloadbalancing/);
  });
});

describe('quote', () => {
  it('escapes backslashes, quotes and line breaks for a DOT string', () => {
    expect(quote('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });
});

describe('renderTraceSvg', () => {
  it('renders the DOT to SVG offline, keeping the verdict colours', async () => {
    const svg = await renderTraceSvg(traceExample('broken/client-nacl-no-return'));
    expect(svg).toContain('<svg');
    expect(svg).toContain('fill="#fdecea"');
    expect(svg).toContain('client subnet NACL (reply ingress)');
  });
});

describe('vpcreach trace --format', () => {
  const args = ['trace', '-s', join(EXAMPLES, 'privatelink'), '--from', QUESTION.from];
  const question = [...args, '--to', QUESTION.to, '-p', '443'];

  it('prints DOT with --format dot and keeps the exit code of the verdict', async () => {
    const run = await runCli([...question, '--format', 'dot']);
    expect(run.stdout.startsWith('digraph trace {')).toBe(true);
    expect(run.exitCode).toBe(0);
  });

  it('prints the same JSON for --format json as for --json', async () => {
    const json = await runCli([...question, '--json']);
    const format = await runCli([...question, '--format', 'json']);
    expect(JSON.parse(format.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('refuses --json with another --format as a usage error', async () => {
    const run = await runCli([...question, '--json', '--format', 'dot']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--json and --format dot');
  });
});
