import { useEffect, useState } from 'react';
import { type Answer, fetchFix, type Question } from './api.js';
import { type FixChange, readChanges, readFormats, readManualSteps } from './fix-changes.js';

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      onClick={() => {
        navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** One format's text with its copy button. */
function FormatBlock({ format, text }: { format: string; text: string }) {
  return (
    <div className="fix-format" data-testid="fix-format">
      <div className="fix-format-head">
        <span>{format}</span> <CopyButton text={text} />
      </div>
      <pre>{text}</pre>
    </div>
  );
}

function FixBody({ answer }: { answer: Answer<unknown> }) {
  if (!answer.ok)
    return (
      <p className="muted" data-testid="fix-unavailable">
        {answer.status === 501 ? 'Fix suggestions are not available: ' : 'No fix: '}
        {answer.message}
      </p>
    );
  const changes = readChanges(answer.value);
  if (changes === undefined) return <pre>{JSON.stringify(answer.value, null, 2)}</pre>;
  const manual = readManualSteps(answer.value);
  return (
    <>
      <ChangeList changes={changes} />
      {readFormats(answer.value).map(([format, text]) => (
        <FormatBlock key={format} format={format} text={text} />
      ))}
      {manual.length === 0 ? null : (
        <ul className="manual" data-testid="fix-manual">
          {manual.map((step) => (
            <li key={step.what}>
              {step.what}
              {step.command === null ? null : <pre>{step.command}</pre>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ChangeList({ changes }: { changes: readonly FixChange[] }) {
  return (
    <ol className="changes">
      {changes.map((change) => (
        <li key={change.description} data-testid="fix-change">
          <p>{change.description}</p>
          {change.formats.map(([format, text]) => (
            <FormatBlock key={format} format={format} text={text} />
          ))}
        </li>
      ))}
    </ol>
  );
}

/** What must change for a failing trace to pass, as the fix analysis proposes it. */
export function FixPanel({ question }: { question: Question }) {
  const [answer, setAnswer] = useState<Answer<unknown> | undefined>(undefined);
  const { from, to, port, protocol } = question;
  useEffect(() => {
    let live = true;
    setAnswer(undefined);
    fetchFix({ from, to, port, protocol }).then((a) => live && setAnswer(a));
    return () => {
      live = false;
    };
  }, [from, to, port, protocol]);
  return (
    <section className="panel" data-testid="fix-panel">
      <h2>Fix</h2>
      {answer === undefined ? <p>Working out a fix…</p> : <FixBody answer={answer} />}
    </section>
  );
}
