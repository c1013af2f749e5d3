import type { Hop } from '../../paths/hop.js';
import { decidingSegments } from '../../report/hop-label.js';

/** A NACL entry as `/api/inspect` presents it. */
interface AclEntryView {
  readonly rule: number | '*';
  readonly action: string;
  readonly protocol: string;
  readonly ports: string;
  readonly cidr: string;
}

/** A security group rule as `/api/inspect` presents it. */
interface GroupRuleView {
  readonly rule: string;
  readonly field: string;
  readonly description: string | null;
}

type Inspected = Record<string, unknown>;

function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function sideOf(hop: Hop): 'inbound' | 'outbound' {
  return hop.direction === 'egress' ? 'outbound' : 'inbound';
}

/** The NACL's entries for the hop's direction, the deciding ones marked. */
export function AclTable({ hop, acl }: { hop: Hop; acl: Inspected }) {
  const deciding = new Set(
    decidingSegments(hop).flatMap((s) =>
      s.decision.kind === 'network-acl-entry' ? [String(s.decision.ruleNumber)] : [],
    ),
  );
  const side = sideOf(hop);
  const entries = listOf<AclEntryView>(acl[side]);
  return (
    <table className="rules" data-testid="acl-rules">
      <caption>
        {String(acl.id)} — {side} rules, evaluated lowest number first
      </caption>
      <thead>
        <tr>
          <th>Rule</th>
          <th>Protocol</th>
          <th>Ports</th>
          <th>{side === 'inbound' ? 'Source' : 'Destination'}</th>
          <th>Action</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const decides = deciding.has(String(entry.rule));
          // A partial hop has both kinds of deciding entry: colour each by what it did.
          const verdict =
            hop.verdict === 'partial' ? (entry.action === 'deny' ? 'block' : 'pass') : hop.verdict;
          return (
            <tr
              key={String(entry.rule)}
              className={decides ? `deciding v-${verdict}` : undefined}
              data-testid={decides ? 'deciding-rule' : 'rule'}
            >
              <td>{entry.rule}</td>
              <td>{entry.protocol}</td>
              <td>{entry.ports}</td>
              <td>{entry.cidr}</td>
              <td className={entry.action === 'deny' ? 'deny' : 'allow'}>{entry.action}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One security group's rules for the hop's direction, the deciding ones marked. */
export function GroupTable({ hop, group }: { hop: Hop; group: Inspected }) {
  const id = String(group.id);
  const deciding = new Set(
    decidingSegments(hop).flatMap((s) =>
      s.decision.kind === 'security-group-rule' && s.decision.groupId === id
        ? [s.decision.field]
        : [],
    ),
  );
  const side = sideOf(hop);
  const rules = listOf<GroupRuleView>(group[side]);
  const name = typeof group.name === 'string' ? ` (${group.name})` : '';
  return (
    <table className="rules" data-testid="sg-rules">
      <caption>
        {id}
        {name} — {side} rules, any match allows
      </caption>
      <thead>
        <tr>
          <th>Rule</th>
          <th>Field</th>
        </tr>
      </thead>
      <tbody>
        {rules.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              no {side} rules: everything {side} is denied
            </td>
          </tr>
        ) : null}
        {rules.map((rule) => {
          const decides = deciding.has(rule.field);
          return (
            <tr
              key={rule.field}
              className={decides ? `deciding v-${hop.verdict}` : undefined}
              data-testid={decides ? 'deciding-rule' : 'rule'}
            >
              <td>
                {rule.rule}
                {rule.description ? <div className="muted">{rule.description}</div> : null}
              </td>
              <td>
                <code>{rule.field}</code>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
