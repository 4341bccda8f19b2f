// The one client for the gateway's API: typed from openapi.yaml (openapi.d.ts is generated from it),
// same-origin, authenticated by the session cookie. State-changing calls carry the session's CSRF
// token; a 401 tells the session that it expired (the app then keeps the typed drafts and goes to
// sign-in). Errors become ApiError with the RFC 9457 problem the gateway sent.
import createClient from 'openapi-fetch';
import type { components, paths } from './openapi';

export type Problem = components['schemas']['Problem'];
export type Schemas = components['schemas'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    options?: { cause?: unknown },
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`), options);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
const expiredListeners = new Set<() => void>();

/** The session sets its CSRF token here; undefined when signed out. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the gateway answers 401 (the session expired or was ended elsewhere). */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    if (unsafe.has(request.method) && csrfToken !== undefined) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) for (const listener of expiredListeners) listener();
    return response;
  },
});

function asProblem(body: unknown): Problem | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const candidate = body as Partial<Problem>;
  return typeof candidate.status === 'number' && typeof candidate.title === 'string' ? (candidate as Problem) : undefined;
}

interface Result {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/** Awaits an openapi-fetch call; its data, or an ApiError. */
export async function call<R extends Result>(pending: Promise<R>): Promise<Exclude<R['data'], undefined>> {
  let result: R;
  try {
    result = await pending;
  } catch (cause) {
    throw new ApiError(0, undefined, { cause });
  }
  if (!result.response.ok) throw new ApiError(result.response.status, asProblem(result.error));
  return result.data as Exclude<R['data'], undefined>;
}

/** A raw same-origin request (downloads: PDF, export) with the same CSRF and expiry handling. */
export async function fetchRaw(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (unsafe.has(method) && csrfToken !== undefined) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, undefined, { cause });
  }
  if (response.status === 401) for (const listener of expiredListeners) listener();
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ApiError(response.status, asProblem(body));
  }
  return response;
}
