import { Link } from 'react-router';
import { Page } from '../layout';

// after signing out, or when the session has ended (idle, expired, ended by an admin)
export function SignedOut({ expired }: { expired: boolean }) {
  const title = expired ? 'Your session has ended' : 'You have signed out';
  return (
    <Page title={title}>
      <h1 className="govuk-heading-l">{title}</h1>
      {expired && (
        <p className="govuk-body">
          Sessions end after a time without use, and when they are ended elsewhere: signed out on another
          device, or by an administrator. A decision or referral you were writing is kept in this tab for when
          you sign in again.
        </p>
      )}
      <Link to="/sign-in" className="govuk-button">
        Sign in
      </Link>
    </Page>
  );
}
