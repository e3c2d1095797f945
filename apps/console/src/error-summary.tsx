import { useEffect, useRef, type ReactNode } from 'react';

export interface FieldProblem {
  field: string; // the id of the input it is about
  message: string;
}

// the GOV.UK error summary: at the top, focused when it appears, each problem a link to its field
export function ErrorSummary({ problems }: { problems: FieldProblem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  // focus when the problems change (a submit found them), not on every render: a person
  // typing a fix must keep their place
  const key = problems.map((p) => `${p.field}:${p.message}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (problems.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>
                <a href={`#${p.field}`}>{p.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function TextInput(props: {
  id: string;
  label: string;
  type?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  hint?: string;
  value: string;
  error?: string;
  onChange(value: string): void;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div id={`${props.id}-hint`} className="govuk-hint">
          {props.hint}
        </div>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <input
        className={`govuk-input${props.error ? ' govuk-input--error' : ''}`}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        spellCheck={false}
        value={props.value}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

// the summary for a refusal no field can hold (a check-answers page, a stale record)
export function ProblemSummary({ problem, children }: { problem: string | undefined; children?: ReactNode }) {
  if (!problem) return null;
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1} ref={(el) => el?.focus()}>
      <h2 className="govuk-error-summary__title">There is a problem</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{problem}</p>
        {children}
      </div>
    </div>
  );
}
