import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { buildNetwork } from '../../src/network/build.js';
import { buildSnapshot } from '../../src/snapshot/validate.js';
import { IDS, item, privateLinkDocs } from '../fixtures/privatelink-network.js';

function load(document: unknown, file = 'NetworkAcls.json') {
  return buildNetwork(buildSnapshot([{ document, origin: { file } }]));
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('validation at the border', () => {
  it('names the file, the NACL, the field and the value of a /33 block', () => {
    const docs = privateLinkDocs();
    (
      item(docs, 'NetworkAcls', IDS.endpointAcl).Entries as Record<string, unknown>[]
    )[1]!.CidrBlock = '10.0.2.0/33';
    expect(messageOf(() => load(docs))).toBe(
      'NetworkAcls.json: acl-0e0000000000000e1: Entries[1].CidrBlock "10.0.2.0/33" is not a valid CIDR: the prefix length must be 0 to 32',
    );
  });

  it('refuses octal-looking addresses in SG rules', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '010.1.1.0/24' }] },
    ];
    expect(messageOf(() => load(docs, 'SecurityGroups.json'))).toMatch(
      /^SecurityGroups\.json: sg-0c0000000000000c1: IpPermissionsEgress\[0\]\.IpRanges\[0\]\.CidrIp "010\.1\.1\.0\/24" is not a valid CIDR: the address has a leading zero/,
    );
  });

  it('gives a hint when the prefix length is missing', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.20.0.0' }] },
    ];
    expect(() => load(docs)).toThrowError(
      expect.objectContaining({
        details: expect.objectContaining({ hint: 'write 10.20.0.0/32 for one address' }),
      }),
    );
  });

  it('refuses unknown protocols in SG rules and names in NACL entries', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: 'tcpp', FromPort: 1, ToPort: 2 },
    ];
    expect(messageOf(() => load(docs))).toContain(
      'IpPermissionsEgress[0].IpProtocol "tcpp" is not a protocol',
    );
    const acl = privateLinkDocs();
    (item(acl, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[])[0]!.Protocol =
      'tcp';
    expect(messageOf(() => load(acl))).toContain(
      'Entries[0].Protocol "tcp" is not a protocol number',
    );
  });

  it('refuses ports out of range and reversed ranges', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 70000, IpRanges: [] },
    ];
    expect(messageOf(() => load(docs))).toContain(
      'IpPermissionsEgress[0].ToPort 70000 is above the maximum 65535',
    );
    const reversed = privateLinkDocs();
    item(reversed, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: 'udp', FromPort: 500, ToPort: 400, IpRanges: [] },
    ];
    expect(messageOf(() => load(reversed))).toContain('FromPort 500 is greater than ToPort 400');
  });

  it('refuses rule numbers outside 1-32766 unless they are the default deny entries', () => {
    const docs = privateLinkDocs();
    (item(docs, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[])[0]!.RuleNumber =
      0;
    expect(messageOf(() => load(docs))).toContain('Entries[0].RuleNumber 0 is below the minimum 1');
    const big = privateLinkDocs();
    (item(big, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[])[0]!.RuleNumber =
      40000;
    expect(messageOf(() => load(big))).toContain('RuleNumber 40000 is above the maximum');
    const allowStar = privateLinkDocs();
    (
      item(allowStar, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[]
    )[0]!.RuleNumber = 32767;
    expect(messageOf(() => load(allowStar))).toContain('RuleNumber 32767 is out of range 1-32766');
  });

  it('reports a missing member as missing', () => {
    const docs = privateLinkDocs();
    delete (item(docs, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[])[0]!
      .RuleAction;
    expect(messageOf(() => load(docs))).toContain('Entries[0].RuleAction is missing');
  });

  it('names a dangling reference: an ENI in a subnet that is not in the snapshot', () => {
    const docs = privateLinkDocs();
    item(docs, 'NetworkInterfaces', IDS.clientEni).SubnetId = 'subnet-0ffffffffffffffff';
    const message = messageOf(() => load(docs, 'snapshot.json'));
    expect(message).toBe(
      'snapshot.json: eni-0c0000000000000c1: SubnetId "subnet-0ffffffffffffffff" refers to a resource that is not in the snapshot',
    );
  });

  it('treats a group reference to another account as a warning, not an error', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.endpointSg).IpPermissions = [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        UserIdGroupPairs: [{ GroupId: 'sg-0999999999999999a', UserId: '333333333333' }],
      },
    ];
    const network = load(docs);
    expect(network.warnings).toContainEqual(
      expect.objectContaining({ code: 'SG_REFERENCE_OUTSIDE_SNAPSHOT', resource: IDS.endpointSg }),
    );
  });

  it('refuses a document that is not an object, and a key that is not a list', () => {
    expect(messageOf(() => load([1, 2]))).toContain('is not a describe-* output');
    expect(messageOf(() => load({ Vpcs: {} }, 'Vpcs.json'))).toBe(
      'Vpcs.json: Vpcs must be a list, as the AWS CLI prints it',
    );
  });
});
