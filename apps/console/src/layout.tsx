import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useNow } from './live';
import { useSession } from './session';
import { zoned } from './time-zone';

export const ROLE_NAMES: Record<string, string> = {
  SCREENER: 'Screener',
  MANAGER: 'Manager',
  ADMIN: 'Administrator',
  POLICE: 'Police',
  PARTNER: 'Partner',
};

// what each role works on (CONSOLE.md 3.0), and what each place is for (the home page lists
// them); the first is the role's home
export const NAVIGATION: Record<string, { to: string; label: string; about: string }[]> = {
  SCREENER: [
    {
      to: '/screening',
      label: 'Screening',
      about: 'Contacts waiting for a threshold decision, most urgent first',
    },
    { to: '/triage', label: 'DA triage', about: 'Police domestic-abuse notifications waiting for triage' },
    {
      to: '/encompass',
      label: 'Encompass',
      about: 'Schools to tell before the first lesson (Operation Encompass)',
    },
    { to: '/strategy', label: 'Strategy', about: 'Strategy discussions to schedule and record' },
    { to: '/authorisation', label: 'Authorisation', about: 'Decisions waiting for a manager (read only)' },
    { to: '/children', label: 'Find a child', about: 'Search the register; a child’s whole record' },
    { to: '/contacts/new', label: 'Record a contact', about: 'A contact taken by phone, email or in person' },
    { to: '/feedback', label: 'My feedback', about: 'What managers’ quality audits found in your decisions' },
  ],
  MANAGER: [
    { to: '/dashboard', label: 'Dashboard', about: 'Timeliness across the front door, live' },
    {
      to: '/returns',
      label: 'Returns',
      about: 'The CIN census and Ofsted’s Annex A lists, checked and downloaded',
    },
    {
      to: '/consistency',
      label: 'Consistency',
      about: 'Whether thresholds are applied alike: NFA by screener, children back after a closure',
    },
    { to: '/screening', label: 'Screening', about: 'Contacts waiting for a threshold decision; assign them' },
    { to: '/triage', label: 'DA triage', about: 'Police domestic-abuse notifications waiting for triage' },
    {
      to: '/encompass',
      label: 'Encompass',
      about: 'Schools to tell before the first lesson (Operation Encompass)',
    },
    { to: '/strategy', label: 'Strategy', about: 'Strategy discussions to schedule and record' },
    { to: '/authorisation', label: 'Authorisation', about: 'Decisions waiting for your authorisation' },
    {
      to: '/quality-audits',
      label: 'Quality audits',
      about: 'The weekly sample of threshold decisions to audit, and past weeks to draw',
    },
    { to: '/children', label: 'Find a child', about: 'Search the register; a child’s whole record' },
    { to: '/contacts/new', label: 'Record a contact', about: 'A contact taken by phone, email or in person' },
    { to: '/audit', label: 'Audit', about: 'Who read or changed what, and the chain check' },
    {
      to: '/feedback',
      label: 'My feedback',
      about: 'What other managers’ quality audits found in your decisions',
    },
  ],
  ADMIN: [
    { to: '/admin', label: 'Administration', about: 'Service status, agencies, accounts and API clients' },
    { to: '/dashboard', label: 'Dashboard', about: 'Timeliness across the front door (read only)' },
    {
      to: '/returns',
      label: 'Returns',
      about: 'The CIN census and Ofsted’s Annex A lists, checked and downloaded',
    },
    {
      to: '/consistency',
      label: 'Consistency',
      about: 'Whether thresholds are applied alike: NFA by screener, children back after a closure',
    },
    { to: '/audit', label: 'Audit', about: 'Who read or changed what, and the chain check' },
  ],
  POLICE: [
    {
      to: '/da-notifications',
      label: 'Notifications',
      about: 'Your force’s notifications and their triage status',
    },
    {
      to: '/information-requests',
      label: 'Requests for information',
      about: 'What the front door asks your agency about a child',
    },
    {
      to: '/da-notifications/new',
      label: 'Send a notification',
      about: 'Tell the front door of a domestic-abuse incident',
    },
  ],
  PARTNER: [
    { to: '/referrals', label: 'My referrals', about: 'What your agency sent and what became of it' },
    {
      to: '/information-requests',
      label: 'Requests for information',
      about: 'What the front door asks your agency about a child',
    },
    {
      to: '/contacts/new',
      label: 'Make a referral',
      about: 'Tell the front door you are worried about a child',
    },
  ],
};

// forms inside a page that is not theirs (the triage form, a row's form, the contact page's
// start-a-discussion) say they show problems, so the page's title starts "Error: " (WCAG 3.3.1)
const TitleProblems = createContext<(key: string, showing: boolean) => void>(() => undefined);

export function useErrorInTitle(showing: boolean): void {
  const report = useContext(TitleProblems);
  const key = useId();
  useEffect(() => {
    report(key, showing);
    return () => report(key, false);
  }, [report, key, showing]);
}

