import { useForm } from 'react-hook-form';
import { partsOfDate } from '../date-input';
import { ErrorSummary } from '../error-summary';
import { Page } from '../layout';
import { problemsOf } from '../ui';
import { AnnexA, type AnnexAForm } from './annex-a';
import { CinCensus } from './cin-census';
import { frontDoorToday } from './dates';

// issue 19: the statutory returns a front door's records feed, checked and downloaded (MANAGER,
// ADMIN); "today" is the front door's calendar date (the api's time zone, the browser's clock)
export function ReturnsPage() {
  const today = frontDoorToday();
  const annexA = useForm<AnnexAForm>({
    defaultValues: { asOf: partsOfDate(today), format: 'xlsx', heading: [] },
  });
  const problems = problemsOf(annexA.formState.errors);
  return (
    <Page title="Statutory returns" error={problems.length > 0} wide>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full fd-returns">
          <ErrorSummary problems={problems} />
          <h1 className="govuk-heading-xl">Statutory returns</h1>
          <CinCensus today={today} />
          <AnnexA form={annexA} today={today} />
        </div>
      </div>
    </Page>
  );
}
