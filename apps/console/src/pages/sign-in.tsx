import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiFailure, rememberCsrf } from '../api';
import { ErrorSummary, TextInput, type FieldProblem } from '../error-summary';
import { Page } from '../layout';
import { useSession } from '../session';

interface LoginAnswer {
  mfaEnrolmentRequired: boolean;
  csrfToken?: string;
  csrfHeader?: string;
}

// issue 15 screen 1: email and password, then the code from the authenticator app when the
// account has one; the GOV.UK error pattern for every refusal
export function SignIn() {
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return; // never a double submission
    const missing: FieldProblem[] = [];
    if (!email.trim()) missing.push({ field: 'email', message: 'Enter your email address' });
    if (!password) missing.push({ field: 'password', message: 'Enter your password' });
    if (askCode && !code.trim())
      missing.push({ field: 'code', message: 'Enter the code from your authenticator app' });
    setProblems(missing);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      const answer = await api<LoginAnswer>('POST', '/api/auth/login', {
        email,
        password,
        session: 'cookie',
        ...(askCode ? { code: code.trim() } : {}),
      });
      rememberCsrf(answer.csrfHeader, answer.csrfToken);
      await refresh();
      // a session that may only enrol is taken to set-up by the routes themselves: navigating
      // here too could mount set-up twice, and two enrolments race for the pending secret
      if (!answer.mfaEnrolmentRequired) void navigate('/', { replace: true });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const { code: reason, message, details } = error.error;
      if (reason === 'MFA_REQUIRED') {
        setProblems(askCode ? [{ field: 'code', message }] : []);
        setAskCode(true);
      } else if (reason === 'VALIDATION_FAILED' && details?.length) {
        setProblems(
          details.map((d) => ({
            field: d.field === 'email' || d.field === 'password' ? d.field : 'email',
            message: d.message,
          })),
        );
      } else {
        setProblems([{ field: askCode ? 'code' : 'email', message }]);
      }
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <Page title={problems.length > 0 ? 'Error: Sign in' : 'Sign in'}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary problems={problems} />
          <h1 className="govuk-heading-l">Sign in</h1>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <TextInput
              id="email"
              label="Email address"
              type="email"
              autoComplete="username"
              inputMode="email"
              value={email}
              error={errorFor('email')}
              onChange={setEmail}
            />
            <TextInput
              id="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              error={errorFor('password')}
              onChange={setPassword}
            />
            {askCode && (
              <TextInput
                id="code"
                label="Code from your authenticator app"
                hint="The 6-digit code, or one of your recovery codes"
                autoComplete="one-time-code"
                value={code}
                error={errorFor('code')}
                onChange={setCode}
              />
            )}
            <button
              type="submit"
              className="govuk-button"
              data-module="govuk-button"
              disabled={busy}
              aria-disabled={busy}
            >
              {askCode ? 'Continue' : 'Sign in'}
            </button>
          </form>
        </div>
      </div>
    </Page>
  );
}
