import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { DoneBanner } from '../admin/common';
import { ChildChanges } from '../children/changes';
import { disabilitiesWords, ethnicityWords, SEX_WORDS } from '../children/demographics';
import { MergedRecords } from '../children/merges';
import { useSession } from '../session';
import { client, unwrap, type Schema } from '../api-client';
import { NotFound, Page } from '../layout';
import {
  ageInYears,
  Banner,
  dateOnly,
  OUTCOME_WORDS,
  RagTag,
  STATUS_WORDS,
  SummaryList,
  when,
  words,
} from '../ui';

type Entry = Schema<'ChildHistoryEntryDto'>;

const KIND_WORDS: Record<Entry['kind'], string> = {
  CONTACT: 'Contact',
  DA_NOTIFICATION: 'DA notification',
  REFERRAL: 'Referral',
  STRATEGY_DISCUSSION: 'Strategy discussion',
};

const S47_WORDS: Record<NonNullable<Entry['s47Outcome']>['outcome'], string> = {
  CONCERNS_SUBSTANTIATED_ICPC: 'concerns substantiated, conference needed',
  CONCERNS_SUBSTANTIATED_NO_ICPC: 'concerns substantiated, no conference needed',
  NOT_SUBSTANTIATED: 'concerns not substantiated',
};

// CIN census categories of abuse
const PLAN_WORDS: Record<string, string> = {
  NEG: 'neglect',
  PHY: 'physical abuse',
  SAB: 'sexual abuse',
  EMO: 'emotional abuse',
  MUL: 'multiple',
};

// where an entry of the history is read in full, for the staff who read this page
function linkOf(entry: Entry): string | undefined {
  if (entry.kind === 'CONTACT') return `/contacts/${entry.id}`;
  if (entry.kind === 'DA_NOTIFICATION') return `/da-notifications/${entry.id}`;
  if (entry.kind === 'STRATEGY_DISCUSSION') return `/strategy-discussions/${entry.id}`;
  return entry.contactId ? `/contacts/${entry.contactId}` : undefined;
}

