/**
 * The model cut by account: each account's directory holds only the resources it owns, as an
 * AWS CLI collection run with that account's credentials would.
 */
import type {
  EndpointService,
  Eni,
  Instance,
  LoadBalancer,
  NetworkAcl,
  NetworkModel,
  PrefixList,
  SecurityGroup,
  Subnet,
  TargetGroup,
  Vpc,
  VpcEndpoint,
} from './model.js';

/** The resources one account owns, in generation order. */
export interface AccountSlice {
  readonly accountId: string;
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly securityGroups: SecurityGroup[];
  readonly networkAcls: NetworkAcl[];
  readonly enis: Eni[];
  readonly instances: Instance[];
  readonly prefixLists: PrefixList[];
  readonly loadBalancers: LoadBalancer[];
  readonly targetGroups: TargetGroup[];
  readonly endpointServices: EndpointService[];
  readonly vpcEndpoints: VpcEndpoint[];
  /** Endpoints (of any account) connected to this account's services. */
  readonly connections: VpcEndpoint[];
}

function emptySlice(accountId: string): AccountSlice {
  return {
    accountId,
    vpcs: [],
    subnets: [],
    securityGroups: [],
    networkAcls: [],
    enis: [],
    instances: [],
    prefixLists: [],
    loadBalancers: [],
    targetGroups: [],
    endpointServices: [],
    vpcEndpoints: [],
    connections: [],
  };
}

type Owned = { readonly accountId: string };

function distribute<T extends Owned>(
  slices: Map<string, AccountSlice>,
  items: readonly T[],
  pick: (s: AccountSlice) => T[],
): void {
  for (const item of items) pick(slices.get(item.accountId)!).push(item);
}

/** Splits the model into one slice per account, in account order. */
export function sliceByAccount(model: NetworkModel): AccountSlice[] {
  const slices = new Map(model.accounts.map((a) => [a.accountId, emptySlice(a.accountId)]));
  distribute(slices, model.vpcs, (s) => s.vpcs);
  distribute(slices, model.subnets, (s) => s.subnets);
  distribute(slices, model.securityGroups, (s) => s.securityGroups);
  distribute(slices, model.networkAcls, (s) => s.networkAcls);
  distribute(slices, model.enis, (s) => s.enis);
  distribute(slices, model.instances, (s) => s.instances);
  distribute(slices, model.prefixLists, (s) => s.prefixLists);
  distribute(slices, model.loadBalancers, (s) => s.loadBalancers);
  distribute(slices, model.targetGroups, (s) => s.targetGroups);
  distribute(slices, model.endpointServices, (s) => s.endpointServices);
  distribute(slices, model.vpcEndpoints, (s) => s.vpcEndpoints);
  const serviceOwner = new Map(model.endpointServices.map((s) => [s.serviceId, s.accountId]));
  for (const endpoint of model.vpcEndpoints) {
    if (endpoint.service.kind !== 'generated') continue;
    slices.get(serviceOwner.get(endpoint.service.serviceId)!)!.connections.push(endpoint);
  }
  return [...slices.values()];
}
