import { describe, expect, it } from 'vitest';
import { inspectResource } from '../../src/analysis/inspect.js';
import { traceFlow } from '../../src/analysis/trace.js';
import { UsageError } from '../../src/errors.js';
import { copyEni, IDS, item, networkOf, privateLinkDocs } from '../fixtures/privatelink-network.js';

/** A consumer ENI that happens to use the first target's address, as overlapping VPCs do. */
function withTwin() {
  const docs = privateLinkDocs();
  copyEni(docs, IDS.clientEni, 'eni-0c00000000000twin', '10.1.11.10');
  return docs;
}

describe('an address two ENIs hold (overlapping VPCs)', () => {
  it('names neither: trace asks for the ENI, listing both', () => {
    const network = networkOf(withTwin());
    const ask = () => traceFlow(network, { from: IDS.client, to: '10.1.11.10', port: 8443 });
    expect(ask).toThrow(UsageError);
    expect(ask).toThrow(
      `10.1.11.10 is an address of several network interfaces: ${IDS.target1Eni} in vpc-0a0000000000000a1, eni-0c00000000000twin in vpc-0c0000000000000c1`,
    );
    expect(() => inspectResource(network, '10.1.11.10')).toThrow(UsageError);
  });

  it("an IP target is the ENI in the target group's VPC", () => {
    const docs = withTwin();
    const group = item(docs, 'TargetGroups', IDS.targetGroup);
    group.TargetType = 'ip';
    const health = item(docs, 'LoadBalancerTargetHealth', IDS.targetGroup);
    health.TargetHealthDescriptions = [
      { Target: { Id: '10.1.11.10', Port: 8443 }, TargetHealth: { State: 'healthy' } },
    ];
    const target = networkOf(docs).targetGroups.get(IDS.targetGroup)!.targets[0]!;
    expect(target.eniId).toBe(IDS.target1Eni);
  });
});