// issue 17 item 8: everything the front door knows of one child (GET /api/children/:id, one
// audited read): who they are, the household, and the whole history as a timeline, newest first
export function ChildRecord() {
  const { id = '' } = useParams();
  const child = useQuery({
    queryKey: ['child', id],
    queryFn: () => unwrap(client.GET('/api/children/{id}', { params: { path: { id } } })),
  });
  const navigate = useNavigate();
  const mergedFrom = (useLocation().state as { mergedFrom?: string } | null)?.mergedFrom;
  const { me } = useSession();
  // decision 0028: a merged duplicate's record names the record it was merged into: go there
  const keptId = child.data?.mergedInto;
  useEffect(() => {
    if (keptId) void navigate(`/children/${keptId}`, { replace: true, state: { mergedFrom: id } });
  }, [keptId, id, navigate]);
  if (child.error) return <NotFound />;
  const c = child.data;
  if (!c || c.mergedInto) {
    return (
      <Page title="Child">
        <p className="govuk-body">Loading the child’s record…</p>
      </Page>
    );
  }
  const name = `${c.firstName} ${c.lastName}`;
  const history = [...c.history].reverse();
  return (
    <Page title={`${name} – child record`} wide>
      <Link to="/children" className="govuk-back-link">
        Find a child
      </Link>
      <DoneBanner />
      {mergedFrom && (
        <Banner key={mergedFrom} title="Important" focus>
          <p className="govuk-notification-banner__heading">
            The record you opened was merged into this one.
          </p>
        </Banner>
      )}
      <span className="govuk-caption-l">Child record</span>
      <h1 className="govuk-heading-l">{name}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Who they are</h2>
          <SummaryList
            rows={[
              [
                'Date of birth',
                c.dateOfBirth
                  ? `${dateOnly(c.dateOfBirth)}, ${ageInYears(c.dateOfBirth)} years`
                  : c.expectedDateOfBirth
                    ? `Unborn: expected ${dateOnly(c.expectedDateOfBirth)}`
                    : 'Not known',
              ],
              ['NHS number', c.nhsNumber ?? 'Not known'],
              ['Sex', c.sex ? SEX_WORDS[c.sex] : 'Not recorded'],
              ['Ethnicity', ethnicityWords(c.ethnicity) ?? 'Not recorded'],
              ['Disabilities', disabilitiesWords(c.disabilities) ?? 'Not known'],
              ['Unique pupil number (UPN)', c.upn ?? 'Not known'],
              ['First language', c.firstLanguage ?? 'Not known'],
              [
                'Interpreter needed',
                c.interpreterNeeded === undefined ? 'Not known' : c.interpreterNeeded ? 'Yes' : 'No',
              ],
              ['Returns ID (LAchildID)', c.laChildId ?? 'Not known'],
              ['Case system ID', c.caseSystemId ?? 'Not recorded'],
              [
                'Open to children’s social care',
                c.openToSocialCareSince
                  ? `Since ${dateOnly(c.openToSocialCareSince)}`
                  : 'Not known to be open',
              ],
              ['Address', c.address ?? 'Not known'],
              ['Postcode', c.postcode ?? 'Not known'],
              ['School', c.school ?? 'Not known'],
            ]}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/children/${c.id}/edit`}>
              Correct this record
            </Link>
          </p>
          <h2 className="govuk-heading-m">Household</h2>
          {c.household.length === 0 ? (
            <p className="govuk-body">No other children are named with this child.</p>
          ) : (
            <ul className="govuk-list" data-testid="household">
              {c.household.map((member) => (
                <li key={member.id}>
                  <Link className="govuk-link" to={`/children/${member.id}`}>
                    {member.firstName} {member.lastName}
                  </Link>
                  {member.dateOfBirth ? `, born ${dateOnly(member.dateOfBirth)}` : ''}
                </li>
              ))}
            </ul>
          )}
          <ChildChanges changes={c.changes} />
          <MergedRecords childId={c.id} merges={c.merges} manager={me?.user.role === 'MANAGER'} />
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">History</h2>
          {history.length === 0 ? (
            <p className="govuk-body">Nothing yet.</p>
          ) : (
            <ol className="fd-timeline" data-testid="child-history">
              {history.map((entry) => {
                const to = linkOf(entry);
                return (
                  <li key={`${entry.kind}:${entry.id}`} className="fd-timeline__item">
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong>{KIND_WORDS[entry.kind]}</strong>,{' '}
                      {entry.referralDate ? dateOnly(entry.referralDate) : when(entry.at)}{' '}
                      {to ? (
                        <Link className="govuk-link" to={to}>
                          {entry.reference ?? 'Open'}
                        </Link>
                      ) : (
                        entry.reference
                      )}{' '}
                      {entry.rag && <RagTag rag={entry.rag} />}{' '}
                      {entry.reReferral && (
                        <strong className="govuk-tag govuk-tag--yellow">Re-referral</strong>
                      )}
                    </p>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      {entry.status ? (STATUS_WORDS[entry.status] ?? words(entry.status)) : ''}
                      {entry.outcome ? ` · ${OUTCOME_WORDS[entry.outcome] ?? words(entry.outcome)}` : ''}
                      {entry.heldAt ? ` · held ${when(entry.heldAt)}` : ''}
                    </p>
                    {entry.s47Outcome && (
                      <p className="govuk-body-s govuk-!-margin-bottom-1">
                        s47 enquiry concluded {when(entry.s47Outcome.concludedAt)}:{' '}
                        {S47_WORDS[entry.s47Outcome.outcome] ?? words(entry.s47Outcome.outcome)}
                      </p>
                    )}
                    {entry.icpc && (
                      <p className="govuk-body-s govuk-!-margin-bottom-1">
                        Initial child protection conference {when(entry.icpc.heldAt)}:{' '}
                        {entry.icpc.childProtectionPlan
                          ? `child protection plan (${PLAN_WORDS[entry.icpc.category ?? ''] ?? entry.icpc.category})`
                          : 'no plan'}
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      </div>
    </Page>
  );
}
