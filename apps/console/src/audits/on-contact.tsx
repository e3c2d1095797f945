import { Link } from 'react-router';
import type { StaffContact } from '../contact-data';
import { useSession } from '../session';
import { SummaryList, when } from '../ui';
import { answerRows, AuditStatusTag, ConcernWarning, weekWords } from './words';

// issue 21 item 3: the contact's dip-sample audits (open and answered), with any concern an
// answer raised that no manager has dealt with yet
export function AuditsOnContact({ contact }: { contact: StaffContact }) {
  const { me } = useSession();
  const audits = contact.audits ?? [];
  if (audits.length === 0) return null;
  return (
    <section aria-labelledby="quality-audit-heading" data-testid="contact-audits">
      <h2 className="govuk-heading-m" id="quality-audit-heading">
        Quality audit
      </h2>
      {audits.map((audit) => {
        // a manager reads any audit; a screener only those of their own decisions
        const readable = me?.user.role === 'MANAGER' || audit.decidedBy.id === me?.user.id;
        return (
          <div key={audit.id} data-audit={audit.id}>
            <ConcernWarning audit={audit} />
            <SummaryList
              rows={[
                [
                  'Sample',
                  <>
                    Week starting {weekWords(audit.weekStarting)}{' '}
                    {readable && (
                      <Link className="govuk-link" to={`/quality-audits/${audit.id}`}>
                        Open the audit
                      </Link>
                    )}
                  </>,
                ],
                ['Status', <AuditStatusTag status={audit.status} />],
                ['Decision audited', `${audit.decidedBy.name}, ${when(audit.decision.decidedAt)}`],
                ...(audit.status === 'SWAPPED'
                  ? ([['Why it was taken out', audit.swapReason ?? '']] as [string, string][])
                  : []),
                ...(audit.status === 'OPEN'
                  ? ([['Audit due', when(audit.dueAt)]] as [string, string][])
                  : []),
                ...(audit.answer ? answerRows(audit.answer) : []),
              ]}
            />
          </div>
        );
      })}
    </section>
  );
}
