import { useState } from 'react';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { EvoTime } from './EvoTime.tsx';
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
  onProbe: (workspace: Pick<Workspace, 'id' | 'name'>) => void;
  probedWorkspaceId: string | undefined;
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
                {page.results.map((read) =>
                  read.ok ? (
                    <WorkspaceRow
                      key={read.value.id}
                      workspace={read.value}
                      probed={read.value.id === probedWorkspaceId}
                      onProbe={onProbe}
                    />
                  ) : (
                    <tr key={`malformed-${read.index}`} className="row-malformed">
                      <th scope="row">{read.label}</th>
                      <td colSpan={4} className="field-warning">
                        Not in the documented shape: {read.problem}.
                      </td>
                    </tr>
                  ),
                )}
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

function WorkspaceRow({
  workspace,
  probed,
  onProbe,
}: {
  workspace: Workspace;
  probed: boolean;
  onProbe: (workspace: Workspace) => void;
}) {
  return (
    <tr>
      <th scope="row">
        {workspace.name}
        {workspace.description ? <span className="cell-note">{workspace.description}</span> : null}
        {workspace.labels && workspace.labels.length > 0 ? (
          <span className="cell-note">Labels: {workspace.labels.join(', ')}</span>
        ) : null}
      </th>
      <td>{workspace.current_user_role ?? '—'}</td>
      <td>
        <EvoTime value={workspace.created_at} />
        {workspace.created_by.name ? <span className="cell-note">by {workspace.created_by.name}</span> : null}
      </td>
      <td>
        <EvoTime value={workspace.updated_at} />
        {workspace.updated_by.name ? <span className="cell-note">by {workspace.updated_by.name}</span> : null}
      </td>
      <td>
        <button
          type="button"
          className="button button-small"
          aria-label={`Probe the scopes in ${workspace.name}`}
          aria-pressed={probed}
          onClick={() => onProbe(workspace)}
        >
          Probe
        </button>
      </td>
    </tr>
  );
}
