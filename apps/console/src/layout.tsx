import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from './session';

const ROLE_NAMES: Record<string, string> = {
  SCREENER: 'Screener',
  MANAGER: 'Manager',
  ADMIN: 'Administrator',
  POLICE: 'Police',
  PARTNER: 'Partner',
};

// every page: a title, a skip link, the service header with who is signed in, one main
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const { me, signOut } = useSession();
  useEffect(() => {
    document.title = `${title} – Front door`;
  }, [title]);
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-header" data-module="govuk-header">
        <div className="govuk-header__container govuk-width-container">
          <div className="govuk-header__logo">
            <Link to="/" className="govuk-header__homepage-link">
              <span className="govuk-header__product-name">Front door</span>
            </Link>
          </div>
        </div>
      </header>
      {me && (
        <div className="govuk-width-container">
          <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" data-testid="signed-in-as">
            Signed in as <strong>{me.user.name}</strong>, {ROLE_NAMES[me.user.role] ?? me.user.role},{' '}
            {me.user.agency.name}.{' '}
            <button type="button" className="govuk-link fd-link-button" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
        </div>
      )}
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <p className="govuk-body-s">Front door: the multi-agency children’s hub.</p>
        </div>
      </footer>
    </>
  );
}
