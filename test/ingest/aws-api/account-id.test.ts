import { describe, expect, test } from 'vitest';
import { inferAccountId } from '../../../src/ingest/aws-api/account-id.js';

describe('inferAccountId', () => {
  test('prefers the owner of the security groups over the owner of a shared VPC', () => {
    const lists = {
      Vpcs: [{ VpcId: 'vpc-shared', OwnerId: '999999999999' }],
      SecurityGroups: [{ GroupId: 'sg-1', OwnerId: '111122223333' }],
    };
    expect(inferAccountId([lists])).toBe('111122223333');
  });

  test('takes the most frequent owner across regions, then falls back to VPC owners', () => {
    const east = { SecurityGroups: [{ OwnerId: '111111111111' }, { OwnerId: '222222222222' }] };
    const west = { SecurityGroups: [{ OwnerId: '222222222222' }] };
    expect(inferAccountId([east, west])).toBe('222222222222');
    expect(inferAccountId([{ Vpcs: [{ OwnerId: '333333333333' }] }])).toBe('333333333333');
  });

  test('is undefined when no region returned a group or a VPC', () => {
    expect(inferAccountId([{}, { SecurityGroups: [] }])).toBeUndefined();
  });
});
