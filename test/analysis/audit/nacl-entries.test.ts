import { describe, expect, it } from 'vitest';
import { aclEntry, IDS, privateLinkDocs } from '../../fixtures/privatelink-network.js';
import { entriesOf, findings } from './helpers.js';

describe('audit: network ACL entries', () => {
  it('reports an allow hidden by a lower-numbered deny as shadowed, medium', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.endpointAcl).push(aclEntry(50, false, 'deny', '0.0.0.0/0', [0, 1023]));
    const found = findings(docs, 'NACL_ENTRY_SHADOWED');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'medium',
      resource: IDS.endpointAcl,
      rule: { ref: 'rule 100 inbound', summary: 'allow tcp 443 from 10.0.1.0/24' },
    });
    expect(found[0]!.message).toContain('rule 50 (deny tcp 0-1023 from 0.0.0.0/0)');
    expect(found[0]!.suggestion.commands[0]).toContain('--rule-number 100 --ingress');
  });

  it('reports an allow inside an earlier allow as shadowed, low', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.endpointAcl).push(aclEntry(110, false, 'allow', '10.0.1.0/25', [443, 443]));
    const found = findings(docs, 'NACL_ENTRY_SHADOWED');
    expect(found.map((f) => [f.rule?.ref, f.severity])).toEqual([['rule 110 inbound', 'low']]);
  });

  it('does not report the same deny placed after the allow as shadowing it', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.endpointAcl).push(aclEntry(150, false, 'deny', '0.0.0.0/0', [0, 1023]));
    expect(findings(docs, 'NACL_ENTRY_SHADOWED')).toEqual([]);
    expect(findings(docs, 'NACL_ALLOW_PARTLY_DENIED')).toEqual([]);
  });

  it('says which part of an allow an earlier deny overrules', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.endpointAcl).push(aclEntry(50, false, 'deny', '10.0.1.128/25', [0, 1023]));
    const found = findings(docs, 'NACL_ALLOW_PARTLY_DENIED');
    expect(found).toHaveLength(1);
    expect(found[0]!.rule?.ref).toBe('rule 100 inbound');
    expect(found[0]!.message).toContain('rule 50 denies tcp 443 from 10.0.1.128/25');
    expect(findings(docs, 'NACL_ENTRY_SHADOWED')).toEqual([]);
  });

  it('does not report a deny that overlaps no allow', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.endpointAcl).push(aclEntry(50, false, 'deny', '10.0.2.0/24', [0, 1023]));
    expect(findings(docs, 'NACL_ALLOW_PARTLY_DENIED')).toEqual([]);
  });

  it('reports an entry naming only its own subnet as never deciding, and not one naming the VPC', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.clientAcl).push(aclEntry(120, false, 'allow', '10.0.1.0/24', [22, 22]));
    const found = findings(docs, 'NACL_ENTRY_NEVER_DECIDES');
    expect(found.map((f) => [f.resource, f.rule?.ref])).toEqual([
      [IDS.clientAcl, 'rule 120 inbound'],
    ]);
    const fixed = privateLinkDocs();
    entriesOf(fixed, IDS.clientAcl).push(aclEntry(120, false, 'allow', '10.0.0.0/16', [22, 22]));
    expect(findings(fixed, 'NACL_ENTRY_NEVER_DECIDES')).toEqual([]);
  });

  it('reports an IPv6 entry in a NACL whose subnets have no IPv6 block as never deciding', () => {
    const docs = privateLinkDocs();
    entriesOf(docs, IDS.clientAcl).push({
      RuleNumber: 130,
      Egress: false,
      RuleAction: 'allow',
      Protocol: '-1',
      Ipv6CidrBlock: '::/0',
    });
    expect(findings(docs, 'NACL_ENTRY_NEVER_DECIDES').map((f) => f.rule?.ref)).toEqual([
      'rule 130 inbound',
    ]);
  });

  it('finds no NACL entry problem in the correct network', () => {
    const docs = privateLinkDocs();
    for (const code of [
      'NACL_ENTRY_SHADOWED',
      'NACL_ALLOW_PARTLY_DENIED',
      'NACL_ENTRY_NEVER_DECIDES',
    ])
      expect(findings(docs, code)).toEqual([]);
  });
});
