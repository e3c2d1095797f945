// the console's one way to the api: same origin, the session cookie, and the CSRF token the
// sign-in answered on every change (issue 14 item 4)
export interface ApiError {
  status: number;
  code: string;
  message: string;
  details?: { field: string; message: string }[];
  // the error body's correlationId (also the x-correlation-id header), to quote when reporting it
  correlationId?: string;
}

let csrf: { header: string; token: string } | undefined;

export function rememberCsrf(header: string | undefined, token: string | undefined): void {
  csrf = header && token ? { header, token } : undefined;
}

// the CSRF header and token a change carries (api-client.ts sends them too)
export function currentCsrf(): { header: string; token: string } | undefined {
  return csrf;
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

// a 401 on any call but sign-in's own: the session has ended under the page (CONSOLE.md 4)
let sessionLost: () => void = () => undefined;
export function whenSessionLost(listener: () => void): void {
  sessionLost = listener;
}
export function failure(path: string, error: ApiError): ApiFailure {
  if (error.status === 401 && !new URL(path, 'http://x').pathname.startsWith('/api/auth/')) sessionLost();
  return new ApiFailure(error);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers[csrf.header] = csrf.token;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: ApiError['details'] };
  };
  if (!response.ok) {
    throw failure(path, {
      status: response.status,
      code: json.error?.code ?? 'REQUEST_REJECTED',
      message: json.error?.message ?? 'Something went wrong. Try again.',
      details: json.error?.details,
    });
  }
  return json as T;
}
