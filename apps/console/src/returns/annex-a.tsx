import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { dateOf, DateInput, partsOfDate, type DateParts } from '../date-input';
import { ProblemSummary } from '../error-summary';
import { useErrorInTitle } from '../layout';
import { Checkboxes, dateOnly, Radios, useSingleFlight } from '../ui';
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

type AnnexACounts = Schema<'AnnexACountsDto'>;

const LIST_WORDS: Record<string, string> = {
  'List 1': 'List 1: contacts',
  'List 3': 'List 3: referrals',
  'List 5': 'List 5: section 47 enquiries and ICPCs',
};

function Counts({ counts }: { counts: AnnexACounts }) {
  const caption = useRef<HTMLTableCaptionElement>(null);
  // the answer is heard: focus goes to the table's caption when it arrives
  useEffect(() => caption.current?.focus(), [counts]);
  return (
    <table className="govuk-table fd-annex-a-counts" data-testid="annex-a-counts">
      <caption className="govuk-table__caption govuk-table__caption--m" tabIndex={-1} ref={caption}>
        Rows from {dateOnly(counts.from)} to {dateOnly(counts.asOf)}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            List
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Rows
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {counts.lists.map((list) => (
          <tr className="govuk-table__row" key={list.list} data-list={list.list}>
            <th scope="row" className="govuk-table__header">
              {LIST_WORDS[list.list] ?? list.list}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              {list.rows.toLocaleString('en-GB')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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
  const [counts, setCounts] = useState<AnnexACounts>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  const flight = useSingleFlight();
  useErrorInTitle(!!failed);
  // the date checked on the page, its problem on the first box (the error summary's link)
  const checkedDate = () => {
    const checked = asOfProblem(form.getValues('asOf'), today);
    if (checked.problem) setError('asOf.day', { message: checked.problem });
    else clearErrors();
    return checked.date;
  };
  const count = () => {
    const asked = checkedDate();
    if (!asked) return;
    flight(async () => {
      setBusy(true);
      setFailed(undefined);
      try {
        setCounts(
          await unwrap(client.GET('/api/returns/annex-a/counts', { params: { query: { asOf: asked } } })),
        );
      } catch (error) {
        setCounts(undefined);
        const detail =
          error instanceof ApiFailure && error.error.status === 400
            ? error.error.details?.find((d) => d.field === 'asOf')
            : undefined;
        if (detail) setError('asOf.day', { message: `The date the lists are as at ${detail.message}` });
        else
          setFailed(
            error instanceof ApiFailure
              ? `The lists could not be counted: ${error.error.message}`
              : 'The lists could not be counted. Try again.',
          );
      } finally {
        setBusy(false);
      }
    });
  };
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
      <ProblemSummary problem={failed} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          count();
        }}
      >
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
        <div className="govuk-button-group">
          <button
            type="submit"
            className="govuk-button"
            data-module="govuk-button"
            aria-disabled={busy || undefined}
            data-testid="annex-a-count"
          >
            {busy ? 'Counting the rows…' : 'Count the rows'}
          </button>
          <a
            href={href}
            download={date ? true : undefined}
            className="govuk-button govuk-button--secondary"
            data-testid="annex-a-download"
            draggable="false"
            onClick={(event) => {
              if (!checkedDate()) event.preventDefault();
            }}
          >
            Download Annex A ({file})
          </a>
        </div>
      </form>
      {counts && <Counts counts={counts} />}
    </section>
  );
}
