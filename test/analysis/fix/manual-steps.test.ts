import { describe, expect, it } from 'vitest';
import { planFix } from '../../../src/analysis/fix/plan.js';
import { buildSnapshot } from '../../../src/snapshot/validate.js';
import { type Docs, IDS, privateLinkDocs } from '../../fixtures/privatelink-network.js';

type Json = Record<string, unknown>;

function fix(docs: Docs) {
  const snapshot = buildSnapshot([{ document: docs, origin: { file: 'fixture.json' } }]);
  return planFix(snapshot, { from: IDS.client, to: IDS.endpoint, port: 443 }).result;
}

describe('fix says in words what no rule can change', () => {
  it('a rejected endpoint connection: create the endpoint again and accept it', () => {
    const docs = privateLinkDocs();
    docs.VpcEndpointConnections[0]!.VpcEndpointState = 'rejected';
    const result = fix(docs);
    expect(result.changes).toEqual([]);
    expect(result.manual).toEqual([
      expect.objectContaining({
        code: 'BAD_STATE',
        what: expect.stringContaining('the provider rejected it'),
        command: expect.stringContaining('aws ec2 accept-vpc-endpoint-connections'),
      }),
    ]);
  });

  it('a service not offered in the zone of an endpoint ENI: enable the zone', () => {
    const docs = privateLinkDocs();
    docs.ServiceConfigurations[0]!.AvailabilityZoneIds = ['use1-az1'];
    const result = fix(docs);
    expect(result.after.verdict).toBe('partially-reachable');
    expect(result.manual).toEqual([
      expect.objectContaining({
        code: 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ',
        what: expect.stringContaining(
          'enable that zone on the load balancer and on the endpoint service',
        ),
      }),
    ]);
  });

  it('a target sent its own connection with its address preserved: turn preservation off', () => {
    const docs = privateLinkDocs();
    const snapshot = buildSnapshot([{ document: docs, origin: { file: 'fixture.json' } }]);
    const result = planFix(snapshot, { from: IDS.target1, to: IDS.nlb, port: 443 }).result;
    expect(result.manual).toContainEqual(
      expect.objectContaining({
        code: 'NLB_LOOPBACK_WITH_CLIENT_IP_PRESERVED',
        command: `aws elbv2 modify-target-group-attributes --target-group-arn ${IDS.targetGroup} --attributes Key=preserve_client_ip.enabled,Value=false`,
      }),
    );
  });

  it('a target outside the snapshot: collect its account', () => {
    const docs = privateLinkDocs();
    docs.NetworkInterfaces = docs.NetworkInterfaces.filter(
      (eni) => eni.NetworkInterfaceId !== IDS.target2Eni,
    );
    const reservation = docs.Reservations[1]!;
    reservation.Instances = (reservation.Instances as Json[]).filter(
      (i) => i.InstanceId !== IDS.target2,
    );
    const result = fix(docs);
    expect(result.manual).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_DESTINATION',
        what: expect.stringContaining('collect the account that owns it'),
      }),
    ]);
  });

  it('cross-zone off with no target in a zone: enable cross-zone, on the target group when it overrides', () => {
    const docs = privateLinkDocs();
    docs.TargetGroupAttributes[0]!.Attributes = [
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ];
    const group = docs.LoadBalancerTargetHealth[0]!;
    group.TargetHealthDescriptions = (group.TargetHealthDescriptions as Json[]).filter(
      (d) => (d.Target as Json).Id !== IDS.target2,
    );
    const result = fix(docs);
    expect(result.manual).toEqual([
      expect.objectContaining({
        code: 'ELBV2_NO_TARGETS_IN_AZ',
        command: `aws elbv2 modify-target-group-attributes --target-group-arn ${IDS.targetGroup} --attributes Key=load_balancing.cross_zone.enabled,Value=true`,
      }),
    ]);
  });
});
