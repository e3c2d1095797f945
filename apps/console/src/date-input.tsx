import type { FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { ApiFailure } from './api';
import { instantAt, zoned } from './time-zone';
import { fieldId, problemsOf } from './ui';

// the GOV.UK date input for react-hook-form (Day, Month, Year, and a Time when the moment
// matters) and what it holds read as a date or an instant. The console has no date library
// (CONSOLE.md 4): the front door's clock (time-zone.ts) is read through Intl.
//
// One scheme for every form: the boxes are `${name}.day`, `.month`, `.year` (and `.time`), with
// ids fieldId of those; the date's error is held on `${name}.day`, so the error summary's link
// lands on the first box.

export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export interface DateTimeParts extends DateParts {
  time: string;
}

export const NO_DATE: DateParts = { day: '', month: '', year: '' };
export const NO_DATE_TIME: DateTimeParts = { ...NO_DATE, time: '' };

// "YYYY-MM-DD", '' when nothing was typed, or undefined when it is not a real date
export function dateOf(parts: DateParts): string | undefined {
  const [d, m, y] = [parts.day, parts.month, parts.year].map((p) => p.trim());
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return undefined;
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +m - 1 || date.getUTCDate() !== +d)
    return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

// a time as people type it, on the 24-hour clock ("14:30", "1430", "14.30", "9:05") or the
// 12-hour one ("11pm", "11.30am"): "HH:MM", or undefined when it is not a time
export function clockOf(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  let hour: number;
  let minute: number;
  const clock = /^(\d{1,2})[:.]?(\d{2})$/.exec(text);
  const twelve = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)$/.exec(text);
  if (clock) {
    [hour, minute] = [Number(clock[1]), Number(clock[2])];
    if (hour > 23 || minute > 59) return undefined;
  } else if (twelve) {
    [hour, minute] = [Number(twelve[1]), Number(twelve[2] ?? 0)];
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    hour = (hour % 12) + (twelve[3] === 'pm' ? 12 : 0);
  } else return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

// a real date and a time on the front door's wall clock as an ISO instant, or undefined
export function instantOf(parts: DateTimeParts): string | undefined {
  const date = dateOf(parts);
  const time = clockOf(parts.time);
  if (!date || !time) return undefined;
  return instantAt(date, time).toISOString();
}

// a calendar date ("2026-03-27", or an ISO string's date) as the boxes show it
export function partsOfDate(date: string | undefined): DateParts {
  if (!date) return { ...NO_DATE };
  const [year, month, day] = date.slice(0, 10).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

// an instant as the boxes show it, on the front door's wall clock
export function partsOfInstant(iso: string | undefined): DateTimeParts {
  if (!iso) return { ...NO_DATE_TIME };
  const format = zoned('wall-clock', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return {
    day: String(Number(p.day)),
    month: String(Number(p.month)),
    year: String(Number(p.year)),
    time: `${p.hour.padStart(2, '0')}:${p.minute.padStart(2, '0')}`,
  };
}

// the api names a date or an instant as one field ("heldAt", "children.0.dateOfBirth"); the
// form holds its error on the first box. A 400's details with the fields `boxOf` renames (those
// it answers undefined for are kept), ready for applyServerErrors
export function onDateBoxes(error: unknown, boxOf: (field: string) => string | undefined): unknown {
  if (!(error instanceof ApiFailure) || !error.error.details) return error;
  return new ApiFailure({
    ...error.error,
    details: error.error.details.map((d) => ({ ...d, field: boxOf(d.field) ?? d.field })),
  });
}

const WIDTH = { day: 2, month: 2, year: 4, time: 5 } as const;
const LABEL = { day: 'Day', month: 'Month', year: 'Year', time: 'Time' } as const;

export function DateInput<T extends FieldValues>({
  name,
  legend,
  hint,
  register,
  errors,
  withTime = false,
  legendClass = 'govuk-fieldset__legend--s',
}: {
  name: string;
  legend: string;
  hint: string;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  withTime?: boolean;
  legendClass?: string;
}) {
  const id = fieldId(name);
  const error = problemsOf(errors).find((p) => p.field === fieldId(`${name}.day`));
  const parts = withTime ? (['day', 'month', 'year', 'time'] as const) : (['day', 'month', 'year'] as const);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        role="group"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      >
        <legend className={legendClass ? `govuk-fieldset__legend ${legendClass}` : 'govuk-fieldset__legend'}>
          {legend}
        </legend>
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error && (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error.message}
          </p>
        )}
        <div className="govuk-date-input">
          {parts.map((part) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={fieldId(`${name}.${part}`)}>
                  {LABEL[part]}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${WIDTH[part]}${error ? ' govuk-input--error' : ''}`}
                  id={fieldId(`${name}.${part}`)}
                  inputMode={part === 'time' ? undefined : 'numeric'}
                  autoComplete="off"
                  {...register(`${name}.${part}` as Path<T>)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
