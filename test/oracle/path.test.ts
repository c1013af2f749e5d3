import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { AddressPool } from './arbitrary-rules.js';
import { naclEntriesArb } from './arbitrary-rules.js';
import { networkAcl } from './build.js';
import { evaluateNetworkAcl, type Packet } from './filters.js';
import { parseAddress } from './ip.js';
import { type PortRanges, passingPorts, type ReturnCheck } from './path.js';
import type { RawNetworkAcl } from './snapshot.js';

const pool: AddressPool = {
  v4Cidrs: ['10.0.0.0/16', '10.0.1.0/24', '10.0.2.0/24'],
  v6Cidrs: [],
  v4Hosts: ['10.0.1.10', '10.0.2.20'],
  v6Hosts: [],
  groupIds: [],
  prefixListIds: [],
};

const reply =
  (protocol: number) =>
  (port: number): Packet => ({
    family: 4,
    protocol,
    src: parseAddress('10.0.2.20').value,
    dst: parseAddress('10.0.1.10').value,
    srcPort: 443,
    dstPort: port,
    icmpType: 8,
    icmpCode: 0,
  });

/** The pass-set judged one port at a time, all of them. */
function portByPort(checks: ReturnCheck[], range: [number, number]): PortRanges {
  const passing: PortRanges = [];
  for (let port = range[0]; port <= range[1]; port += 1) {
    if (!checks.every((c) => evaluateNetworkAcl(c.acl, c.direction, c.replyTo(port)).allowed))
      continue;
    const last = passing[passing.length - 1];
    if (last !== undefined && last[1] === port - 1) last[1] = port;
    else passing.push([port, port]);
  }
  return passing;
}

function aclOf(entries: ReturnType<typeof networkAcl>['Entries']): RawNetworkAcl {
  return networkAcl({
    id: 'acl-00000000000000001',
    vpcId: 'vpc-1',
    isDefault: false,
    subnetIds: [],
    entries,
  });
}

describe('oracle return pass-sets', () => {
  test.prop([naclEntriesArb(pool), naclEntriesArb(pool), fc.constantFrom(6, 17)], { numRuns: 8 })(
    'judging one port per boundary interval equals judging all 64512 ports one by one',
    (egressEntries, ingressEntries, protocol) => {
      const checks: ReturnCheck[] = [
        {
          portKind: 'client',
          acl: aclOf(egressEntries),
          direction: 'egress',
          replyTo: reply(protocol),
        },
        {
          portKind: 'client',
          acl: aclOf(ingressEntries),
          direction: 'ingress',
          replyTo: reply(protocol),
        },
      ];
      const range: [number, number] = [1024, 65535];
      expect(passingPorts(checks, 'client', range)).toEqual(portByPort(checks, range));
    },
  );
});
