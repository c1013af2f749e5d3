import { useEffect, useState } from 'react';
import type { Hop } from '../../paths/hop.js';
import { decidingRuleLines } from '../../report/hop-label.js';
import type { Station } from '../../report/path-stations.js';
import { fetchInspect } from './api.js';
import { AclTable, GroupTable } from './rule-tables.js';

const VERDICT_TEXT = { pass: 'passes', block: 'blocks', partial: 'passes only part' } as const;

/** IDs whose rules explain a station: its NACL, or the security groups that judged it. */
function idsToInspect(station: Station): string[] {
  const hops = [station.request, station.reply].filter((h): h is Hop => h !== undefined);
  return [
    ...new Set(
      hops.flatMap((hop) => {
        if (hop.kind === 'network-acl') return [hop.component];
        if (hop.kind === 'security-group') return [...(hop.securityGroups ?? [])];
        return [];
      }),
    ),
  ];
}

type Loaded = Record<string, Record<string, unknown> | string>;

function useInspected(ids: readonly string[]): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({});
  const key = ids.join(' ');
  useEffect(() => {
    let live = true;
    setLoaded({});
    for (const id of key === '' ? [] : key.split(' ')) {
      fetchInspect(id).then((answer) => {
        if (!live) return;
        setLoaded((old) => ({ ...old, [id]: answer.ok ? answer.value : answer.message }));
      });
    }
    return () => {
      live = false;
    };
  }, [key]);
  return loaded;
}

function Rules({ hop, loaded }: { hop: Hop; loaded: Loaded }) {
  const ids =
    hop.kind === 'network-acl'
      ? [hop.component]
      : hop.kind === 'security-group'
        ? [...(hop.securityGroups ?? [])]
        : [];
  return (
    <>
      {ids.map((id) => {
        const value = loaded[id];
        if (value === undefined) return <p key={id}>Loading {id}…</p>;
        if (typeof value === 'string') return <p key={id}>{value}</p>;
        return hop.kind === 'network-acl' ? (
          <AclTable key={id} hop={hop} acl={value} />
        ) : (
          <GroupTable key={id} hop={hop} group={value} />
        );
      })}
    </>
  );
}

function HopDetails({ hop, side, loaded }: { hop: Hop; side: string; loaded: Loaded }) {
  const direction = hop.direction === undefined ? '' : ` (${hop.direction})`;
  return (
    <section className={`hop-details v-${hop.verdict}`} data-testid={`hop-details-${side}`}>
      <h3>
        {side === 'request' ? 'Request' : 'Reply'}
        {direction}: {VERDICT_TEXT[hop.verdict]}
      </h3>
      {hop.packet ? (
        <p className="packet">
          {hop.packet.protocol} {hop.packet.source} → {hop.packet.destination} port{' '}
          {hop.packet.port}
        </p>
      ) : null}
      <p>{hop.detail}</p>
      {decidingRuleLines(hop).length > 0 ? (
        <ul className="deciding-lines">
          {decidingRuleLines(hop).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {hop.code ? <p className="muted">Reachability Analyzer code: {hop.code}</p> : null}
      <Rules hop={hop} loaded={loaded} />
    </section>
  );
}

/** The side panel for a clicked hop: what it decided each way, and the rules it read. */
export function HopPanel({ station, onClose }: { station: Station; onClose: () => void }) {
  const loaded = useInspected(idsToInspect(station));
  return (
    <aside className="side-panel" data-testid="hop-panel">
      <button type="button" className="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      <h2>{station.role}</h2>
      <p>
        <code>{station.component}</code>
      </p>
      {station.request ? <HopDetails hop={station.request} side="request" loaded={loaded} /> : null}
      {station.reply ? <HopDetails hop={station.reply} side="reply" loaded={loaded} /> : null}
    </aside>
  );
}
