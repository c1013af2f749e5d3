import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { patchFiles } from '../../../src/analysis/fix/patch-snapshot.js';
import { planFix } from '../../../src/analysis/fix/plan.js';
import { traceFlow } from '../../../src/analysis/trace.js';
import { writeSnapshotTree } from '../../../src/ingest/aws-cli/write-tree.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';
import { snapshotFiles } from '../../../src/snapshot/files.js';
import { BROKEN, EXAMPLES_ROOT, MANUAL_ONLY, QUESTION } from './examples.js';

const temp = mkdtempSync(join(tmpdir(), 'vpcreach-fix-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('fix makes every broken example reachable, proven by tracing again', () => {
  it('covers all 17 broken examples', () => {
    expect(BROKEN).toHaveLength(17);
  });

  for (const example of BROKEN) {
    const manual = MANUAL_ONLY[example.name];
    if (manual !== undefined) {
      it(`${example.name}: no rule can fix it, so the fix is a manual step (${manual.code})`, () => {
        const { result } = planFix(loadSnapshot(example.dir), QUESTION);
        expect(result.changes).toEqual([]);
        expect(result.manual.map((step) => step.code)).toContain(manual.code);
        const commands = result.manual.map((step) => step.command ?? '');
        expect(commands.some((command) => manual.command.test(command))).toBe(true);
        expect(result.after.verdict).toBe(result.before.verdict);
      });
      continue;
    }
    it(`${example.name}: the changes make the flow reachable in memory and on disk`, () => {
      const snapshot = loadSnapshot(example.dir);
      const { result, snapshot: patched } = planFix(snapshot, QUESTION);
      expect(result.changes.length).toBeGreaterThan(0);
      expect(result.manual).toEqual([]);
      expect(result.after.verdict).toBe('reachable');
      expect(result.after.health.every((h) => h.failedChecks.length === 0)).toBe(true);
      const again = traceFlow(buildNetwork(patched), QUESTION);
      expect(again.verdict).toBe('reachable');

      const out = join(temp, example.name);
      const files = patchFiles(snapshotFiles(snapshot), result.changes);
      const written = writeSnapshotTree({ source: example.dir, ...files }, out);
      expect(written.length).toBeGreaterThan(0);
      expect(written.every((file) => file.startsWith('accounts/'))).toBe(true);
      const reloaded = loadSnapshot(out);
      expect(reloaded.files).toEqual(snapshot.files);
      const traced = traceFlow(buildNetwork(reloaded), QUESTION);
      expect(traced.verdict).toBe('reachable');
      expect(traced.health.every((h) => h.failedChecks.length === 0)).toBe(true);
    });

    it(`${example.name}: never proposes 0.0.0.0/0, ::/0 or all protocols`, () => {
      const { result } = planFix(loadSnapshot(example.dir), QUESTION);
      for (const change of result.changes) {
        const peer =
          change.kind === 'network-acl-entry'
            ? change.rule.cidr
            : change.rule.peer.kind === 'cidr'
              ? change.rule.peer.cidr
              : change.rule.peer.groupId;
        expect(peer).not.toMatch(/\/0$/);
        const protocol =
          change.kind === 'network-acl-entry' ? change.rule.protocol : change.rule.ipProtocol;
        expect(['6', '17', 'tcp', 'udp']).toContain(protocol);
        expect(change.why).not.toBe('');
      }
    });
  }
});

describe('fix works for ENI-to-ENI flows inside a VPC too', () => {
  it('opens target to target on 8443 with host-scoped rules for requests and replies', () => {
    const snapshot = loadSnapshot(join(EXAMPLES_ROOT, 'privatelink'));
    const question = { from: 'i-016f704c435b64dbd', to: 'i-0c9b68460d2decb8b', port: 8443 };
    const { result } = planFix(snapshot, question, { scope: 'address' });
    expect(result.before.verdict).toBe('unreachable');
    expect(result.after.verdict).toBe('reachable');
    const summary = result.changes.map((c) =>
      c.kind === 'network-acl-entry'
        ? `acl ${c.direction} ${c.path} ${c.rule.fromPort}-${c.rule.toPort} ${c.rule.cidr}`
        : `sg ${c.direction} ${c.rule.fromPort} ${c.rule.peer.kind === 'cidr' ? c.rule.peer.cidr : ''}`,
    );
    expect(summary.sort()).toEqual([
      'acl egress forward 8443-8443 10.1.12.87/32',
      'acl egress return 1024-65535 10.1.11.42/32',
      'acl ingress forward 8443-8443 10.1.11.42/32',
      'acl ingress return 1024-65535 10.1.12.87/32',
      'sg ingress 8443 10.1.11.42/32',
    ]);
  });
});

describe('fix notes what a rule change cannot keep narrow', () => {
  it('says a rule on a VPC default group reaches whatever carries it, and how to avoid it', () => {
    const dir = BROKEN.find((e) => e.name === 'endpoint-default-sg')!.dir;
    const { result } = planFix(loadSnapshot(dir), QUESTION);
    expect(result.after.verdict).toBe('reachable');
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^sg-0f58b92270706f8e8 is the default group .*aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-07a5c64d82c04e64b/,
      ),
    ]);
  });
});
