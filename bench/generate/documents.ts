/**
 * Renders one account's slice of the model as the snapshot documents a user's collection
 * would hold: one list per top-level key of src/snapshot/keys.ts.
 */
import { SNAPSHOT_KEYS, type SnapshotKey } from '../../src/snapshot/keys.js';
import type { AccountSlice } from './account-slices.js';
import { renderElbv2 } from './documents-elbv2.js';
import {
  renderConnection,
  renderServiceConfiguration,
  renderServiceDetails,
  renderVpcEndpoint,
} from './documents-endpoints.js';
import { renderNetworkInterface, renderReservation } from './documents-enis.js';
import {
  renderNetworkAcl,
  renderPrefixLists,
  renderSecurityGroup,
  renderSubnet,
  renderVpc,
  renderZones,
} from './documents-network.js';
import type { Lookups } from './lookups.js';

/** Every snapshot key with its list; keys with nothing to say hold an empty list. */
export type AccountDocuments = Record<SnapshotKey, unknown[]>;

/** Every snapshot document of one account's slice. */
export function renderAccount(lookups: Lookups, slice: AccountSlice): AccountDocuments {
  const prefixLists = renderPrefixLists(slice);
  return {
    Vpcs: slice.vpcs.map(renderVpc),
    Subnets: slice.subnets.map((s) => renderSubnet(lookups, s)),
    AvailabilityZones: renderZones(lookups, slice.accountId),
    NetworkAcls: slice.networkAcls.map(renderNetworkAcl),
    SecurityGroups: slice.securityGroups.map(renderSecurityGroup),
    PrefixLists: prefixLists.PrefixLists,
    PrefixListEntries: prefixLists.PrefixListEntries,
    NetworkInterfaces: slice.enis.map((e) => renderNetworkInterface(lookups, e)),
    Reservations: slice.instances.map((i) => renderReservation(lookups, i)),
    VpcEndpoints: slice.vpcEndpoints.map((e) => renderVpcEndpoint(lookups, e)),
    ServiceConfigurations: slice.endpointServices.map((s) =>
      renderServiceConfiguration(lookups, s),
    ),
    VpcEndpointConnections: slice.connections.map((e) => renderConnection(lookups, e)),
    ServiceDetails: renderServiceDetails(lookups, slice),
    ...renderElbv2(lookups, slice),
  };
}

/** The file a key is written to: the CLI call's name, `describe-vpcs.json` for `Vpcs`. */
export function fileNameOf(key: SnapshotKey): string {
  return `${SNAPSHOT_KEYS[key]}.json`;
}
