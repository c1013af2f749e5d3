import { type FormEvent, useEffect, useState } from 'react';
import type { TraceResult } from '../../analysis/trace.js';
import type { CatalogEntry, CatalogSummary } from '../catalog.js';
import { fetchSummary, fetchTrace, type Question } from './api.js';
import { FixPanel } from './fix-panel.js';
import { Picker } from './picker.js';
import { ReachPanel } from './reach-panel.js';
import { TraceView } from './trace-view.js';

function Blocked({ result }: { result: TraceResult }) {
  if (result.blocked.length === 0) return null;
  return (
    <section className="panel" data-testid="blocked">
      <h2>Blocked by</h2>
      <ul>
        {result.blocked.map((item) => (
          <li key={`${item.component}|${item.direction}|${item.path}|${item.rule}|${item.code}`}>
            <strong>
              {item.kind} {item.component}
            </strong>{' '}
            {item.direction} {item.path}
            {item.rule === undefined ? '' : ` rule ${item.rule}`} <code>{item.code}</code>
            <div>{item.detail}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Limits({ result }: { result: TraceResult }) {
  if (result.limitations.length === 0) return null;
  return (
    <section className="panel">
      <h2>Limits of this answer</h2>
      <ul>
        {result.limitations.map((l) => (
          <li key={`${l.code}|${l.component}`}>
            {l.detail} <code>{l.code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

function describeSnapshot(summary: CatalogSummary | undefined): string {
  if (summary === undefined) return 'loading snapshot…';
  const { counts } = summary;
  return [
    `${summary.files} files`,
    `${counts.networkInterfaces} ENIs`,
    `${counts.vpcEndpoints} endpoints`,
    `${counts.loadBalancers} load balancers`,
  ].join(' · ');
}

interface FormProps {
  readonly question: Question;
  readonly catalog: readonly CatalogEntry[];
  readonly onChange: (question: Question) => void;
  readonly onSubmit: () => void;
}

/** Source, destination, port and protocol: the same question as `vpcreach trace`. */
function QuestionForm({ question, catalog, onChange, onSubmit }: FormProps) {
  const set = (key: keyof Question) => (value: string) => onChange({ ...question, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="question" onSubmit={submit}>
      <Picker
        label="From"
        value={question.from}
        entries={catalog.filter((e) => e.source)}
        onChange={set('from')}
        testId="from"
      />
      <Picker label="To" value={question.to} entries={catalog} onChange={set('to')} testId="to" />
      <div className="small-field">
        <label htmlFor="port">Port</label>
        <input
          id="port"
          data-testid="port"
          value={question.port}
          inputMode="numeric"
          onChange={(e) => set('port')(e.target.value)}
        />
      </div>
      <div className="small-field">
        <label htmlFor="protocol">Protocol</label>
        <select
          id="protocol"
          data-testid="protocol"
          value={question.protocol}
          onChange={(e) => set('protocol')(e.target.value)}
        >
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
          <option value="icmp">icmp</option>
        </select>
      </div>
      <button type="submit" data-testid="trace" disabled={!question.from || !question.to}>
        Trace
      </button>
    </form>
  );
}

function Answer({ result, asked }: { result: TraceResult; asked: Question }) {
  return (
    <main>
      <p className={`verdict path-${result.verdict}`} data-testid="verdict">
        {result.summary}
      </p>
      <TraceView key={result.summary + JSON.stringify(asked)} result={result} />
      <Blocked result={result} />
      {result.verdict === 'reachable' ? null : <FixPanel question={asked} />}
      <ReachPanel question={asked} />
      <Limits result={result} />
    </main>
  );
}

/** The page: the question form, the verdict, the diagram, and the fix and reach panels. */
export function App() {
  const [summary, setSummary] = useState<CatalogSummary | undefined>();
  const [question, setQuestion] = useState<Question>({
    from: '',
    to: '',
    port: '443',
    protocol: 'tcp',
  });
  const [answer, setAnswer] = useState<{ asked: Question; result: TraceResult } | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    fetchSummary().then((a) => (a.ok ? setSummary(a.value) : setError(a.message)));
  }, []);
  const trace = () => {
    setError(undefined);
    fetchTrace(question).then((a) => {
      setAnswer(a.ok ? { asked: question, result: a.value } : undefined);
      setError(a.ok ? undefined : a.message);
    });
  };
  return (
    <div className="page">
      <header>
        <h1>vpcreach</h1>
        <span className="muted">{describeSnapshot(summary)}</span>
      </header>
      <QuestionForm
        question={question}
        catalog={summary?.catalog ?? []}
        onChange={setQuestion}
        onSubmit={trace}
      />
      {error === undefined ? null : (
        <p className="error" data-testid="error">
          {error}
        </p>
      )}
      {answer === undefined ? null : <Answer result={answer.result} asked={answer.asked} />}
    </div>
  );
}
