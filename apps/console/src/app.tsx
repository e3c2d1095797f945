import { useEffect, useRef } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Home } from './pages/home';
import { ScreeningQueue } from './pages/screening-queue';
import { SetUpMfa } from './pages/set-up-mfa';
import { SignIn } from './pages/sign-in';
import { SignedOut } from './pages/signed-out';
import { SessionProvider, useSession } from './session';

function Routed() {
  const { me } = useSession();
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (me) wasSignedIn.current = true;
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
          element={<Navigate to={wasSignedIn.current ? '/signed-out' : '/sign-in'} replace />}
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
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      {(me.user.role === 'SCREENER' || me.user.role === 'MANAGER') && (
        <Route path="/queues/screening" element={<ScreeningQueue />} />
      )}
      {!me.mfaEnabled && <Route path="/set-up-mfa" element={<SetUpMfa />} />}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Routed />
    </SessionProvider>
  );
}
