/** The host's REST API, same origin, cookie auth. */
import type { RoleInfo } from './config';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** JSON when it parses; a non-JSON error page is kept as text. */
function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function call<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; etag: string | null }> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = parseBody(await response.text());
  if (!response.ok) {
    const problem = data as { detail?: string; title?: string } | null;
    throw new ApiError(response.status, problem?.detail ?? problem?.title ?? `${response.status}`, data);
  }
  return { data: data as T, etag: response.headers.get('ETag') };
}

/** A page of a list: follow nextCursor until it is absent. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number | null;
}

/** Every item of a paged list (limit 200 per request). */
async function all<T>(url: string): Promise<{ data: T[]; etag: string | null }> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  do {
    const query = `?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { data } = await call<Page<T>>('GET', url + query);
    items.push(...data.items);
    cursor = data.nextCursor;
  } while (cursor);
  return { data: items, etag: null };
}

export interface Issue {
  severity: string;
  code: string;
  elementId: string | null;
  message: string;
  line?: number | null;
  /** The values the code's shared text names; the designer formats it in its own language. */
  arguments?: Record<string, string>;
}
export interface Report {
  valid: boolean;
  issues: Issue[];
}
export interface WorkflowItem {
  key: string;
  name: string;
  latestVersion: number | null;
  draftRevision: number;
  updatedAt: string;
}
export interface Me {
  id: string;
  name: string;
  agencyId: string;
  district: string;
  language: string;
  roles: string[];
}

export const api = {
  me: () => call<Me>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<unknown>('POST', '/api/auth/login?useCookies=true', { email, password }),
  config: () => call<{ roles: RoleInfo[]; policies: string[] }>('GET', '/api/designer/config'),
  list: () => all<WorkflowItem>('/api/workflows'),
  draft: (key: string) =>
    call<{ key: string; name: string; xml: string; revision: number; latestVersion: number | null }>(
      'GET',
      `/api/workflows/${encodeURIComponent(key)}/draft`,
    ),
  version: (key: string, version: number) => call<{ xml: string }>('GET', `/api/workflows/${encodeURIComponent(key)}/versions/${version}`),
  create: (xml: string) => call<{ key: string; revision: number; validation: Report }>('POST', '/api/workflows', { xml }),
  save: (key: string, xml: string, revision: number) =>
    call<{ key: string; revision: number; validation: Report }>(
      'PUT',
      `/api/workflows/${encodeURIComponent(key)}/draft`,
      { xml },
      { 'If-Match': `"${revision}"` },
    ),
  validate: (xml: string) => call<Report>('POST', '/api/workflows/validate', { xml }),
  publish: (key: string, revision: number) =>
    call<{ key: string; version: number }>('POST', `/api/workflows/${encodeURIComponent(key)}/publish`, undefined, {
      'If-Match': `"${revision}"`,
    }),
};

export type Api = typeof api;
