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
// one enrolment per session, however often the page mounts: a second enrol replaces the pending
// secret on the server, so a page showing the first would ask for a code no app can give
let enrolment: { session: string; answer: Promise<Enrolment> } | undefined;
function enrolOnce(session: string): Promise<Enrolment> {
  if (enrolment?.session !== session) {
    const answer = api<Enrolment>('POST', '/api/auth/mfa/enrol');
    enrolment = { session, answer };
    // a refused enrolment may be asked again
    answer.catch(() => {
      if (enrolment?.answer === answer) enrolment = undefined;
    });
  }
  return enrolment.answer;
}

export function SetUpMfa() {
  const { refresh, me } = useSession();
  const session = `${me?.user.id}|${me?.session.expiresAt}`;
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [codes, setCodes] = useState<string[]>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    enrolOnce(session).then(
      (answer) => current && setEnrolment(answer),
      (error: unknown) => {
        if (current && error instanceof ApiFailure)
          setProblems([{ field: 'code', message: error.error.message }]);
      },
    );
    return () => {
      current = false;
    };
  }, [session]);

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
