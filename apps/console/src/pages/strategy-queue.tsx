import { Page } from '../layout';

// issue 16: not built yet
export function StrategyQueue() {
  return (
    <Page title="Strategy discussions">
      <h1 className="govuk-heading-l">Strategy discussions</h1>
    </Page>
  );
}
