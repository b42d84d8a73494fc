import createClient, { Middleware } from 'openapi-fetch';
import { currentSession } from '../lib/auth';
import type { components, paths } from './schema';

/** The console's only way to the API: typed by the generated schema, with the bearer token. */
const bearer: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(bearer);

export type Schemas = components['schemas'];
export type CaseView = Schemas['CaseView'];
export type CaseListItem = Schemas['CaseListItem'];
export type OpenTask = Schemas['OpenTaskView'];
export type Notice = Schemas['NotificationView'];

/** The message of an API refusal (Nest's `{ message }`, a string or a list). */
export function refusalMessage(error: unknown): string | string[] {
  if (error && typeof error === 'object' && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' || Array.isArray(message)) return message as string | string[];
  }
  return '';
}
