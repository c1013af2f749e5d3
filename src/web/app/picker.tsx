import { useId, useMemo, useState } from 'react';
import type { CatalogEntry } from '../catalog.js';
import { matchEntries } from './catalog-search.js';

interface PickerProps {
  readonly label: string;
  readonly value: string;
  readonly entries: readonly CatalogEntry[];
  readonly onChange: (value: string) => void;
  readonly testId: string;
}

/**
 * A text field that suggests resources as one types (by ID, Name tag or IP); any text is still
 * accepted, so an address the catalog does not list can be traced too.
 */
export function Picker({ label, value, entries, onChange, testId }: PickerProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const matches = useMemo(() => matchEntries(entries, value), [entries, value]);
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder="ID, Name tag or IP"
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && matches.length > 0 ? (
        <ul className="matches" data-testid={`${testId}-matches`}>
          {matches.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  onChange(entry.id);
                  setOpen(false);
                }}
              >
                <span className="kind">{entry.kind}</span> {entry.name ?? ''}{' '}
                <code>{entry.id.length > 48 ? `…${entry.id.slice(-40)}` : entry.id}</code>{' '}
                <span className="muted">{entry.addresses.slice(0, 2).join(', ')}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
