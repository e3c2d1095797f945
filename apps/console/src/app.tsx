import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef, type ReactElement } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { CannotSee, homeOf, NotFound } from './layout';
import { live } from './live';
import { Admin } from './pages/admin';
import { AuditTrail } from './pages/audit';
import { Authorise } from './pages/authorise';
import { AuthorisationQueue } from './pages/authorisation-queue';
import { ChangeRag } from './pages/change-rag';
import { ChildRecord } from './pages/child-record';
import { ContactPage } from './pages/contact';
import { DaNotification } from './pages/da-notification';
import { ConsistencyPage } from './dashboard/consistency';
import { Dashboard } from './pages/dashboard';
import { RecordDecision } from './pages/decision';
import { EncompassQueue } from './pages/encompass-queue';
import { FindChild } from './pages/find-child';
import { Home } from './pages/home';
import { MyReferrals } from './pages/my-referrals';
import { NewContact } from './pages/new-contact';
import { PoliceNotifications } from './pages/police-notifications';
import { ScreeningQueue } from './pages/screening-queue';
import { SendNotification } from './pages/send-notification';
import { SetUpMfa } from './pages/set-up-mfa';
import { SignIn } from './pages/sign-in';
import { SignedOut } from './pages/signed-out';
import { StrategyDiscussion } from './pages/strategy-discussion';
import { StrategyQueue } from './pages/strategy-queue';
import { TriageQueue } from './pages/triage-queue';
import { ReturnsPage } from './returns/returns-page';
import { AuditPage } from './audits/audit-page';
import { QualityAuditQueue } from './audits/audit-queue';
import { DrawPage, DrawWeek } from './audits/draw';
import { MyFeedback } from './audits/feedback';
import { SessionProvider, useSession } from './session';
import { EditChild } from './children/edit-child';
import { MergeChild } from './children/merge-child';
import { UnmergeChild } from './children/unmerge-child';
import { AskPartners } from './information/ask-partners';
import { ChaseRequest } from './information/chase';
import { RequestPage } from './information/request-page';
import { RequestQueue } from './information/request-queue';

// server state: never refetched behind the user's back (every read of a child's record is
// audited), never prefetched; a failed read is shown, not retried three times
const queries = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, refetchOnReconnect: false, retry: false, staleTime: Infinity },
    mutations: { retry: false },
  },
});

const MACH = ['SCREENER', 'MANAGER'];
const ROUTES: { path: string; roles: string[]; element: ReactElement }[] = [
  { path: '/screening', roles: MACH, element: <ScreeningQueue /> },
  { path: '/authorisation', roles: MACH, element: <AuthorisationQueue /> },
  { path: '/contacts/new/*', roles: [...MACH, 'PARTNER'], element: <NewContact /> },
  { path: '/contacts/:id', roles: [...MACH, 'PARTNER'], element: <ContactPage /> },
  { path: '/contacts/:id/rag', roles: MACH, element: <ChangeRag /> },
  { path: '/contacts/:id/decision/*', roles: MACH, element: <RecordDecision /> },
  { path: '/contacts/:id/authorise', roles: ['MANAGER'], element: <Authorise /> },
  { path: '/contacts/:id/information-requests/new', roles: MACH, element: <AskPartners /> },
  { path: '/information-requests', roles: ['PARTNER', 'POLICE'], element: <RequestQueue /> },
  { path: '/information-requests/:id', roles: [...MACH, 'PARTNER', 'POLICE'], element: <RequestPage /> },
  { path: '/information-requests/:id/chase', roles: MACH, element: <ChaseRequest /> },
  { path: '/children', roles: MACH, element: <FindChild /> },
  { path: '/children/:id/merge/*', roles: ['MANAGER'], element: <MergeChild /> },
  { path: '/children/:id/unmerge/:duplicateId', roles: ['MANAGER'], element: <UnmergeChild /> },
  { path: '/children/:id/edit/*', roles: MACH, element: <EditChild /> },
  { path: '/children/:id', roles: MACH, element: <ChildRecord /> },
  { path: '/triage', roles: MACH, element: <TriageQueue /> },
  { path: '/da-notifications', roles: ['POLICE'], element: <PoliceNotifications /> },
  { path: '/da-notifications/new/*', roles: ['POLICE'], element: <SendNotification /> },
  { path: '/da-notifications/:id', roles: [...MACH, 'POLICE'], element: <DaNotification /> },
  { path: '/encompass', roles: MACH, element: <EncompassQueue /> },
  { path: '/strategy', roles: MACH, element: <StrategyQueue /> },
  { path: '/strategy-discussions/:id/*', roles: MACH, element: <StrategyDiscussion /> },
  { path: '/referrals', roles: ['PARTNER'], element: <MyReferrals /> },
  { path: '/dashboard', roles: ['MANAGER', 'ADMIN'], element: <Dashboard /> },
  { path: '/consistency', roles: ['MANAGER', 'ADMIN'], element: <ConsistencyPage /> },
  { path: '/audit', roles: ['MANAGER', 'ADMIN'], element: <AuditTrail /> },
  { path: '/returns', roles: ['MANAGER', 'ADMIN'], element: <ReturnsPage /> },
  { path: '/quality-audits', roles: ['MANAGER'], element: <QualityAuditQueue /> },
  { path: '/quality-audits/draw', roles: ['MANAGER'], element: <DrawWeek /> },
  { path: '/quality-audits/draws/:id', roles: ['MANAGER', 'ADMIN'], element: <DrawPage /> },
  { path: '/quality-audits/:id', roles: MACH, element: <AuditPage /> },
  { path: '/feedback', roles: MACH, element: <MyFeedback /> },
  { path: '/admin/*', roles: ['ADMIN'], element: <Admin /> },
];

function Routed() {
  const { me, ended } = useSession();
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (me) wasSignedIn.current = true;
    else if (me === null) {
      // nothing of a session outlives it: its live subscriptions and its cached records
      live.close();
      queries.clear();
    }
  }, [me]);
  if (me === undefined) return null;
  if (!me) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route path="/signed-out" element={<SignedOut expired={false} />} />
        <Route path="/session-ended" element={<SignedOut expired />} />
        <Route
          path="*"
          element={
            <Navigate
              to={!wasSignedIn.current ? '/sign-in' : ended ? '/session-ended' : '/signed-out'}
              replace
            />
          }
        />
      </Routes>
    );
  }
  if (me.mfaEnrolmentRequired) {
    return (
      <Routes>
        <Route path="/set-up-mfa" element={<SetUpMfa />} />
        <Route path="*" element={<Navigate to="/set-up-mfa" replace />} />
      </Routes>
    );
  }
  const home = homeOf(me.user.role);
  return (
    <Routes>
      <Route path="/" element={home === '/' ? <Home /> : <Navigate to={home} replace />} />
      <Route path="/sign-in" element={<Navigate to={home} replace />} />
      <Route path="/home" element={<Home />} />
      {ROUTES.map((route) => (
        <Route
          key={route.path}
          path={route.path}
          element={route.roles.includes(me.user.role) ? route.element : <CannotSee />}
        />
      ))}
      {!me.mfaEnabled && <Route path="/set-up-mfa" element={<SetUpMfa />} />}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </QueryClientProvider>
  );
}
