import { Page } from '../layout';

// issue 16: not built yet
export function PoliceNotifications() {
  return (
    <Page title="Your force's notifications">
      <h1 className="govuk-heading-l">Your force's notifications</h1>
    </Page>
  );
}
