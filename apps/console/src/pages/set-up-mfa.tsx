import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiFailure, rememberCsrf } from '../api';
import { ErrorSummary, TextInput, type FieldProblem } from '../error-summary';
import { Page } from '../layout';
import { useSession } from '../session';

interface Enrolment {
  secret: string;
  otpauthUri: string;
}

interface Confirmed {
  recoveryCodes: string[];
  csrfToken?: string;
  csrfHeader?: string;
}

// issue 14 item 6 in the browser: staff set up an authenticator app before anything else
export function SetUpMfa() {
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [codes, setCodes] = useState<string[]>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api<Enrolment>('POST', '/api/auth/mfa/enrol').then(
      (answer) => current && setEnrolment(answer),
      (error: unknown) => {
        if (current && error instanceof ApiFailure)
          setProblems([{ field: 'code', message: error.error.message }]);
      },
    );
    return () => {
      current = false;
    };
  }, []);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!/^\d{6}$/.test(code.trim())) {
      setProblems([{ field: 'code', message: 'Enter the 6-digit code from your authenticator app' }]);
      return;
    }
    setBusy(true);
    try {
      const answer = await api<Confirmed>('POST', '/api/auth/mfa/confirm', { code: code.trim() });
      rememberCsrf(answer.csrfHeader, answer.csrfToken);
      setProblems([]);
      setCodes(answer.recoveryCodes);
    } catch (error) {
      if (error instanceof ApiFailure) setProblems([{ field: 'code', message: error.error.message }]);
    } finally {
      setBusy(false);
    }
  }

  if (codes) {
    return (
      <Page title="Your recovery codes">
        <h1 className="govuk-heading-l">Your recovery codes</h1>
        <p className="govuk-body">
          Keep these somewhere safe. Each works once, in place of a code, if you lose your phone.
        </p>
        <ul className="govuk-list" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="govuk-button"
          onClick={() => {
            // the new session is a full one: learn so before leaving, or the old answer sends
            // the person back here
            void refresh().then(() => navigate('/', { replace: true }));
          }}
        >
          Continue
        </button>
      </Page>
    );
  }
  return (
    <Page
      title={problems.length > 0 ? 'Error: Set up your authenticator app' : 'Set up your authenticator app'}
    >
      <ErrorSummary problems={problems} />
      <h1 className="govuk-heading-l">Set up your authenticator app</h1>
      <p className="govuk-body">Staff sign in with a code from an authenticator app as well as a password.</p>
      {enrolment && (
        <>
          <p className="govuk-body">Add an account to your app with this key:</p>
          <p className="govuk-body">
            <code data-testid="mfa-secret">{enrolment.secret}</code>
          </p>
        </>
      )}
      <form noValidate onSubmit={(e) => void confirm(e)}>
        <TextInput
          id="code"
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          error={problems[0]?.message}
          onChange={setCode}
        />
        <button
          type="submit"
          className="govuk-button"
          disabled={busy || !enrolment}
          aria-disabled={busy || !enrolment}
        >
          Confirm
        </button>
      </form>
    </Page>
  );
}
