import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { looksLikeTerraformPlan, readTerraformPlan } from '../../../src/ingest/terraform/index.js';
import { fixtureText } from '../fixture.js';

const FILE = 'plan.json';

function resource(address: string, values: Record<string, unknown>) {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, values };
}

function stateWith(...resources: Array<Record<string, unknown>>) {
  return { format_version: '1.0', values: { root_module: { resources } } };
}

const VPC = resource('aws_vpc.main', {
  id: 'vpc-0a1b2c3d4e5f60001',
  cidr_block: '10.0.0.0/16',
  default_network_acl_id: 'acl-0a1b2c3d4e5f60002',
  default_security_group_id: 'sg-0a1b2c3d4e5f60003',
});

function inputErrorOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('readTerraformPlan input errors', () => {
  it('rejects a CIDR with a prefix length over 32, naming the resource and the block field', () => {
    const plan = stateWith(
      VPC,
      resource('aws_network_acl.app', {
        id: 'acl-0a1b2c3d4e5f60005',
        vpc_id: 'vpc-0a1b2c3d4e5f60001',
        ingress: [
          {
            rule_no: 100,
            action: 'allow',
            protocol: 'tcp',
            from_port: 443,
            to_port: 443,
            cidr_block: '10.0.0.0/33',
          },
        ],
      }),
    );
    const error = inputErrorOf(() => readTerraformPlan(plan, { file: FILE }));
    expect(error.details).toMatchObject({
      file: FILE,
      resource: 'aws_network_acl.app',
      field: 'ingress[0].cidr_block',
      value: '10.0.0.0/33',
    });
    expect(error.message).toContain('is not a valid CIDR');
  });

  it('suggests /32 for a security group address written without a prefix length', () => {
    const plan = stateWith(
      VPC,
      resource('aws_security_group.app', {
        id: 'sg-0a1b2c3d4e5f60009',
        vpc_id: 'vpc-0a1b2c3d4e5f60001',
        ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.20.0.5'] }],
      }),
    );
    const error = inputErrorOf(() => readTerraformPlan(plan, { file: FILE }));
    expect(error.details).toMatchObject({
      field: 'ingress[0].cidr_blocks',
      hint: 'write 10.20.0.5/32 for one address',
    });
  });

  it('rejects a protocol that is neither a name AWS knows nor a number', () => {
    const plan = stateWith(
      VPC,
      resource('aws_security_group_rule.bad', {
        type: 'ingress',
        security_group_id: 'sg-0a1b2c3d4e5f60003',
        protocol: 'tcpx',
        from_port: 443,
        to_port: 443,
        cidr_blocks: ['10.0.0.0/8'],
      }),
    );
    const error = inputErrorOf(() => readTerraformPlan(plan, { file: FILE }));
    expect(error.details).toMatchObject({
      resource: 'aws_security_group_rule.bad',
      field: 'protocol',
      value: 'tcpx',
    });
    expect(error.message).toContain('is not a known IP protocol');
  });

  it('rejects a configuration reference to a resource the plan does not hold', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: { resources: [resource('aws_subnet.app', { cidr_block: '10.0.1.0/24' })] },
      },
      resource_changes: [
        {
          address: 'aws_subnet.app',
          change: { actions: ['create'], after_unknown: { id: true, vpc_id: true } },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_subnet.app',
              expressions: { vpc_id: { references: ['aws_vpc.gone.id', 'aws_vpc.gone'] } },
            },
          ],
        },
      },
    };
    const error = inputErrorOf(() => readTerraformPlan(plan, { file: FILE }));
    expect(error.details).toMatchObject({
      resource: 'aws_subnet.app',
      field: 'vpc_id',
      value: 'aws_vpc.gone',
    });
    expect(error.message).toContain('refers to a resource that is not in the plan');
  });

  it('reports where malformed JSON stops parsing', () => {
    const error = inputErrorOf(() =>
      readTerraformPlan('{\n  "format_version": "1.2",\n  oops\n}', { file: FILE }),
    );
    expect(error.message).toMatch(/plan\.json: is not valid JSON at line 3, column 3/);
  });

  it('rejects a JSON format version from a future major release', () => {
    const error = inputErrorOf(() =>
      readTerraformPlan({ format_version: '2.0', values: {} }, { file: FILE }),
    );
    expect(error.details).toMatchObject({ field: 'format_version', value: '2.0' });
  });
});

describe('looksLikeTerraformPlan', () => {
  it('recognises plans and states by their format version and values', () => {
    expect(looksLikeTerraformPlan(JSON.parse(fixtureText('terraform/privatelink-plan.json')))).toBe(
      true,
    );
    expect(looksLikeTerraformPlan(JSON.parse(fixtureText('terraform/state.json')))).toBe(true);
  });

  it('does not take describe-* output or a CloudFormation template for a plan', () => {
    expect(looksLikeTerraformPlan({ Vpcs: [] })).toBe(false);
    expect(looksLikeTerraformPlan({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} })).toBe(
      false,
    );
    expect(looksLikeTerraformPlan({ format_version: '1.0' })).toBe(false);
  });
});

describe('readTerraformPlan on values it cannot follow', () => {
  it('leaves out a resource whose unknown ID comes from each.value, with a note', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_instance.app["a"]',
              mode: 'managed',
              type: 'aws_instance',
              name: 'app',
              index: 'a',
              values: { ami: 'ami-0abcdef1234567890' },
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_instance.app["a"]',
          change: { actions: ['create'], after_unknown: { id: true, subnet_id: true } },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_instance.app',
              expressions: { subnet_id: { references: ['each.value'] } },
            },
          ],
        },
      },
    };
    const { documents, notes } = readTerraformPlan(plan, { file: FILE });
    expect(documents[0]!.Reservations).toBeUndefined();
    expect(notes).toContainEqual(
      expect.objectContaining({ code: 'VALUE_NOT_FOLLOWED', resource: 'aws_instance.app["a"]' }),
    );
  });
});
