import { useCatalogue } from '../contact-data';

// help on the referral form: what each level of need means, with examples, as the council's
// threshold document words them (GET /api/thresholds, from config/threshold-catalogue.yml);
// nothing of it is written here
export function ThresholdGuidance() {
  const { data } = useCatalogue();
  if (!data || data.levels.length === 0) return null;
  return (
    <details className="govuk-details" data-testid="threshold-guidance">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">What each level of need means</span>
      </summary>
      <div className="govuk-details__text">
        {[...data.levels]
          .sort((a, b) => a.level - b.level)
          .map((level) => (
            <div key={level.level} className="fd-threshold-level">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                Level {level.level}: {level.name}
              </h3>
              <p className="govuk-body">{level.description}</p>
              {level.examples.length > 0 && (
                <>
                  <p className="govuk-body govuk-!-margin-bottom-1">For example:</p>
                  <ul className="govuk-list govuk-list--bullet">
                    {level.examples.map((example) => (
                      <li key={example}>{example}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
      </div>
    </details>
  );
}
