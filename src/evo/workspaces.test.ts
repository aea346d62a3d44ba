import { describe, expect, it } from 'vitest';
import { pageCount, pageSummary, readWorkspacePage, workspacesUrl } from './workspaces.ts';

const instance = {
  id: 'org 1',
  name: 'Org',
  hubUrl: 'https://au.api.seequent.com/',
  hubName: 'AU',
  services: ['workspace'],
};
const person = { id: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e01', name: 'Ada' };
const links = {
  count: 2,
  total: 27,
  first: 'https://x/first',
  last: 'https://x/last',
  next: 'https://x/n',
  previous: null,
};

function workspace(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Workspace ${id.slice(-2)}`,
    self_link: `https://au.api.seequent.com/workspace/orgs/o/workspaces/${id}`,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-02-01T09:30:00+10:00',
    created_by: person,
    updated_by: { id: person.id },
    ...extra,
  };
}

describe('workspaces', () => {
  it('builds the hub URL with limit, offset, order and name filter, encoding the org id', () => {
    expect(workspacesUrl(instance, { offset: 20, limit: 20, name: '' })).toBe(
      'https://au.api.seequent.com/workspace/orgs/org%201/workspaces?limit=20&offset=20&order_by=asc%3Aname',
    );
    expect(workspacesUrl(instance, { offset: 0, limit: 50, name: ' Pit & shell ' })).toBe(
      'https://au.api.seequent.com/workspace/orgs/org%201/workspaces?limit=50&offset=0&order_by=asc%3Aname&name=Pit+%26+shell',
    );
  });

  it('counts pages, one at least', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(2000, 20)).toBe(100);
    expect(pageCount(2001, 100)).toBe(21);
  });

  it('reads the real page shape: extra fields, absent optional fields, null links', () => {
    const page = readWorkspacePage({
      links: { ...links, self: 'extra' },
      results: [
        workspace('00000000-0000-4000-a000-000000000001', {
          current_user_role: 'owner',
          bounding_box: null,
          labels: [],
          ml_enabled: false,
          something_new: { nested: true },
        }),
        workspace('00000000-0000-4000-a000-000000000002', { description: null }),
      ],
    });
    expect(page.results.map((item) => item.ok)).toEqual([true, true]);
    expect(pageSummary(page, 20)).toBe('Showing 21–22 of 27');
  });

  it('shows a malformed workspace as such, keeping the others', () => {
    const page = readWorkspacePage({
      links,
      results: [
        workspace('00000000-0000-4000-a000-000000000001'),
        // Workspace times must carry a zone (EVO-API.md); this one does not.
        workspace('00000000-0000-4000-a000-000000000002', { created_at: '2025-01-01T00:00:00' }),
      ],
    });
    expect(page.results[0]!.ok).toBe(true);
    expect(page.results[1]).toMatchObject({
      ok: false,
      label: 'Workspace 02',
      problem: expect.stringMatching(/^created_at: /) as unknown,
    });
  });

  it('says so when there are no workspaces', () => {
    expect(pageSummary({ links: { count: 0, total: 0 }, results: [] }, 0)).toBe('No workspaces');
  });
});
