import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../../src/ingest/terraform/index.js';
import { itemsOf } from '../fixture.js';

function planned(address: string, values: Record<string, unknown>) {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, values };
}

function change(address: string, unknown: Record<string, unknown>) {
  return { address, change: { actions: ['create'], after_unknown: unknown } };
}

function configured(address: string, expressions: Record<string, unknown>) {
  return { address, expressions };
}

const ref = (target: string, attribute = 'id') => ({
  references: [`${target}.${attribute}`, target],
});

/** A new VPC whose default group and ACL are managed in the same plan. */
const PLAN = {
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        planned('aws_vpc.main', { cidr_block: '10.0.0.0/16' }),
        planned('aws_default_security_group.main', { ingress: [], egress: [] }),
        planned('aws_default_network_acl.main', {
          egress: [],
          ingress: [
            {
              rule_no: 100,
              action: 'allow',
              protocol: 'tcp',
              from_port: 22,
              to_port: 22,
              cidr_block: '10.0.0.0/8',
              ipv6_cidr_block: '',
              icmp_type: 0,
              icmp_code: 0,
            },
          ],
        }),
      ],
    },
  },
  resource_changes: [
    change('aws_vpc.main', {
      id: true,
      default_network_acl_id: true,
      default_security_group_id: true,
    }),
    change('aws_default_security_group.main', { id: true, vpc_id: true }),
    change('aws_default_network_acl.main', {
      id: true,
      vpc_id: true,
      default_network_acl_id: true,
    }),
  ],
  configuration: {
    root_module: {
      resources: [
        configured('aws_vpc.main', { cidr_block: { constant_value: '10.0.0.0/16' } }),
        configured('aws_default_security_group.main', { vpc_id: ref('aws_vpc.main') }),
        configured('aws_default_network_acl.main', {
          default_network_acl_id: ref('aws_vpc.main', 'default_network_acl_id'),
        }),
      ],
    },
  },
};

describe('aws_default_security_group and aws_default_network_acl in a plan', () => {
  const { documents } = readTerraformPlan(PLAN);
  const document = documents[0]!;

  it('empties the default group of a new VPC when no rules are listed', () => {
    const groups = itemsOf(document, 'SecurityGroups');
    expect(groups).toEqual([
      expect.objectContaining({
        GroupId: 'sg-aws_vpc.main.default',
        GroupName: 'default',
        VpcId: 'vpc-aws_vpc.main',
        IpPermissions: [],
        IpPermissionsEgress: [],
      }),
    ]);
  });

  it('gives the default ACL of a new VPC exactly the listed entries and the * entries', () => {
    const acls = itemsOf(document, 'NetworkAcls');
    expect(acls).toHaveLength(1);
    expect(acls[0]).toMatchObject({
      NetworkAclId: 'acl-aws_vpc.main.default',
      IsDefault: true,
      VpcId: 'vpc-aws_vpc.main',
    });
    expect(
      (acls[0]!.Entries as Array<Record<string, unknown>>).map((entry) => [
        entry.Egress,
        entry.RuleNumber,
      ]),
    ).toEqual([
      [true, 32767],
      [false, 100],
      [false, 32767],
    ]);
  });
});
