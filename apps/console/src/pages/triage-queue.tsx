import { Page } from '../layout';

// issue 16: not built yet
export function TriageQueue() {
  return (
    <Page title="DA triage queue">
      <h1 className="govuk-heading-l">DA triage queue</h1>
    </Page>
  );
}
