import { Page } from '../layout';

// issue 16: not built yet
export function EncompassQueue() {
  return (
    <Page title="Operation Encompass">
      <h1 className="govuk-heading-l">Operation Encompass</h1>
    </Page>
  );
}
