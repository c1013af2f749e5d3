import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../../src/analysis/trace.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';

// The Terraform plan and the CloudFormation template describe the network of the bundled
// example (examples/privatelink). Correct and broken, they must trace like the equivalent
// describe-* snapshots: same verdict, same kind of deciding hop.

const ROOT = join(import.meta.dirname, '../../..');
const PLAN = join(ROOT, 'test/fixtures/iac/terraform/privatelink-plan.json');
const TEMPLATE = join(ROOT, 'test/fixtures/iac/cloudformation/privatelink.yaml');
const EXAMPLE_QUESTION = { from: 'i-0732e91f550b85803', to: 'vpce-07a5c64d82c04e64b', port: 443 };

const example = (name: string) =>
  traceFlow(buildNetwork(loadSnapshot(join(ROOT, 'examples', name))), EXAMPLE_QUESTION);
const planQuestion = {
  from: 'i-aws_instance.client',
  to: 'vpce-aws_vpc_endpoint.service',
  port: 443,
};

type Plan = {
  planned_values: {
    root_module: { resources: { address: string; values: Record<string, unknown> }[] };
  };
};

function planWith(change: (resources: Map<string, Record<string, unknown>>) => void): string {
  const plan = JSON.parse(readFileSync(PLAN, 'utf8')) as Plan;
  change(new Map(plan.planned_values.root_module.resources.map((r) => [r.address, r.values])));
  const path = join(mkdtempSync(join(tmpdir(), 'vpcreach-plan-')), 'plan.json');
  writeFileSync(path, JSON.stringify(plan));
  return path;
}

const shape = (result: ReturnType<typeof traceFlow>) => ({
  verdict: result.verdict,
  blocked: [
    ...new Set(
      result.blocked.map(
        (b) => `${b.kind} ${b.direction ?? ''} ${b.path} ${b.rule ?? ''} ${b.code}`,
      ),
    ),
  ].sort(),
});

describe('plans and templates trace like the equivalent describe-* snapshot', () => {
  it('the correct plan and template are reachable, as examples/privatelink is', () => {
    expect(example('privatelink').verdict).toBe('reachable');
    const plan = traceFlow(buildNetwork(loadSnapshot(PLAN)), planQuestion);
    expect(plan.verdict).toBe('reachable');
    expect(plan.limitations.map((l) => l.code)).toContain('ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT');
    const template = traceFlow(buildNetwork(loadSnapshot(TEMPLATE)), {
      from: 'i-privatelink.ClientInstance',
      to: 'vpce-privatelink.ServiceEndpoint',
      port: 443,
    });
    expect(template.verdict).not.toBe('unreachable');
  });

  it('a client NACL returning only 32768-65535 is partially reachable, as in the describe-* variant', () => {
    const path = planWith((resources) => {
      const acl = resources.get('aws_network_acl.client')!;
      (acl.ingress as Record<string, unknown>[])[0]!.from_port = 32768;
    });
    const fromPlan = shape(traceFlow(buildNetwork(loadSnapshot(path)), planQuestion));
    expect(fromPlan).toEqual(shape(example('broken/client-nacl-narrow-return')));
  });

  it('targets admitting the client subnet instead of the NLB nodes are unreachable, as in the describe-* variant', () => {
    const path = planWith((resources) => {
      const group = resources.get('aws_security_group.target')!;
      (group.ingress as Record<string, unknown>[])[0]!.cidr_blocks = ['10.0.1.0/24'];
    });
    const fromPlan = shape(traceFlow(buildNetwork(loadSnapshot(path)), planQuestion));
    expect(fromPlan).toEqual(shape(example('broken/targets-admit-client-cidr')));
  });
});
