import { useState } from 'react';
import { type Answer, fetchReach } from './api.js';

/** Who can reach the destination at all, on demand, since it is the slower question. */
export function ReachPanel({ to }: { to: string }) {
  const [answer, setAnswer] = useState<Answer<unknown> | undefined>(undefined);
  const [asked, setAsked] = useState('');
  const current = asked === to ? answer : undefined;
  return (
    <section className="panel" data-testid="reach-panel">
      <h2>Reach</h2>
      <button
        type="button"
        disabled={to === ''}
        onClick={() => {
          setAsked(to);
          setAnswer(undefined);
          fetchReach(to).then(setAnswer);
        }}
      >
        Who can reach {to || 'the destination'}?
      </button>
      {current === undefined ? null : current.ok ? (
        <pre>{JSON.stringify(current.value, null, 2)}</pre>
      ) : (
        <p className="muted" data-testid="reach-unavailable">
          {current.status === 501 ? 'Reach is not available: ' : ''}
          {current.message}
        </p>
      )}
    </section>
  );
}
