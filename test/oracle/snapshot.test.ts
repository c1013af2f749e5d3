import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRaw, toOracleSnapshot } from './snapshot.js';

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value));
}

describe('oracle snapshot reader', () => {
  it('merges every describe-* file of a tree by top-level key, accounts subtrees included', () => {
    const root = mkdtempSync(join(tmpdir(), 'oracle-snapshot-'));
    const consumer = join(root, 'accounts', '111122223333', 'us-east-1');
    const provider = join(root, 'accounts', '444455556666', 'us-east-1');
    mkdirSync(consumer, { recursive: true });
    mkdirSync(provider, { recursive: true });
    writeJson(join(consumer, 'Vpcs.json'), { Vpcs: [{ VpcId: 'vpc-1' }] });
    writeJson(join(provider, 'Vpcs.json'), { Vpcs: [{ VpcId: 'vpc-2' }] });
    writeJson(join(consumer, 'AvailabilityZones.json'), {
      AvailabilityZones: [{ ZoneName: 'us-east-1a', ZoneId: 'use1-az1' }],
    });
    writeJson(join(provider, 'AvailabilityZones.json'), {
      AvailabilityZones: [{ ZoneName: 'us-east-1a', ZoneId: 'use1-az6' }],
    });
    writeFileSync(join(provider, 'notes.txt'), 'not json');
    const snapshot = toOracleSnapshot(loadRaw(root));
    expect(snapshot.vpcs.map((v) => v.VpcId).sort()).toEqual(['vpc-1', 'vpc-2']);
    expect(snapshot.zones).toEqual(
      expect.arrayContaining([
        { ZoneName: 'us-east-1a', ZoneId: 'use1-az1', account: '111122223333' },
        { ZoneName: 'us-east-1a', ZoneId: 'use1-az6', account: '444455556666' },
      ]),
    );
  });

  it('flattens the per-ARN wrappers and adds interfaces described only inside instances', () => {
    const raw = {
      LoadBalancerAttributes: [
        {
          LoadBalancerArn: 'arn:lb',
          Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }],
        },
      ],
      LoadBalancerTargetHealth: [
        {
          TargetGroupArn: 'arn:tg',
          TargetHealthDescriptions: [{ Target: { Id: 'i-1', Port: 80 } }],
        },
      ],
      LoadBalancerListeners: [
        { LoadBalancerArn: 'arn:lb', Listeners: [{ Port: 80, Protocol: 'TCP' }] },
      ],
      PrefixLists: [{ PrefixListId: 'pl-1' }],
      PrefixListEntries: [{ PrefixListId: 'pl-1', Entries: [{ Cidr: '10.0.0.0/8' }] }],
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-1',
              NetworkInterfaces: [
                {
                  NetworkInterfaceId: 'eni-1',
                  SubnetId: 'subnet-1',
                  Attachment: { DeviceIndex: 0 },
                },
              ],
            },
          ],
        },
      ],
    };
    const snapshot = toOracleSnapshot(loadRaw(raw));
    expect(
      snapshot.loadBalancerAttributes.get('arn:lb')?.get('load_balancing.cross_zone.enabled'),
    ).toBe('true');
    expect(snapshot.targetHealth.get('arn:tg')?.[0]?.Target.Id).toBe('i-1');
    expect(snapshot.listeners).toEqual([
      { loadBalancerArn: 'arn:lb', listener: { Port: 80, Protocol: 'TCP' } },
    ]);
    expect(snapshot.prefixLists).toEqual([{ PrefixListId: 'pl-1', cidrs: ['10.0.0.0/8'] }]);
    expect(snapshot.enis[0]?.Attachment).toEqual({ DeviceIndex: 0, InstanceId: 'i-1' });
  });
});
