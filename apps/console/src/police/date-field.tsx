import type { FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { fieldId, problemsOf } from '../ui';

// the GOV.UK date input for react-hook-form: Day, Month, Year under `${name}.day` etc; its error
// is held on `${name}.day`, so the error summary's link lands on the first box. ui.tsx has no
// date input yet (new-contact.tsx writes its own inline); a candidate for it
export function DateField<T extends FieldValues>({
  name,
  legend,
  hint,
  register,
  errors,
}: {
  name: string;
  legend: string;
  hint: string;
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  const id = fieldId(name);
  const error = problemsOf(errors).find((p) => p.field === fieldId(`${name}.day`));
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        role="group"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error && (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error.message}
          </p>
        )}
        <div className="govuk-date-input">
          {(['day', 'month', 'year'] as const).map((part) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={fieldId(`${name}.${part}`)}>
                  {part.charAt(0).toUpperCase() + part.slice(1)}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`}
                  id={fieldId(`${name}.${part}`)}
                  inputMode="numeric"
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

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

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
