import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  elbArn,
  idBody,
  managedInterfaceId,
  placeholderId,
  placeholderKey,
} from '../../../src/ingest/iac/placeholder-ids.js';

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const instanceKey = fc.oneof(
  fc.constant(''),
  fc.nat(20).map((index) => `[${index}]`),
  fc
    .oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^\d{1,2}$/))
    .map((key) => `[${JSON.stringify(key)}]`),
);
const resourceBase = fc
  .tuple(fc.array(name, { maxLength: 2 }), name, name)
  .map(([modules, type, resource]) =>
    [...modules.map((module) => `module.${module}`), `aws_${type}.${resource}`].join('.'),
  );
const address = fc.tuple(resourceBase, instanceKey).map(([base, key]) => `${base}${key}`);

describe('placeholderId', () => {
  it('keeps the AWS prefix and writes instance keys as path steps', () => {
    expect(placeholderId('vpc', 'aws_vpc.main')).toBe('vpc-aws_vpc.main');
    expect(placeholderId('subnet', 'module.net.aws_subnet.private[1]')).toBe(
      'subnet-module.net.aws_subnet.private.1',
    );
    expect(placeholderId('sg', 'aws_security_group.app["blue green"]')).toBe(
      'sg-aws_security_group.app.blue%20green',
    );
  });

  test.prop([address, address])('gives distinct addresses distinct keys', (a, b) => {
    fc.pre(a !== b);
    expect(placeholderKey(a)).not.toBe(placeholderKey(b));
  });

  test.prop([resourceBase, instanceKey, instanceKey])(
    'gives distinct instances of one resource distinct keys (count and for_each alike)',
    (base, a, b) => {
      fc.pre(a !== b);
      expect(placeholderKey(`${base}${a}`)).not.toBe(placeholderKey(`${base}${b}`));
    },
  );

  test.prop([address])('uses only characters a shell leaves alone', (text) => {
    expect(placeholderKey(text)).toMatch(/^[A-Za-z0-9_.\-@%]+$/);
  });
});

describe('managed ENI IDs and ARNs', () => {
  it('names an endpoint ENI after its endpoint and subnet, without their prefixes', () => {
    expect(idBody('vpce-svc-0abc')).toBe('0abc');
    expect(managedInterfaceId('vpce-aws_vpc_endpoint.svc', 'subnet-aws_subnet.a')).toBe(
      'eni-aws_vpc_endpoint.svc@aws_subnet.a',
    );
  });

  it('lays out load balancer and target group ARNs as AWS does, the key in place of the ID', () => {
    const base = { region: 'eu-west-1', accountId: '111122223333', name: 'svc', key: 'aws_lb.svc' };
    expect(elbArn({ ...base, kind: 'loadbalancer' })).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/svc/aws_lb.svc',
    );
    expect(elbArn({ ...base, kind: 'targetgroup' })).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/svc/aws_lb.svc',
    );
  });
});
