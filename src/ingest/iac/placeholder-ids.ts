/**
 * IDs for resources that do not exist yet. They keep AWS's prefix (`vpc-`, `sg-`, `vpce-svc-`)
 * so every reader of the snapshot still knows the kind, and carry the Terraform address or the
 * CloudFormation `<stack>.<logicalId>` after it, so a person reading a verdict knows which
 * declaration is meant: `sg-aws_security_group.endpoint`, `subnet-consumer.EndpointSubnetA`.
 */

/** Characters kept as they are; anything else is written `%XX` so distinct keys stay distinct. */
const KEPT = /[A-Za-z0-9_.\-@]/;

/**
 * `aws_subnet.private[0]` → `aws_subnet.private.0`; `x["a b"]` → `x.a%20b`. A `for_each` key
 * made of digits keeps its quotes (`x["0"]` → `x.%220%22`) so it never meets a `count` index.
 */
export function placeholderKey(address: string): string {
  return address
    .split(/(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])/)
    .map((part) => {
      if (!part.startsWith('[')) return encodeText(part);
      const inner = part.slice(1, -1);
      if (!inner.startsWith('"')) return `.${inner}`;
      const key = JSON.parse(inner) as string;
      return `.${/^\d+$/.test(key) ? encodeText(inner) : encodeText(key)}`;
    })
    .join('');
}

function encodeText(text: string): string {
  return [...text].map(encodeCharacter).join('');
}

function encodeCharacter(character: string): string {
  if (KEPT.test(character)) return character;
  return [...Buffer.from(character, 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/** `placeholderId('vpc', 'aws_vpc.main')` → `vpc-aws_vpc.main`. */
export function placeholderId(prefix: string, address: string): string {
  return `${prefix}-${placeholderKey(address)}`;
}

const PREFIXES = [
  'vpce-svc-',
  'aclassoc-',
  'subnet-',
  'vpce-',
  'acl-',
  'eni-',
  'vpc-',
  'sg-',
  'i-',
];

/** The part of an ID after its AWS prefix: `subnet-0abc` → `0abc`. */
export function idBody(id: string): string {
  const prefix = PREFIXES.find((candidate) => id.startsWith(candidate));
  return prefix === undefined ? id : id.slice(prefix.length);
}

/**
 * The ID of an ENI AWS creates on the user's behalf in one subnet (an interface endpoint's, a
 * load balancer node's): `eni-<owner>@<subnet>`, e.g. `eni-aws_vpc_endpoint.svc@aws_subnet.a`.
 */
export function managedInterfaceId(ownerKey: string, subnetId: string): string {
  return `eni-${idBody(ownerKey)}@${idBody(subnetId)}`;
}

/** The kinds of Elastic Load Balancing ARN a placeholder is made for. */
export type ElbResourceKind = 'loadbalancer' | 'targetgroup' | 'listener';

/**
 * A load balancer, target group or listener ARN in AWS's layout with the declaration's key where
 * AWS puts its random ID: `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/
 * provider-nlb/aws_lb.provider`.
 */
export function elbArn(options: {
  kind: ElbResourceKind;
  region: string;
  accountId: string;
  name: string;
  key: string;
}): string {
  const { kind, region, accountId, name, key } = options;
  const path =
    kind === 'targetgroup'
      ? `${name}/${placeholderKey(key)}`
      : `net/${name}/${placeholderKey(key)}`;
  return `arn:aws:elasticloadbalancing:${region}:${accountId}:${kind}/${path}`;
}
