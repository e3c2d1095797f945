// the console's typed way to the api (issue 15): paths, bodies and answers come from the api's own
// OpenAPI document (generated/openapi.ts, npm run api:types), so no request or response type is
// written by hand. Same origin, the session cookie, the CSRF token on every change, as api() does.
import createClient, { type Middleware } from 'openapi-fetch';
import { currentCsrf, failure } from './api';
import type { components, paths } from './generated/openapi';

// a schema of the document by name: Schema<'ContactDto'>
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

const csrfHeader: Middleware = {
  onRequest({ request }) {
    const csrf = currentCsrf();
    if (request.method !== 'GET' && csrf) request.headers.set(csrf.header, csrf.token);
    return request;
  },
};

export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
client.use(csrfHeader);

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

// an answer's data, or an ApiFailure from the api's error body (a body that is not one, such as a
// proxy's page, still fails, with the same words api() uses):
//   const contact = await unwrap(client.GET('/api/contacts/{id}', { params: { path: { id } } }));
export async function unwrap<D>(result: Result<D> | Promise<Result<D>>): Promise<D> {
  const { data, error, response } = await result;
  // the status decides: an error with no body (a bare 404, say) leaves `error` undefined
  if (response.ok) return data as D;
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<Schema<'ErrorBody'>>;
  throw failure(response.url || '/', {
    status: response.status,
    code: body.error?.code ?? 'REQUEST_REJECTED',
    message: body.error?.message ?? 'Something went wrong. Try again.',
    details: body.error?.details,
    correlationId: body.correlationId ?? response.headers.get('x-correlation-id') ?? undefined,
  });
}
