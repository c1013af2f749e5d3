// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub text
import { describe, expect, it } from 'vitest';
import { carveCidrs } from '../../../src/ingest/cloudformation/functions.js';
import {
  looksLikeCloudFormation,
  parseTemplateText,
  readCloudFormationTemplate,
} from '../../../src/ingest/cloudformation/index.js';
import { fixtureText } from '../fixture.js';

describe('parseTemplateText short-form tags', () => {
  it('turns each short form into its full form', () => {
    const parsed = parseTemplateText(`
A: !Ref Vpc
B: !GetAtt Vpc.CidrBlock
C: !Sub '\${AWS::Region}-x'
D: !If [IsProd, 1, 2]
E: !Select [0, !GetAZs '']
F: !Join [',', [a, !Ref B]]
G: !Equals [!Ref Env, prod]
H: !Not [!Condition IsProd]
I: !ImportValue Shared
`);
    expect(parsed).toEqual({
      A: { Ref: 'Vpc' },
      B: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] },
      C: { 'Fn::Sub': '${AWS::Region}-x' },
      D: { 'Fn::If': ['IsProd', 1, 2] },
      E: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      F: { 'Fn::Join': [',', ['a', { Ref: 'B' }]] },
      G: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      H: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      I: { 'Fn::ImportValue': 'Shared' },
    });
  });

  it('keeps a date-like policy version a string (YAML 1.2 core schema)', () => {
    expect(parseTemplateText('Version: 2012-10-17')).toEqual({ Version: '2012-10-17' });
  });
});

describe('intrinsic functions in properties', () => {
  function groupDescription(expression: string, extra = ''): unknown {
    const text = `
Mappings:
  Ports: {prod: {https: 443}}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: ${expression}
${extra}`;
    const result = readCloudFormationTemplate(text, {
      stackName: 'app',
      region: 'eu-west-1',
      accountId: '111122223333',
    });
    const groups = result.documents[0]!.SecurityGroups as Array<Record<string, unknown>>;
    return groups.find((group) => group.GroupId === 'sg-app.Group')!.Description;
  }

  it('substitutes variables given to Fn::Sub and keeps ${!Literal} literal', () => {
    expect(groupDescription("!Sub ['${Name} in ${AWS::Region} ${!Keep}', {Name: web}]")).toBe(
      'web in eu-west-1 ${Keep}',
    );
  });

  it('substitutes a resource attribute written ${Vpc.CidrBlock}', () => {
    expect(groupDescription("!Sub 'vpc ${Vpc} ${Vpc.CidrBlock}'")).toBe(
      'vpc vpc-app.Vpc 10.0.0.0/16',
    );
  });

  it('reads Fn::FindInMap, Fn::Split and Fn::Select together', () => {
    expect(
      groupDescription(
        "!Join ['-', [!FindInMap [Ports, prod, https], !Select [1, !Split [',', 'a,b,c']]]]",
      ),
    ).toBe('443-b');
  });

  it('gives pseudo parameters the values passed as options', () => {
    expect(groupDescription("!Sub '${AWS::AccountId}/${AWS::StackName}/${AWS::Partition}'")).toBe(
      '111122223333/app/aws',
    );
  });
});

describe('carveCidrs (Fn::Cidr)', () => {
  it('carves consecutive blocks of the given host bits from the start of the block', () => {
    expect(carveCidrs('10.0.0.0/16', 3, 8)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(carveCidrs('2001:db8::/56', 2, 64)).toEqual(['2001:db8::/64', '2001:db8:0:1::/64']);
  });

  it('refuses blocks larger than the one carved from', () => {
    expect(carveCidrs('10.0.0.0/24', 2, 16)).toBeUndefined();
  });
});

describe('looksLikeCloudFormation', () => {
  it('recognises templates, CDK output included', () => {
    expect(
      looksLikeCloudFormation(parseTemplateText(fixtureText('cloudformation/privatelink.yaml'))),
    ).toBe(true);
    expect(
      looksLikeCloudFormation(
        JSON.parse(fixtureText('cloudformation/cdk.out/ConsumerStack.template.json')),
      ),
    ).toBe(true);
  });

  it('does not take a Terraform plan or describe-* output for a template', () => {
    expect(looksLikeCloudFormation(JSON.parse(fixtureText('terraform/state.json')))).toBe(false);
    expect(looksLikeCloudFormation({ SecurityGroups: [] })).toBe(false);
  });
});

describe('readCloudFormationTemplate input forms', () => {
  it('reads a template already parsed as it reads the same text', () => {
    const text = fixtureText('cloudformation/cdk.out/ConsumerStack.template.json');
    const options = { stackName: 'ConsumerStack', region: 'eu-west-1', accountId: '111122223333' };
    const fromText = readCloudFormationTemplate(text, options);
    const fromObject = readCloudFormationTemplate(JSON.parse(text) as object, options);
    expect(fromObject.documents).toEqual(fromText.documents);
    expect(fromText.documents[0]!.VpcEndpoints).toHaveLength(1);
  });
});
