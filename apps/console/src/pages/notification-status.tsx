import { Page } from '../layout';

// issue 16: not built yet
export function NotificationStatus() {
  return (
    <Page title="DA notification">
      <h1 className="govuk-heading-l">DA notification</h1>
    </Page>
  );
}
