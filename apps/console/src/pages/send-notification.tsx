import { Page } from '../layout';

// issue 16: not built yet
export function SendNotification() {
  return (
    <Page title="Send a DA notification">
      <h1 className="govuk-heading-l">Send a DA notification</h1>
    </Page>
  );
}
