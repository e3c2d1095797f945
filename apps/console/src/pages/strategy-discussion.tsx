import { Page } from '../layout';

// issue 16: not built yet
export function StrategyDiscussion() {
  return (
    <Page title="Strategy discussion">
      <h1 className="govuk-heading-l">Strategy discussion</h1>
    </Page>
  );
}
