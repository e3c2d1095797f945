import type { FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { instantAt, zoned } from '../time-zone';
import { fieldId } from '../ui';

// a GOV.UK date input (day, month, year), with a time beside it when the moment matters; the
// console has no date library (CONSOLE.md 4): the front door's clock (time-zone.ts) is read
// through Intl

export interface DateValue {
  day: string;
  month: string;
  year: string;
}
export interface DateTimeValue extends DateValue {
  time: string;
}

// the front door's wall clock at an instant
function wallParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const format = zoned('wall-clock', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

// an instant as the form shows it, on the front door's clock
export function dateTimeValue(iso: string | undefined): DateTimeValue {
  if (!iso) return { day: '', month: '', year: '', time: '' };
  const p = wallParts(new Date(iso));
  return {
    day: String(p.day),
    month: String(p.month),
    year: String(p.year),
    time: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
  };
}

export function dateValue(date: string | undefined): DateValue {
  if (!date) return { day: '', month: '', year: '' };
  const [year, month, day] = date.slice(0, 10).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

// a real calendar date as YYYY-MM-DD, or undefined
export function parseDate(value: DateValue): string | undefined {
  const [day, month, year] = [value.day, value.month, value.year].map((v) => v.trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const at = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (at.getUTCDate() !== Number(day) || at.getUTCMonth() !== Number(month) - 1) return undefined;
  return at.toISOString().slice(0, 10);
}

// a date and a 24-hour time ("14:30", "9.05", "0905") on the front door's clock as an ISO instant, or undefined
export function parseDateTime(value: DateTimeValue): string | undefined {
  const date = parseDate(value);
  const time = /^(\d{1,2})[:.]?(\d{2})$/.exec(value.time.trim());
  if (!date || !time || Number(time[1]) > 23 || Number(time[2]) > 59) return undefined;
  return instantAt(date, `${time[1]}:${time[2]}`).toISOString();
}

function errorAt(errors: FieldErrors, name: string): string | undefined {
  let node: unknown = errors;
  for (const part of name.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

// the first box carries the field's own id, so the error summary's link lands on it
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
  const error = errorAt(errors, name);
  const parts = withTime ? (['day', 'month', 'year', 'time'] as const) : (['day', 'month', 'year'] as const);
  const width = { day: 2, month: 2, year: 4, time: 5 } as const;
  const label = { day: 'Day', month: 'Month', year: 'Year', time: 'Time' } as const;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        role="group"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      >
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error && (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input">
          {parts.map((part, index) => {
            const partId = index === 0 ? id : `${id}-${part}`;
            return (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={partId}>
                    {label[part]}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${width[part]}${error ? ' govuk-input--error' : ''}`}
                    id={partId}
                    inputMode={part === 'time' ? undefined : 'numeric'}
                    autoComplete="off"
                    {...register(`${name}.${part}` as Path<T>)}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
