import { InputError, UsageError } from '../../errors.js';
import { type Cidr, cidrContains, parseCidr } from '../../net/cidr.js';
import type { Network } from '../../network/types.js';
import { resolveDestination, resolveSource } from '../../paths/resolve.js';
import type { SelectorField } from './intent.js';

/** Whether a selector names where traffic starts (`from`) or where it goes (`to`). */
export type SelectorRole = 'from' | 'to';

type Tags = readonly { readonly Key: string; readonly Value?: string | undefined }[] | undefined;

/** CIDR blocks already checked by the intents schema. */
export function parsedCidrs(texts: readonly string[]): Cidr[] {
  return texts.map((text) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(`unchecked CIDR ${text}`);
    return parsed.value;
  });
}

/**
 * Turns the selectors of one field into the IDs `traceFlow` takes. `tag:Key=glob` names every
 * instance, ENI and interface endpoint whose tag matches (an endpoint as a source stands for its
 * ENIs, which never open connections, so a trace from them reports that); a CIDR names every ENI
 * with an address in it; anything else must resolve as it does for `trace`. A selector that
 * names nothing is an input error: an intent over no pairs would hold vacuously.
 */
export function expandSelectors(
  network: Network,
  field: SelectorField,
  role: SelectorRole,
): string[] {
  const expanded = field.selectors.flatMap((selector) => {
    const ids = expandOne(network, selector, role, field);
    if (ids.length === 0) throw selectorError(field, selector, 'matches nothing in the snapshot');
    return ids;
  });
  return [...new Set(expanded)];
}

function expandOne(
  network: Network,
  selector: string,
  role: SelectorRole,
  field: SelectorField,
): string[] {
  if (selector.startsWith('tag:')) return taggedResources(network, selector, role, field);
  if (selector.includes('/')) {
    const block = parseCidr(selector);
    if (!block.ok) throw selectorError(field, selector, block.reason);
    return enisIn(network, block.value);
  }
  checkResolves(network, selector, role, field);
  return [selector];
}

function checkResolves(
  network: Network,
  selector: string,
  role: SelectorRole,
  field: SelectorField,
): void {
  try {
    if (role === 'from') resolveSource(network, selector);
    else resolveDestination(network, selector);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const reason = error.message.replace(/^--(from|to) \S+ /, '');
    throw selectorError(field, selector, reason, error.hint);
  }
}

function enisIn(network: Network, block: Cidr): string[] {
  return [...network.enis.values()]
    .filter((eni) => [...eni.ipv4, ...eni.ipv6].some((address) => cidrContains(block, address)))
    .map((eni) => eni.id)
    .sort();
}

function taggedResources(
  network: Network,
  selector: string,
  role: SelectorRole,
  field: SelectorField,
): string[] {
  const match = /^tag:([^=]+)=(.*)$/.exec(selector);
  if (match === null)
    throw selectorError(field, selector, 'is not a tag selector', 'write tag:Key=glob');
  const key = match[1]!;
  const pattern = globPattern(match[2]!);
  const matches = (tags: Tags) =>
    tags?.some((tag) => tag.Key === key && pattern.test(tag.Value ?? '')) ?? false;
  const snapshot = network.snapshot;
  const instances = snapshot.Reservations.flatMap((r) => r.Instances)
    .filter((instance) => matches(instance.Tags))
    .map((instance) => instance.InstanceId);
  const enis = snapshot.NetworkInterfaces.filter((eni) => matches(eni.TagSet)).map(
    (eni) => eni.NetworkInterfaceId,
  );
  const endpoints = snapshot.VpcEndpoints.filter((endpoint) => matches(endpoint.Tags));
  const endpointIds =
    role === 'from'
      ? endpoints.flatMap((endpoint) => endpoint.NetworkInterfaceIds ?? [])
      : endpoints.map((endpoint) => endpoint.VpcEndpointId);
  return [...instances, ...enis, ...endpointIds].sort();
}

/** `*` is any run of characters and `?` one character; everything else is literal. */
export function globPattern(glob: string): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

function selectorError(
  field: SelectorField,
  selector: string,
  message: string,
  hint?: string,
): InputError {
  const where = field.location;
  return new InputError({
    file: `${where.file}:${where.line}:${where.column}`,
    field: field.field,
    value: selector,
    message,
    hint:
      hint ??
      'selectors take an instance, ENI, IP, CIDR, vpce-…, vpce-svc-…, NLB or tag:Key=glob; `vpcreach inspect` lists what was loaded',
  });
}
