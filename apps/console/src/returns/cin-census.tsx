import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiFailure } from '../api';
import { client, unwrap, type Schema } from '../api-client';
import { ProblemSummary } from '../error-summary';
import { useErrorInTitle } from '../layout';
import { Banner, dateOnly, SummaryList, useSingleFlight } from '../ui';
import { collectionYearWords, recentCollectionYears } from './dates';

type CensusCheck = Schema<'CensusCheckDto'>;
type CensusProblem = Schema<'CensusProblemDto'>;

// the record a problem is fixed on, as the console routes it
const RECORD: Record<CensusProblem['link']['kind'], { path: string; words: string }> = {
  child: { path: '/children', words: 'Child’s record' },
  contact: { path: '/contacts', words: 'Contact' },
  'strategy-discussion': { path: '/strategy-discussions', words: 'Strategy discussion' },
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

// ERROR red, QUERY yellow; a query every front-door return carries (2991Q: assessments are the
// case system's) grey, as "Expected"
function ProblemTag({ problem }: { problem: CensusProblem }) {
  if (problem.expected) return <strong className="govuk-tag govuk-tag--grey">Expected</strong>;
  return problem.type === 'ERROR' ? (
    <strong className="govuk-tag govuk-tag--red">Error</strong>
  ) : (
    <strong className="govuk-tag govuk-tag--yellow">Query</strong>
  );
}

// the problems child by child (the api sorts them by LAchildID, then rule)
function byChild(problems: CensusProblem[]): [string, CensusProblem[]][] {
  const groups = new Map<string, CensusProblem[]>();
  for (const problem of problems) {
    const group = groups.get(problem.laChildId) ?? [];
    group.push(problem);
    groups.set(problem.laChildId, group);
  }
  return [...groups];
}

function Problems({ problems }: { problems: CensusProblem[] }) {
  return (
    <>
      {byChild(problems).map(([laChildId, rows]) => (
        <table className="govuk-table fd-queue fd-census-problems" key={laChildId} data-child={laChildId}>
          <caption className="govuk-table__caption govuk-table__caption--s">
            Child {laChildId}: {plural(rows.length, 'problem')}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {['Rule', 'Type', 'What the DfE says', 'Field', 'Fix it on'].map((column) => (
                <th scope="col" className="govuk-table__header" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((problem) => {
              const record = RECORD[problem.link.kind];
              return (
                <tr
                  className="govuk-table__row"
                  key={`${problem.rule}:${problem.field}:${problem.link.id}`}
                  data-rule={problem.rule}
                >
                  <td className="govuk-table__cell" data-label="Rule">
                    {problem.rule}
                  </td>
                  <td className="govuk-table__cell" data-label="Type">
                    <ProblemTag problem={problem} />
                  </td>
                  <td className="govuk-table__cell" data-label="What the DfE says">
                    {problem.message}
                    {problem.expected && (
                      <span className="govuk-body-s fd-secondary fd-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                        Expected of a front-door return: assessments come from the council’s case system,
                        which the council merges with this return.
                      </span>
                    )}
                  </td>
                  <td className="govuk-table__cell" data-label="Field">
                    <code className="fd-census-field">{problem.field}</code>
                  </td>
                  <td className="govuk-table__cell" data-label="Fix it on">
                    <Link className="govuk-link" to={`${record.path}/${problem.link.id}`}>
                      {record.words}
                      <span className="govuk-visually-hidden">
                        {' '}
                        for child {laChildId}, rule {problem.rule}
                      </span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </>
  );
}

function Result({ check }: { check: CensusCheck }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // the answer is heard: focus goes to its heading when it arrives
  useEffect(() => heading.current?.focus(), [check]);
  const errors = check.problems.filter((p) => p.type === 'ERROR').length;
  const expected = check.problems.filter((p) => p.expected).length;
  const queries = check.problems.length - errors;
  const years = collectionYearWords(check.year);
  return (
    <section aria-labelledby="census-result" data-testid="census-result">
      <h3 className="govuk-heading-m" id="census-result" tabIndex={-1} ref={heading}>
        The census for {years}
      </h3>
      {check.children === 0 ? (
        <div className="govuk-inset-text" data-testid="census-nothing">
          There is nothing to return for {years}: the front door referred no child in the year, and held no
          section 47 enquiry or initial child protection conference in it.
        </div>
      ) : (
        <>
          <SummaryList
            rows={[
              [
                'Children',
                <span data-testid="census-children">{check.children.toLocaleString('en-GB')}</span>,
              ],
              [
                'CIN episodes (referrals)',
                <span data-testid="census-episodes">{check.episodes.toLocaleString('en-GB')}</span>,
              ],
              [
                'DfE rules checked',
                <span data-testid="census-rules">{check.rulesChecked.toLocaleString('en-GB')}</span>,
              ],
              ['Reference date', dateOnly(check.referenceDate)],
              [
                'Problems',
                <span data-testid="census-problem-count">
                  {check.problems.length === 0
                    ? 'None'
                    : `${plural(errors, 'error')}, ${plural(queries, 'query', 'queries')}${expected ? ` (${expected} expected)` : ''}`}
                </span>,
              ],
            ]}
          />
          {check.problems.length === 0 ? (
            <Banner kind="success" title="Checked">
              <p className="govuk-notification-banner__heading" data-testid="census-clean">
                The front door’s records break none of the {check.rulesChecked} DfE rules checked.
              </p>
            </Banner>
          ) : (
            <>
              <p className="govuk-body">
                Fix an error on the record it links to, then check again: the line goes once the record is
                right. A query needs an explanation when the census is sent, unless it is expected.
              </p>
              <Problems problems={check.problems} />
            </>
          )}
          <p className="govuk-body">
            The file holds what the front door recorded: referrals, section 47 enquiries, initial conferences
            and their plans. The council merges it with its case system’s return.
          </p>
          <a
            href={`/api/returns/cin-census?year=${check.year}`}
            download={`cin-census-${check.year}.xml`}
            className="govuk-button govuk-button--secondary"
            data-testid="census-download"
            draggable="false"
          >
            Download the census (XML)
          </a>
        </>
      )}
    </section>
  );
}

// issue 19: the DfE children in need census of a collection year, checked against the rules the
// front door's records can break, then downloaded
export function CinCensus({ today }: { today: string }) {
  const years = recentCollectionYears(today);
  const [year, setYear] = useState(years[0]);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<CensusCheck>();
  const [failed, setFailed] = useState<string>();
  const flight = useSingleFlight();
  useErrorInTitle(!!failed);
  const run = (asked: number) =>
    flight(async () => {
      setBusy(true);
      setFailed(undefined);
      try {
        const answer = await unwrap(
          client.GET('/api/returns/cin-census/check', { params: { query: { year: asked } } }),
        );
        setCheck(answer);
      } catch (error) {
        setCheck(undefined);
        setFailed(
          error instanceof ApiFailure
            ? `The census could not be checked: ${error.error.message}`
            : 'The census could not be checked. Try again.',
        );
      } finally {
        setBusy(false);
      }
    });
  return (
    <section aria-labelledby="cin-census" className="govuk-!-margin-bottom-9">
      <ProblemSummary problem={failed} />
      <h2 className="govuk-heading-l" id="cin-census">
        Children in need census
      </h2>
      <p className="govuk-body">
        The DfE’s census of the children referred to children’s social care in a collection year, 1 April to
        31 March. Check it first: each problem links to the record to fix.
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run(year);
        }}
      >
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="census-year">
            Collection year
          </label>
          <div className="govuk-hint" id="census-year-hint">
            The year ends on 31 March, its reference date
          </div>
          <select
            className="govuk-select"
            id="census-year"
            name="year"
            aria-describedby="census-year-hint"
            value={year}
            onChange={(event) => {
              setYear(Number(event.target.value));
              setCheck(undefined);
              setFailed(undefined);
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {collectionYearWords(y)}
                {y === years[0] ? ' (this year)' : ''}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="govuk-button"
          data-module="govuk-button"
          aria-disabled={busy || undefined}
          data-testid="census-check"
        >
          {busy ? 'Checking the census…' : 'Check the census'}
        </button>
      </form>
      {check && <Result check={check} />}
    </section>
  );
}
