import type { Hop, HopVerdict } from '../paths/hop.js';
import type { TracePath } from '../paths/path.js';
import { hopRole, shortComponent } from './hop-label.js';

/**
 * One place on a path that the request and the reply both cross: a subnet's NACL is crossed
 * outbound by the request and inbound by the reply. Security groups are stateful, so their
 * stations have no reply hop; gates (PrivateLink, listener) exist only on the request side.
 */
export interface Station {
  readonly key: string;
  readonly role: string;
  readonly component: string;
  readonly label: string;
  readonly request: Hop | undefined;
  readonly reply: Hop | undefined;
}

/**
 * Pairs each reply hop with the request hop at the same place. The reply crosses the places in
 * reverse order, so walking it backwards and matching on kind and component in order pairs a
 * NACL that guards two subnets of the same path correctly.
 */
export function pathStations(path: TracePath): Station[] {
  const slots: { request: Hop | undefined; reply: Hop | undefined }[] = path.forward.map((hop) => ({
    request: hop,
    reply: undefined,
  }));
  let cursor = 0;
  for (const reply of [...path.return].reverse()) {
    const index = slots.findIndex(
      (slot, i) =>
        i >= cursor &&
        slot.reply === undefined &&
        slot.request?.kind === reply.kind &&
        slot.request.component === reply.component,
    );
    if (index >= 0) {
      slots[index]!.reply = reply;
      cursor = index + 1;
    } else {
      slots.splice(cursor, 0, { request: undefined, reply });
      cursor += 1;
    }
  }
  return slots.map((slot, i) => {
    const hop = (slot.request ?? slot.reply)!;
    return {
      key: `s${i}`,
      role: hopRole(hop, path.waypoints),
      component: hop.component,
      label: shortComponent(hop.component),
      request: slot.request,
      reply: slot.reply,
    };
  });
}

const RANK: Readonly<Record<HopVerdict, number>> = { pass: 0, partial: 1, block: 2 };

/** The worse of a station's two verdicts, which colours its border. */
export function stationVerdict(station: Station): HopVerdict {
  const verdicts = [station.request?.verdict, station.reply?.verdict].filter(
    (v): v is HopVerdict => v !== undefined,
  );
  return verdicts.reduce<HopVerdict>((worst, v) => (RANK[v] > RANK[worst] ? v : worst), 'pass');
}
