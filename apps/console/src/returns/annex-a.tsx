import type { UseFormReturn } from 'react-hook-form';
import { dateOf, DateInput, partsOfDate, type DateParts } from '../date-input';
import { Checkboxes, Radios } from '../ui';
import { annexAHref } from './dates';

export interface AnnexAForm {
  asOf: DateParts;
  format: 'xlsx' | 'csv';
  heading: string[]; // ['sex'] when the 2026 template's heading is wanted
}

// the date the lists are as at, or the problem with it as the error summary words it
export function asOfProblem(parts: DateParts, today: string): { date?: string; problem?: string } {
  const date = dateOf(parts);
  if (date === '') return { problem: 'Enter the date the lists are as at' };
  if (date === undefined) return { problem: 'The date the lists are as at must be a real date' };
  if (date > today) return { problem: 'The date the lists are as at must be today or in the past' };
  return { date };
}

// issue 19: Ofsted's Annex A lists 1, 3 and 5 (contacts, referrals, section 47 enquiries) as at a
// date, as the workbook or as csv files; the link is built from the choices and the session's
// cookie authorises the download
export function AnnexA({ form, today }: { form: UseFormReturn<AnnexAForm>; today: string }) {
  const { register, formState, watch, setError, clearErrors } = form;
  const [asOf, format, heading] = watch(['asOf', 'format', 'heading']);
  const { date } = asOfProblem(asOf, today);
  const sexHeading = (heading ?? []).includes('sex');
  const href = date ? annexAHref(date, format, sexHeading) : '#asOf-day';
  const example = partsOfDate(today);
  const file = format === 'csv' ? 'CSV files, zipped' : 'Excel workbook';
  return (
    <section aria-labelledby="annex-a">
      <h2 className="govuk-heading-l" id="annex-a">
        Ofsted’s Annex A lists
      </h2>
      <p className="govuk-body">
        The lists an inspection asks for on its first day: list 1 (contacts), list 3 (referrals) and list 5
        (section 47 enquiries and initial child protection conferences), for the six months before the date
        they are as at.
      </p>
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        <DateInput<AnnexAForm>
          name="asOf"
          legend="As at"
          hint={`Usually the day before the inspection. For example, ${example.day} ${example.month} ${example.year}`}
          register={register}
          errors={formState.errors}
        />
        <Radios<AnnexAForm>
          name="format"
          label="Format"
          register={register}
          errors={formState.errors}
          choices={[
            { value: 'xlsx', label: 'Excel workbook', hint: 'One workbook, a sheet per list' },
            { value: 'csv', label: 'CSV files in a zip', hint: 'One file per list' },
          ]}
        />
        <Checkboxes<AnnexAForm>
          name="heading"
          label="Template"
          register={register}
          errors={formState.errors}
          choices={[{ value: 'sex', label: 'Use the 2026 template’s ‘Sex’ heading' }]}
        />
        <a
          href={href}
          download={date ? true : undefined}
          className="govuk-button govuk-button--secondary"
          data-testid="annex-a-download"
          draggable="false"
          onClick={(event) => {
            const checked = asOfProblem(form.getValues('asOf'), today);
            if (checked.problem) {
              event.preventDefault();
              setError('asOf.day', { message: checked.problem });
            } else clearErrors();
          }}
        >
          Download Annex A ({file})
        </a>
      </form>
    </section>
  );
}
