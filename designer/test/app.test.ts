// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDesigner } from '../src/app/start';
import { blankDiagram } from '../src/blank';

const evil = '<img src=x onerror="window.__pwned=1">';

type Route = (body: unknown, headers: Headers) => { status?: number; body?: unknown };

/** The host's API as the designer sees it (fetch), with server strings that carry markup; answers can be replaced per test. */
function fakeHost(overrides: Record<string, Route> = {}) {
  const routes: Record<string, Route> = {
    'GET /api/auth/me': () => ({
      body: { id: 'u', name: `김설계 ${evil}`, agencyId: 'a', district: 'd', language: 'ko', roles: ['Designer'] },
    }),
    'GET /api/designer/config': () => ({ body: { roles: [{ key: 'dong', name: evil, agencies: [] }], policies: ['default'] } }),
    'GET /api/workflows?limit=200': () => ({
      body: {
        items: [{ key: `k${evil}`, name: evil, latestVersion: 2, draftRevision: 3, updatedAt: '2025-01-01' }],
        nextCursor: null,
        total: 1,
      },
    }),
    ...overrides,
  };
  const calls: { method: string; url: string; body: unknown; headers: Headers }[] = [];
  const fetch = vi.fn((url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    calls.push({ method, url, body, headers });
    const route = routes[`${method} ${url}`];
    const answer = route ? route(body, headers) : { status: 404 };
    const status = answer.status ?? 200;
    return Promise.resolve(new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), { status }));
  });
  vi.stubGlobal('fetch', fetch);
  return { calls };
}

function $<T extends HTMLElement = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
const click = (selector: string) => $<HTMLElement>(selector).click();
const issueRows = () => Array.from(document.querySelectorAll<HTMLLIElement>('#rf-issues li'));

async function newWorkflow(key: string, name: string) {
  click('#rf-new');
  $<HTMLInputElement>('#rf-new-key').value = key;
  $<HTMLInputElement>('#rf-new-name').value = name;
  const dialog = $<HTMLDialogElement>('#rf-new-dialog');
  dialog.close('ok');
  await vi.waitFor(() => expect($('#rf-status').textContent).toContain(key));
}

