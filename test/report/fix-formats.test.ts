import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cliArgv } from '../../src/analysis/fix/aws-cli-command.js';
import { callOf } from '../../src/analysis/fix/ec2-calls.js';
import { planFix } from '../../src/analysis/fix/plan.js';
import { loadSnapshot } from '../../src/ingest/load.js';
import { renderFixAwsCli } from '../../src/report/fix-aws-cli.js';
import { renderFixCloudFormation } from '../../src/report/fix-cloudformation.js';
import { fixJson } from '../../src/report/fix-json.js';
import { renderFixTerraform } from '../../src/report/fix-terraform.js';
import { renderFixText } from '../../src/report/fix-text.js';
import { BROKEN, QUESTION } from '../analysis/fix/examples.js';

/** Splits a shell line into words the way sh does for plain words and single quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  for (const char of line) {
    if (quoted) {
      if (char === "'") quoted = false;
      else current += char;
    } else if (char === "'") {
      quoted = true;
      inWord = true;
    } else if (char === ' ') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  expect(quoted).toBe(false);
  if (inWord) words.push(current);
  return words;
}

function flag(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv[at + 1];
}

const plain = { green: String, red: String, yellow: String, dim: String, bold: String };

describe('fix output formats are well-formed for every broken example', () => {
  for (const example of BROKEN) {
    const { result } = planFix(loadSnapshot(example.dir), QUESTION);

    it(`${example.name}: AWS CLI commands parse into the expected argv`, () => {
      const text = renderFixAwsCli(result);
      const commands = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(commands).toHaveLength(result.changes.length);
      commands.forEach((line, i) => {
        const argv = shellWords(line);
        expect(argv).toEqual(cliArgv(callOf(result.changes[i]!)));
        expect(argv.slice(0, 2)).toEqual(['aws', 'ec2']);
        if (argv[2]!.includes('security-group')) {
          expect(argv[2]).toMatch(/^authorize-security-group-(ingress|egress)$/);
          expect(flag(argv, '--group-id')).toMatch(/^sg-/);
          const permissions = JSON.parse(flag(argv, '--ip-permissions')!);
          expect(permissions).toEqual([expect.objectContaining({ IpProtocol: 'tcp' })]);
        } else {
          expect(argv[2]).toBe('create-network-acl-entry');
          expect(flag(argv, '--network-acl-id')).toMatch(/^acl-/);
          expect(argv.includes('--ingress') !== argv.includes('--egress')).toBe(true);
          expect(flag(argv, '--rule-number')).toMatch(/^\d+$/);
          expect(flag(argv, '--protocol')).toBe('6');
          expect(flag(argv, '--port-range')).toMatch(/^From=\d+,To=\d+$/);
          expect(flag(argv, '--cidr-block')).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
          expect(flag(argv, '--rule-action')).toBe('allow');
        }
      });
      for (const step of result.manual) expect(text).toContain(`# manual: ${step.what}`);
    });

    it(`${example.name}: Terraform is one well-formed resource block per change`, () => {
      const text = renderFixTerraform(result);
      const blocks = [...text.matchAll(/^resource "([\w]+)" "([\w]+)" \{\n((?: {2}.*\n)*?)\}$/gm)];
      expect(blocks).toHaveLength(result.changes.length);
      expect(text.split('{').length).toBe(text.split('}').length);
      const names = new Set(blocks.map((b) => b[2]));
      expect(names.size).toBe(blocks.length);
      blocks.forEach((block, i) => {
        const change = result.changes[i]!;
        const type = block[1]!;
        if (change.kind === 'network-acl-entry') expect(type).toBe('aws_network_acl_rule');
        else expect(type).toBe(`aws_vpc_security_group_${change.direction}_rule`);
        for (const line of block[3]!.trimEnd().split('\n')) {
          expect(line).toMatch(/^ {2}\w+ +=( "[^"]*"| \d+| true| false)$/);
        }
      });
    });

    it(`${example.name}: CloudFormation parses as templates with one resource per change`, () => {
      const text = renderFixCloudFormation(result);
      const documents = parseAllDocuments(text);
      const resources: Array<{ Type: string; Properties: Record<string, unknown> }> = [];
      for (const document of documents) {
        expect(document.errors).toEqual([]);
        const template = document.toJS() as Record<string, unknown> | null;
        if (template === null) continue;
        expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
        resources.push(...(Object.values(template.Resources as object) as typeof resources));
      }
      expect(resources).toHaveLength(result.changes.length);
      for (const resource of resources) {
        expect([
          'AWS::EC2::SecurityGroupIngress',
          'AWS::EC2::SecurityGroupEgress',
          'AWS::EC2::NetworkAclEntry',
        ]).toContain(resource.Type);
        if (resource.Type === 'AWS::EC2::NetworkAclEntry') {
          expect(resource.Properties).toMatchObject({ Protocol: 6, RuleAction: 'allow' });
          expect(resource.Properties.PortRange).toEqual({
            From: expect.any(Number),
            To: expect.any(Number),
          });
        } else {
          expect(resource.Properties).toMatchObject({
            IpProtocol: 'tcp',
            GroupId: expect.stringMatching(/^sg-/),
          });
        }
      }
    });

    it(`${example.name}: JSON has the documented shape and the verdict after`, () => {
      const json = JSON.parse(JSON.stringify(fixJson(result)));
      expect(Object.keys(json)).toEqual(
        expect.arrayContaining(['version', 'question', 'before', 'changes', 'manual', 'after']),
      );
      expect(json.version).toBe(1);
      expect(json.after.verdict).toBe(result.after.verdict);
      for (const change of json.changes) {
        expect(Object.keys(change)).toEqual(
          expect.arrayContaining(['kind', 'component', 'direction', 'path', 'why', 'rule']),
        );
      }
      expect(renderFixText(result, plain)).toContain(`after`);
    });
  }
});
