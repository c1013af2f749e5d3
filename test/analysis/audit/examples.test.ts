import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditNetwork } from '../../../src/analysis/audit/audit.js';
import { atLeast } from '../../../src/analysis/audit/finding.js';
import { loadNetwork } from '../../../src/cli/load.js';

const EXAMPLES = join(import.meta.dirname, '../../../examples');

function auditExample(name: string) {
  return auditNetwork(loadNetwork(join(EXAMPLES, name)));
}

describe('audit of the bundled examples', () => {
  it('finds nothing at medium or above in the correct network', () => {
    const result = auditExample('privatelink');
    expect(result.findings.filter((f) => atLeast(f.severity, 'medium'))).toEqual([]);
    expect(result.counts.high + result.counts.medium).toBe(0);
  });

  it.each([
    ['broken/client-nacl-narrow-return', 'RETURN_PATH_PARTIAL', 'acl-07adee8b9317c2ef8'],
    ['broken/client-nacl-no-return', 'RETURN_PATH_BLOCKED', 'acl-07adee8b9317c2ef8'],
    ['broken/endpoint-nacl-no-return', 'RETURN_PATH_BLOCKED', 'acl-026454f323bcc20f3'],
    ['broken/endpoint-nacl-deny-shadows-443', 'NACL_ENTRY_SHADOWED', 'acl-026454f323bcc20f3'],
    ['broken/endpoint-default-sg', 'ENDPOINT_DEFAULT_SECURITY_GROUP', 'vpce-07a5c64d82c04e64b'],
    ['broken/targets-admit-client-cidr', 'TARGET_SG_ADMITS_CLIENTS', 'sg-04b1f9ab1787f0859'],
    ['broken/targets-admit-own-zone-node', 'TARGET_NODE_NOT_ADMITTED', 'eni-073856d5383d4d2ac'],
    ['broken/nlb-nacl-no-return', 'NLB_SUBNET_NO_RETURN', 'acl-099d1be81a91e6dac'],
    ['broken/health-check-port-not-admitted', 'HEALTH_CHECK_BLOCKED', 'acl-099d1be81a91e6dac'],
    [
      'broken/cross-zone-off-one-zone',
      'CROSS_ZONE_OFF_ZONE_WITHOUT_HEALTHY_TARGET',
      'arn:aws:elasticloadbalancing:us-east-1:222222222222:loadbalancer/net/orders-nlb/7ee57e2d3667d233',
    ],
  ])('%s yields %s on %s', (example, code, resource) => {
    const found = auditExample(example).findings.filter((f) => f.code === code);
    expect(found.map((f) => f.resource)).toContain(resource);
  });
});