describe('designer page', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="app"></div>';
    delete document.body.dataset.ready;
    delete document.body.dataset.published;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows workflow names, keys and the user name from the server as text, never as markup', async () => {
    fakeHost();
    await startDesigner($('#app'));

    expect(document.body.dataset.ready).toBe('true');
    const options = Array.from(document.querySelectorAll<HTMLOptionElement>('#rf-workflows option'));
    expect(options.map((o) => o.textContent)).toEqual([
      '업무흐름…',
      `${evil} (k${evil}) · 초안 r3`,
      `${evil} · 버전 2 (읽기 전용)`,
      `${evil} · 버전 1 (읽기 전용)`,
    ]);
    expect(options.map((o) => o.value)).toEqual(['', `draft:k${evil}`, `version:k${evil}:2`, `version:k${evil}:1`]);
    expect($('#rf-user').textContent).toContain(evil);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('asks for a sign-in when the host answers 401, then opens', async () => {
    let signedIn = false;
    const { calls } = fakeHost({
      'GET /api/auth/me': () =>
        signedIn ? { body: { id: 'u', name: '김설계', agencyId: 'a', district: 'd', language: 'ko', roles: [] } } : { status: 401 },
      'POST /api/auth/login?useCookies=true': (body) => {
        signedIn = (body as { password: string }).password === 'right';
        return signedIn ? { body: {} } : { status: 401 };
      },
    });
    const started = startDesigner($('#app'));
    await vi.waitFor(() => expect($('#rf-login')).not.toBeNull());
    $<HTMLInputElement>('#rf-login-email').value = 'designer@example.kr';
    $<HTMLInputElement>('#rf-login-password').value = 'wrong';
    $<HTMLFormElement>('#rf-login').requestSubmit();
    await vi.waitFor(() => expect($('#rf-login-error').textContent).toBe('로그인에 실패했습니다'));
    $<HTMLInputElement>('#rf-login-password').value = 'right';
    $<HTMLFormElement>('#rf-login').requestSubmit();
    await started;

    expect(document.body.dataset.ready).toBe('true');
    expect(calls.filter((c) => c.url.startsWith('/api/auth/login')).map((c) => c.body)).toEqual([
      { email: 'designer@example.kr', password: 'wrong' },
      { email: 'designer@example.kr', password: 'right' },
    ]);
    // Not a designer: nothing to save or publish.
    await newWorkflow('flow-a', '흐름 A');
    expect($<HTMLButtonElement>('#rf-save').disabled).toBe(true);
  });

  it('lists the drawing checks and the host validation as text rows that select their element', async () => {
    fakeHost({
      'POST /api/workflows/validate': () => ({
        body: { valid: false, issues: [{ severity: 'error', code: 'unknown-role', elementId: 'Participant_1', message: `role ${evil}` }] },
      }),
    });
    await startDesigner($('#app'));
    // The blank diagram has no start event yet.
    await vi.waitFor(() => expect(issueRows().map((li) => li.dataset.code)).toContain('no-start-event'));

    click('#rf-validate');
    await vi.waitFor(() => expect(issueRows().some((li) => li.dataset.source === 'server')).toBe(true));
    const server = $<HTMLLIElement>('#rf-issues li[data-source=server]');
    expect(server.textContent).toContain(`role ${evil}`);
    expect(server.className).toBe('error server');
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect($('#rf-status').className).toBe('error');

    server.click();
    const modeler = (window as unknown as { __rfModeler: { get(name: string): { get(): { id: string }[] } } }).__rfModeler;
    expect(
      modeler
        .get('selection')
        .get()
        .map((e) => e.id),
    ).toEqual(['Participant_1']);
  });

  it('saves a new workflow, then publishes the saved revision', async () => {
    const { calls } = fakeHost({
      'POST /api/workflows': () => ({ body: { key: 'flow-b', revision: 1, validation: { valid: true, issues: [] } } }),
      'PUT /api/workflows/flow-b/draft': () => ({ body: { key: 'flow-b', revision: 2, validation: { valid: true, issues: [] } } }),
      'POST /api/workflows/flow-b/publish': () => ({ body: { key: 'flow-b', version: 1 } }),
    });
    await startDesigner($('#app'));
    await newWorkflow('flow-b', '흐름 B');
    expect($('#rf-status').textContent).toBe('flow-b · 아직 저장하지 않음');

    click('#rf-save');
    await vi.waitFor(() => expect($('#rf-status').textContent).toBe('저장했습니다 · flow-b r1'));
    expect((calls.find((c) => c.method === 'POST' && c.url === '/api/workflows')?.body as { xml: string }).xml).toContain('name="흐름 B"');

    click('#rf-publish');
    await vi.waitFor(() => expect(document.body.dataset.published).toBe('flow-b:1'));
    expect(calls.find((c) => c.url === '/api/workflows/flow-b/draft')?.headers.get('If-Match')).toBe('"1"');
    expect(calls.find((c) => c.url === '/api/workflows/flow-b/publish')?.headers.get('If-Match')).toBe('"2"');
  });

  it('says so when the draft was changed by someone else', async () => {
    fakeHost({
      'GET /api/workflows/flow-c/draft': () => ({
        body: { key: 'flow-c', name: 'C', xml: blankDiagram('flow-c', 'C'), revision: 4, latestVersion: null },
      }),
      'PUT /api/workflows/flow-c/draft': () => ({ status: 409, body: { title: 'Conflict' } }),
    });
    history.replaceState(null, '', '/designer/?workflow=flow-c');
    try {
      await startDesigner($('#app'));
    } finally {
      history.replaceState(null, '', '/designer/');
    }
    expect($('#rf-status').textContent).toBe('flow-c · 초안 r4');
    click('#rf-save');
    await vi.waitFor(() =>
      expect($('#rf-status').textContent).toBe('저장하지 못했습니다: 다른 사람이 초안을 바꿨습니다. 다시 불러오세요.'),
    );
  });
});