let firstPath: string | undefined;
let lastPath: string | undefined;
let moved = false;

export function homeOf(role: string): string {
  return NAVIGATION[role]?.[0]?.to ?? '/';
}

// every page: a title (prefixed "Error: " while an error summary shows), a skip link, the
// service header with who is signed in, the role's navigation, one main whose h1 takes focus
// on arrival so a screen reader hears the page change
export function Page({
  title,
  error = false,
  wide = false,
  children,
}: {
  title: string;
  error?: boolean;
  wide?: boolean;
  children: ReactNode;
}) {
  const { me, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const [nested, setNested] = useState<ReadonlySet<string>>(() => new Set());
  const report = useCallback((key: string, showing: boolean) => {
    setNested((now) => {
      if (now.has(key) === showing) return now;
      const next = new Set(now);
      if (showing) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const failing = error || nested.size > 0;
  useEffect(() => {
    document.title = `${failing ? 'Error: ' : ''}${title} – Front door`;
  }, [title, failing]);
  const { pathname } = useLocation();
  useEffect(() => {
    // on the page the tab opened at, the skip link stays the first tab stop; once the
    // person has moved within the app, focus goes to each new page's heading so a screen
    // reader hears the change (and to a page's heading once it has loaded)
    firstPath ??= pathname;
    if (!moved && pathname === firstPath) return;
    moved = true;
    const heading = main.current?.querySelector('h1');
    const lost = document.activeElement === document.body || !document.activeElement?.isConnected;
    // an error summary the new page opened with has focus already (its effect runs first): the
    // person hears what is wrong, not the heading
    const onProblems = !!document.activeElement?.closest('.govuk-error-summary');
    if (heading && !onProblems && (lost || pathname !== lastPath)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    lastPath = pathname;
  }, [title, pathname]);
  const links = me ? (NAVIGATION[me.user.role] ?? []) : [];
  // WCAG 2.2.1: the session's end is said ten minutes ahead (its absolute end cannot move)
  const now = useNow();
  const endsAt = me ? new Date(me.session.expiresAt).getTime() : Infinity;
  const ending = endsAt - now < 10 * 60_000;
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-header" data-module="govuk-header">
        <div className={`govuk-header__container govuk-width-container${wide ? ' fd-wide' : ''}`}>
          <div className="govuk-header__logo">
            <Link to="/home" className="govuk-header__homepage-link">
              <span className="govuk-header__product-name">Front door</span>
            </Link>
          </div>
        </div>
      </header>
      {me && links.length > 0 && (
        <section
          aria-label="Menu"
          className="govuk-service-navigation"
          data-module="govuk-service-navigation"
        >
          <div className={`govuk-width-container${wide ? ' fd-wide' : ''}`}>
            <div className="govuk-service-navigation__container">
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  {links.map((link) => (
                    <li className="govuk-service-navigation__item" key={link.to}>
                      <NavLink
                        to={link.to}
                        end={links.some((other) => other.to.startsWith(`${link.to}/`))}
                        className="govuk-service-navigation__link"
                      >
                        {link.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </div>
        </section>
      )}
      {me && (
        <div className={`govuk-width-container${wide ? ' fd-wide' : ''}`}>
          <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" data-testid="signed-in-as">
            Signed in as <strong>{me.user.name}</strong>, {ROLE_NAMES[me.user.role] ?? me.user.role},{' '}
            {me.user.agency.name}.{' '}
            <button type="button" className="govuk-link fd-link-button" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
        </div>
      )}
      <div className={`govuk-width-container${wide ? ' fd-wide' : ''}`}>
        {me && ending && (
          <div
            className="govuk-notification-banner govuk-!-margin-top-4"
            role="region"
            aria-label="Your session"
          >
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title">Your session</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading" data-testid="session-ending">
                Your session ends at{' '}
                {zoned('clock', { hour: '2-digit', minute: '2-digit' }).format(new Date(endsAt))}. Sign in
                again then: a decision or referral you are writing is kept.
              </p>
            </div>
          </div>
        )}
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1} ref={main}>
          <TitleProblems.Provider value={report}>{children}</TitleProblems.Provider>
        </main>
      </div>
      <footer className="govuk-footer">
        <div className={`govuk-width-container${wide ? ' fd-wide' : ''}`}>
          <p className="govuk-body-s">Front door: the multi-agency children’s hub.</p>
        </div>
      </footer>
    </>
  );
}

// a route this role may not use: it never says whether the record exists (CONSOLE.md 3.0)
export function CannotSee() {
  return (
    <Page title="You cannot see this page">
      <h1 className="govuk-heading-l">You cannot see this page</h1>
      <p className="govuk-body">Your role does not give you access to this page.</p>
    </Page>
  );
}

export function NotFound() {
  return (
    <Page title="Page not found">
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
    </Page>
  );
}
