import { describe, expect, it } from 'vitest';
import { pageSummary, workspacePageSchema, workspacesUrl } from './workspaces.ts';

const instance = { id: 'org 1', name: 'Org', hubUrl: 'https://au.api.seequent.com/', hubName: 'AU' };

describe('workspaces', () => {
  it('builds the hub URL with limit and offset, encoding the org id', () => {
    expect(workspacesUrl(instance, 20)).toBe(
      'https://au.api.seequent.com/workspace/orgs/org%201/workspaces?limit=20&offset=20',
    );
  });

  it('accepts the real page shape with extra fields and null links', () => {
    const page = workspacePageSchema.parse({
      links: { count: 2, total: 27, first: 'x', last: 'y', next: 'z', previous: null },
      results: [
        {
          id: 'a',
          name: 'A',
          current_user_role: 'owner',
          created_at: '2025-01-01T00:00:00Z',
          bounding_box: null,
          labels: [],
        },
        { id: 'b', name: 'B', description: null },
      ],
    });
    expect(pageSummary(page, 20)).toBe('Showing 21–22 of 27');
  });

  it('says so when there are no workspaces', () => {
    expect(pageSummary({ links: { count: 0, total: 0 }, results: [] }, 0)).toBe('No workspaces');
  });
});
