import type { ReactNode } from 'react';
import { dateOnly, SummaryList } from '../ui';
import type { Notification } from './notifications';
import { zoned } from '../time-zone';

// issue 16 item 5, P3: what the force sent, read back as the api keeps it, in the order and
// words of the form's check answers page. The api gives the police no record ids or histories
// of the children, and this shows nothing of the contacts made from it (it has no place for them)

type Details = NonNullable<Notification['details']>;
type Child = Details['children'][number];

const RISK_LEVELS: Record<Notification['riskLevel'], string> = {
  STANDARD: 'Standard',
  MEDIUM: 'Medium',
  HIGH: 'High',
};
const RELATIONSHIPS: Record<Details['relationship'], string> = {
  PARTNER: 'Partner',
  EX_PARTNER: 'Ex-partner',
  FAMILY: 'Family member',
  OTHER: 'Other',
};

// "3 March 2026 at 22:30", in the front door's time zone, as the officer typed it
const dayAndTime = (iso: string) =>
  `${zoned('day-long', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso))} at ${zoned('clock', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))}`;

const yesNo = (value: boolean | undefined) => (value === undefined ? 'Not known' : value ? 'Yes' : 'No');
const born = (value: string | undefined) => (value ? dateOnly(value) : 'Not given');

function delay(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  if (h < 48) return `${h} h ${minutes % 60} min`;
  return `${Math.floor(h / 24)} days`;
}

function Section({ title, rows, testId }: { title: string; rows: [string, ReactNode][]; testId: string }) {
  return (
    <section data-testid={testId}>
      <h3 className="govuk-heading-s">{title}</h3>
      <SummaryList rows={rows} />
    </section>
  );
}

const mark = (value: boolean, what: string) =>
  value ? (
    <>
      Yes<span className="govuk-visually-hidden">, {what}</span>
    </>
  ) : (
    <span className="fd-secondary">No</span>
  );

function Children({ children }: { children: Child[] }) {
  return (
    <section data-testid="sent-children">
      <h3 className="govuk-heading-s">{children.length === 1 ? 'Child' : `Children (${children.length})`}</h3>
      {/* on a narrow screen the table scrolls sideways in a region a keyboard can reach */}
      <div className="fd-police-scroll" role="region" aria-label="Children" tabIndex={0}>
        <table className="govuk-table fd-police-children">
          <caption className="govuk-table__caption govuk-visually-hidden">
            The children you named, and where each was during the incident
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Child
              </th>
              <th scope="col" className="govuk-table__header">
                Date of birth
              </th>
              <th scope="col" className="govuk-table__header">
                School or nursery
              </th>
              <th scope="col" className="govuk-table__header">
                In the home
              </th>
              <th scope="col" className="govuk-table__header">
                Witness
              </th>
              <th scope="col" className="govuk-table__header">
                Injured
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {children.map((c, i) => {
              const name = `${c.firstName} ${c.lastName}`;
              return (
                // a child's position in what was sent is its key (no id is given to the police)
                <tr className="govuk-table__row" key={i} data-testid="sent-child">
                  <th scope="row" className="govuk-table__header">
                    {name}
                  </th>
                  <td className="govuk-table__cell fd-police-nowrap">{born(c.dateOfBirth)}</td>
                  <td className="govuk-table__cell">
                    {c.school ?? <span className="fd-secondary">Not given</span>}
                  </td>
                  <td className="govuk-table__cell">{mark(c.present, 'in the home')}</td>
                  <td className="govuk-table__cell">{mark(c.witnessed, 'a witness')}</td>
                  <td className="govuk-table__cell">{mark(c.injured, 'injured')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function WhatYouSent({ n }: { n: Notification }) {
  const d = n.details;
  const incident: [string, ReactNode][] = [
    ['Police reference', n.policeReference],
    ['Date and time', <time dateTime={n.incidentAt}>{dayAndTime(n.incidentAt)}</time>],
    [
      'Received',
      <>
        <time dateTime={n.receivedAt}>{dayAndTime(n.receivedAt)}</time>
        <span className="fd-secondary"> ({delay(n.submissionDelayMinutes)} after the incident)</span>
      </>,
    ],
  ];
  const risk: [string, ReactNode][] = [
    ['Risk tool', n.riskTool],
    ...(n.riskTool === 'DASH'
      ? ([['DASH score', n.dashScore !== undefined ? String(n.dashScore) : 'Not given']] as [
          string,
          string,
        ][])
      : []),
    ['Risk level', RISK_LEVELS[n.riskLevel] ?? n.riskLevel],
  ];
  // reading width for the lists; the children's table takes the full width, so that each of its
  // six columns reads on one line
  const narrow = (content: ReactNode) => (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">{content}</div>
    </div>
  );
  return (
    <div data-testid="what-you-sent">
      {narrow(
        <>
          <h2 className="govuk-heading-m">What you sent</h2>
          <Section title="Incident" rows={incident} testId="sent-incident" />
          <Section title="Risk" rows={risk} testId="sent-risk" />
          {d && (
            <>
              <Section
                title="Victim"
                testId="sent-victim"
                rows={[
                  ['Name', `${d.victim.firstName} ${d.victim.lastName}`],
                  ['Date of birth', born(d.victim.dateOfBirth)],
                  ['Pregnant', yesNo(d.victim.pregnant)],
                ]}
              />
              <Section
                title="Perpetrator"
                testId="sent-perpetrator"
                rows={[
                  ['Name', `${d.perpetrator.firstName} ${d.perpetrator.lastName}`],
                  ['Date of birth', born(d.perpetrator.dateOfBirth)],
                  ['Arrested', yesNo(d.perpetrator.arrested)],
                  ['A parent of the children', yesNo(d.perpetrator.parentOfChildren)],
                  ['Relationship to the victim', RELATIONSHIPS[d.relationship] ?? d.relationship],
                ]}
              />
            </>
          )}
        </>,
      )}
      {d ? (
        <>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-full">
              <Children children={d.children} />
            </div>
          </div>
          {narrow(
            <>
              <Section
                title="What happened"
                testId="sent-what-happened"
                rows={[
                  ['Anyone injured', yesNo(d.injuries)],
                  ['Weapon used', yesNo(d.weaponUsed)],
                  ['Alcohol or drug misuse', yesNo(d.substanceMisuse)],
                  [
                    'Summary',
                    <span className="fd-preserve-lines" data-testid="sent-summary">
                      {d.summary}
                    </span>,
                  ],
                ]}
              />
              <Section
                title="Officer"
                testId="sent-officer"
                rows={[
                  ['Name', d.officer.name],
                  ['Collar number', d.officer.collarNumber || 'Not given'],
                ]}
              />
            </>,
          )}
        </>
      ) : (
        // an answer without the details (an api older than the police read-back): the children
        // by name, as the list has them
        narrow(<Section title="Children" rows={[['Children', n.childName]]} testId="sent-children" />)
      )}
    </div>
  );
}
