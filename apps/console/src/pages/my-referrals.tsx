import { Page } from '../layout';

// issue 16: not built yet
export function MyReferrals() {
  return (
    <Page title="My referrals">
      <h1 className="govuk-heading-l">My referrals</h1>
    </Page>
  );
}
