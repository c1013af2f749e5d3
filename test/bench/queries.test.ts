import { describe, expect, it } from 'vitest';
import { generateWorkload } from '../../bench/generate/generate.js';
import { generateQueryMix } from '../../bench/generate/queries.js';

const w1 = generateWorkload('W1', 1);

describe('query mixes', () => {
  const mix = generateQueryMix(w1.model, { seed: 1 });

  it('draws 10,000 traces, 100 who-can-reach queries and 100 single-rule edits', () => {
    expect(mix.traces).toHaveLength(10000);
    expect(mix.reach).toHaveLength(100);
    expect(mix.edits).toHaveLength(100);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateQueryMix(w1.model, { seed: 1 })).toEqual(mix);
    expect(generateQueryMix(w1.model, { seed: 2 }).traces).not.toEqual(mix.traces);
  });

  it('names only resources that exist, and ports in range', () => {
    const enis = new Set(w1.model.enis.map((e) => e.eniId));
    const endpoints = new Set(w1.model.vpcEndpoints.map((e) => e.vpcEndpointId));
    const services = new Set(w1.model.endpointServices.map((s) => s.serviceId));
    const exists = (to: (typeof mix.traces)[number]['to']) =>
      to.kind === 'eni'
        ? enis.has(to.eniId)
        : to.kind === 'endpoint'
          ? endpoints.has(to.vpcEndpointId)
          : services.has(to.serviceId);
    for (const t of mix.traces) {
      expect(enis.has(t.from) && exists(t.to)).toBe(true);
      expect(t.port).toBeGreaterThanOrEqual(0);
      expect(t.port).toBeLessThanOrEqual(65535);
    }
    const kinds = new Set(mix.traces.map((t) => t.to.kind));
    expect([...kinds].sort()).toEqual(['endpoint', 'eni', 'service']);
  });

  it('removes only existing entries and adds NACL entries under unused numbers', () => {
    const groups = new Map(w1.model.securityGroups.map((g) => [g.groupId, g]));
    const acls = new Map(w1.model.networkAcls.map((a) => [a.networkAclId, a]));
    for (const edit of mix.edits) {
      if (edit.kind === 'security-group') {
        expect(groups.has(edit.groupId)).toBe(true);
        continue;
      }
      const acl = acls.get(edit.networkAclId)!;
      const same = acl.entries.filter(
        (e) => e.egress === edit.entry.Egress && e.ruleNumber === edit.entry.RuleNumber,
      );
      expect(same).toHaveLength(edit.action === 'remove' ? 1 : 0);
    }
    expect(new Set(mix.edits.map((e) => `${e.kind}/${e.action}`)).size).toBe(4);
  });
});
