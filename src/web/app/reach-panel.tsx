import { useState } from 'react';
import type { AdmittedItem, ReachToResult } from '../../analysis/reach/reach.js';
import { type Answer, fetchReach, type Question } from './api.js';

function admittedText(item: AdmittedItem): string {
  const ports = item.ports.length > 0 ? ` ${item.ports.join(', ')}` : '';
  return `${item.protocol}${ports} from ${item.cidrs.join(', ')}`;
}

function ReachResult({ result }: { result: ReachToResult }) {
  return (
    <div data-testid="reach-result">
      <h3 className="reach-result-heading">Admitted sources</h3>
      {result.admitted.length === 0 ? (
        <p className="muted">none: no address gets through the destination side</p>
      ) : (
        <ul>
          {result.admitted.map((item) => (
            <li key={admittedText(item)}>{admittedText(item)}</li>
          ))}
        </ul>
      )}
      <h3 className="reach-result-heading">ENIs in the snapshot that reach it</h3>
      {result.sources.length === 0 ? (
        <p className="muted">none, with their own security groups and network ACLs applied</p>
      ) : (
        <ul>
          {result.sources.map((source) => (
            <li key={source.eniId}>
              <code>{source.instanceId ?? source.eniId}</code> {source.name ?? ''}{' '}
              {source.addresses.join(', ')}: {source.reaches.map(admittedText).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {result.limitations.map((l) => (
        <p key={`${l.code}|${l.component}`} className="muted">
          {l.detail}
        </p>
      ))}
    </div>
  );
}

/**
 * Who can reach the destination at all, on the question's port: asked on demand, since it looks
 * at every source rather than one.
 */
export function ReachPanel({ question }: { question: Question }) {
  const [answer, setAnswer] = useState<Answer<ReachToResult> | undefined>(undefined);
  const [asked, setAsked] = useState<Question | undefined>(undefined);
  const current = asked === question ? answer : undefined;
  return (
    <section className="panel" data-testid="reach-panel">
      <h2>Reach</h2>
      <button
        type="button"
        data-testid="reach"
        onClick={() => {
          setAsked(question);
          setAnswer(undefined);
          fetchReach(question).then(setAnswer);
        }}
      >
        Who can reach {question.to} on {question.protocol}
        {question.port === '' ? '' : ` ${question.port}`}?
      </button>
      {current === undefined ? null : current.ok ? (
        <ReachResult result={current.value} />
      ) : (
        <p className="muted" data-testid="reach-unavailable">
          {current.message}
        </p>
      )}
    </section>
  );
}
