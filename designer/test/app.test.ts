// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const evil = '<img src=x onerror="window.__pwned=1">';

/** The host's API as the designer sees it, with server strings that carry markup. */
function fakeHost() {
  const routes: Record<string, unknown> = {
    'GET /api/auth/me': { id: 'u', name: `김설계 ${evil}`, agencyId: 'a', district: 'd', language: 'ko', roles: ['Designer'] },
    'GET /api/designer/config': { roles: [{ key: 'dong', name: evil, agencies: [] }], policies: [] },
    'GET /api/workflows': [{ key: `k${evil}`, name: evil, latestVersion: 1, draftRevision: 2, updatedAt: '2025-01-01' }],
  };
  return vi.fn(async (url: string, init?: RequestInit) => {
    const body = routes[`${init?.method ?? 'GET'} ${url}`];
    return new Response(body === undefined ? '' : JSON.stringify(body), { status: body === undefined ? 404 : 200 });
  });
}

describe('designer page', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="app"></div>';
    vi.stubGlobal('fetch', fakeHost());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows workflow names, keys and the user name from the server as text, never as markup', async () => {
    await import('../src/main');
    await vi.waitFor(() => expect(document.body.dataset.ready).toBe('true'), { timeout: 20000 });

    const options = Array.from(document.querySelectorAll<HTMLOptionElement>('#rf-workflows option'));
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('…'),
      expect.stringContaining(`${evil} (k${evil})`),
      expect.stringContaining(`${evil} · `),
    ]);
    expect(options[1].value).toBe(`draft:k${evil}`);
    expect(document.querySelector('#rf-user')?.textContent).toContain(evil);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  }, 30000);
});
