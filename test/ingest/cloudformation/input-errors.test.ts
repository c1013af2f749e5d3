import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readCloudFormationTemplate } from '../../../src/ingest/cloudformation/index.js';

const FILE = 'network.yaml';

function inputErrorOf(text: string, parameters?: Record<string, unknown>): InputError {
  try {
    readCloudFormationTemplate(text, { file: FILE, parameters });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const VPC = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`;

describe('readCloudFormationTemplate input errors', () => {
  it('rejects a CIDR that is not one, naming the logical ID and property', () => {
    const error = inputErrorOf(`${VPC}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 10.0.300.0/24
`);
    expect(error.details).toMatchObject({
      file: FILE,
      resource: 'Group',
      field: 'Properties.SecurityGroupIngress[0].CidrIp',
      value: '10.0.300.0/24',
    });
    expect(error.message).toContain('is not a valid CIDR');
  });

  it('rejects an ACL entry protocol AWS does not know', () => {
    const error = inputErrorOf(`${VPC}
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: !Ref Vpc}
  Entry:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 300
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
`);
    expect(error.details).toMatchObject({
      resource: 'Entry',
      field: 'Properties.Protocol',
      value: 300,
    });
    expect(error.message).toContain('is not a known IP protocol');
  });

  it('rejects a Ref to a logical ID the template does not declare', () => {
    const error = inputErrorOf(`${VPC}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref MissingVpc
      CidrBlock: 10.0.1.0/24
`);
    expect(error.details).toMatchObject({
      resource: 'Subnet',
      field: 'Properties.VpcId',
      value: 'MissingVpc',
    });
    expect(error.message).toContain(
      'refers to a resource or parameter that is not in the template',
    );
  });

  it('rejects a !GetAtt on a logical ID the template does not declare', () => {
    const error = inputErrorOf(`${VPC}
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Nowhere.GroupId
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/16
`);
    expect(error.details).toMatchObject({ resource: 'Rule', value: 'Nowhere' });
  });

  it('reports the line and column where malformed YAML stops parsing', () => {
    const error = inputErrorOf(
      'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: [CidrBlock: 10.0.0.0/16\n  Other: {}\n',
    );
    expect(error.message).toMatch(
      /^network\.yaml: is not a valid template at line \d+, column \d+: /,
    );
    expect(error.message).toMatch(/line 5/);
  });

  it('rejects a parameter with no Default when no value is given, and accepts one given', () => {
    const text = `
Parameters:
  VpcCidr: {Type: String}
${VPC.replace('10.0.0.0/16', '!Ref VpcCidr')}`;
    const error = inputErrorOf(text);
    expect(error.details).toMatchObject({
      resource: 'Vpc',
      field: 'Properties.CidrBlock',
      value: 'VpcCidr',
    });
    expect(error.details.hint).toContain('parameters');
    const result = readCloudFormationTemplate(text, {
      file: FILE,
      parameters: { VpcCidr: '10.9.0.0/16' },
    });
    expect(result.documents[0]!.Vpcs).toEqual([
      expect.objectContaining({ CidrBlock: '10.9.0.0/16' }),
    ]);
  });

  it('rejects a template without Resources', () => {
    const error = inputErrorOf('AWSTemplateFormatVersion: "2010-09-09"\n');
    expect(error.details).toMatchObject({ field: 'Resources' });
  });
});

describe('readCloudFormationTemplate circular references', () => {
  it('rejects properties that depend on themselves through another resource', () => {
    const error = inputErrorOf(`
Resources:
  A:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !GetAtt B.CidrBlock
  B:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref A
      CidrBlock: !GetAtt A.CidrBlock
`);
    expect(error.message).toContain('circular dependency');
  });
});

describe('readCloudFormationTemplate parameter values', () => {
  it('rejects a parameter value outside AllowedValues, as CloudFormation does', () => {
    const text = `
Parameters:
  Environment: {Type: String, Default: prod, AllowedValues: [prod, dev]}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      Tags: [{Key: env, Value: !Ref Environment}]
`;
    const error = inputErrorOf(text, { Environment: 'qa' });
    expect(error.details).toMatchObject({ resource: 'Environment', value: 'qa' });
    expect(error.message).toContain('AllowedValues (prod, dev)');
  });
});
