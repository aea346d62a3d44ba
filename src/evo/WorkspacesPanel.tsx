import { useState } from 'react';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import type { TokenIdentity } from './discovery.ts';
import {
  pageSummary,
  useWorkspaces,
  WORKSPACE_PAGE_SIZE,
  workspacesUrl,
  type InstanceRef,
  type Workspace,
} from './workspaces.ts';

interface WorkspacesPanelProps {
  instance: InstanceRef;
  token: TokenIdentity;
  onProbe: (workspace: Workspace) => void;
  probedWorkspaceId: string | undefined;
}

function date(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toLocaleDateString();
}

/** The workspaces of one instance, from its hub, a page at a time. */
export function WorkspacesPanel({ instance, token, onProbe, probedWorkspaceId }: WorkspacesPanelProps) {
  const [offset, setOffset] = useState(0);
  const query = useWorkspaces(instance, offset, token);
  const page = query.data;

  return (
    <section className="card" aria-labelledby="workspaces-heading" aria-busy={query.isFetching}>
      <h2 id="workspaces-heading">Workspaces of {instance.name}</h2>
      <p className="muted">
        <code>GET {workspacesUrl(instance, offset)}</code> on the {instance.hubName} hub; needs{' '}
        <code>evo.workspace</code>.
      </p>
      {query.isError ? (
        <ApiErrorNotice
          error={query.error}
          apiName="The Workspaces API"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : !page ? (
        <p role="status">Listing workspaces…</p>
      ) : (
        <>
          <p aria-live="polite">{pageSummary(page, offset)}</p>
          {page.results.length > 0 ? (
            <table className="workspaces-table">
              <caption className="visually-hidden">Workspaces</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Your role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Scopes</th>
                </tr>
              </thead>
              <tbody>
                {page.results.map((workspace) => (
                  <tr key={workspace.id}>
                    <th scope="row">
                      {workspace.name}
                      {workspace.description ? <span className="cell-note">{workspace.description}</span> : null}
                    </th>
                    <td>{workspace.current_user_role ?? '—'}</td>
                    <td>
                      {date(workspace.created_at)}
                      {workspace.created_by?.name ? (
                        <span className="cell-note">by {workspace.created_by.name}</span>
                      ) : null}
                    </td>
                    <td>{date(workspace.updated_at)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Probe the scopes in ${workspace.name}`}
                        aria-pressed={workspace.id === probedWorkspaceId}
                        onClick={() => onProbe(workspace)}
                      >
                        Probe
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button button-small"
              disabled={!page.links.previous || query.isFetching}
              onClick={() => setOffset((current) => Math.max(0, current - WORKSPACE_PAGE_SIZE))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={!page.links.next || query.isFetching}
              onClick={() => setOffset((current) => current + WORKSPACE_PAGE_SIZE)}
            >
              Next page
            </button>
          </div>
        </>
      )}
    </section>
  );
}
