import { useFocusOnShow } from '../ui/useFocusOnShow.ts';
import { ActionButton } from '../ui/ActionButton.tsx';
import './evo.css';
import { useEffect, useRef, useState } from 'react';
import { Breakable } from '../ui/Breakable.tsx';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { EvoTime } from './EvoTime.tsx';
import type { TokenIdentity } from './discovery.ts';
import {
  pageCount,
  pageSummary,
  useWorkspaces,
  WORKSPACE_PAGE_SIZE,
  WORKSPACE_PAGE_SIZES,
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

/** A name typed into the search box, sent to the API once typing pauses. */
function useSettled(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The workspaces of one instance, from its hub: searchable by name, a page of a chosen size at a time. */
export function WorkspacesPanel({ instance, token, onProbe, probedWorkspaceId }: WorkspacesPanelProps) {
  const [typed, setTyped] = useState('');
  const name = useSettled(typed, 250);
  const [limit, setLimit] = useState<number>(WORKSPACE_PAGE_SIZE);
  const [paging, setPaging] = useState({ name, limit, offset: 0 });
  // A new search or page size starts again at the first page.
  const offset = paging.name === name && paging.limit === limit ? paging.offset : 0;
  const request = { offset, limit, name };
  const query = useWorkspaces(instance, request, token);
  const page = query.data;
  const total = page?.links.total ?? 0;
  const pages = pageCount(total, limit);
  const current = Math.floor(offset / limit) + 1;
  const goTo = (pageNumber: number) =>
    setPaging({ name, limit, offset: (Math.min(Math.max(pageNumber, 1), pages) - 1) * limit });
  const [jump, setJump] = useState('');
  // Shown because "List workspaces" was pressed: the list is where the person goes next.
  const heading = useFocusOnShow<HTMLHeadingElement>();
  // The rows are what the person came for: when a page of them arrives with the first row below
  // the fold, the list's heading (which keeps the focus) goes to the top of the window.
  const rows = useRef<HTMLTableSectionElement>(null);
  const rowsShown = page !== undefined && page.results.length > 0;
  useEffect(() => {
    const first = rows.current?.rows[0];
    if (!rowsShown || !first) return;
    if (first.getBoundingClientRect().bottom > window.innerHeight) heading.current?.scrollIntoView({ block: 'start' });
  }, [rowsShown, heading]);

  return (
    <section className="card" aria-labelledby="workspaces-heading" aria-busy={query.isFetching}>
      <h2 id="workspaces-heading" ref={heading} tabIndex={-1}>
        Workspaces of {instance.name}
      </h2>
      <p className="muted">
        <code className="breakable">
          GET <Breakable text={workspacesUrl(instance, request)} />
        </code>{' '}
        on the {instance.hubName} hub; needs <code>evo.workspace</code>.
      </p>
      <div className="workspace-controls">
        <p>
          <label htmlFor="workspace-search">Find a workspace by name</label>
          <input
            id="workspace-search"
            type="search"
            value={typed}
            autoComplete="off"
            onChange={(event) => setTyped(event.target.value)}
          />
        </p>
        <p>
          <label htmlFor="workspace-page-size">Per page</label>
          <select id="workspace-page-size" value={limit} onChange={(event) => setLimit(Number(event.target.value))}>
            {WORKSPACE_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </p>
      </div>
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
          <p aria-live="polite">
            {pageSummary(page, offset)}
            {name.trim() ? ` named like “${name.trim()}”` : ''}
          </p>
          {page.results.length > 0 ? (
            <table className="workspaces-table stack-table">
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
              <tbody ref={rows}>
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
          {pages > 1 ? (
            <nav className="button-row pager" aria-label="Workspace pages">
              <ActionButton unavailable={current <= 1 || query.isFetching} onClick={() => goTo(1)}>
                First
              </ActionButton>
              <ActionButton unavailable={!page.links.previous || query.isFetching} onClick={() => goTo(current - 1)}>
                Previous page
              </ActionButton>
              <span>
                Page {current} of {pages}
              </span>
              <ActionButton unavailable={!page.links.next || query.isFetching} onClick={() => goTo(current + 1)}>
                Next page
              </ActionButton>
              <ActionButton unavailable={current >= pages || query.isFetching} onClick={() => goTo(pages)}>
                Last
              </ActionButton>
              <form
                className="page-jump"
                onSubmit={(event) => {
                  event.preventDefault();
                  const wanted = Number(jump);
                  if (Number.isInteger(wanted)) goTo(wanted);
                  setJump('');
                }}
              >
                <label htmlFor="workspace-page-jump">Go to page</label>
                <input
                  id="workspace-page-jump"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={pages}
                  value={jump}
                  onChange={(event) => setJump(event.target.value)}
                />
                <ActionButton type="submit" unavailable={query.isFetching}>
                  Go
                </ActionButton>
              </form>
            </nav>
          ) : null}
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
      <td data-label="Your role">{workspace.current_user_role ?? '—'}</td>
      <td data-label="Created">
        <EvoTime value={workspace.created_at} />
        {workspace.created_by.name ? <span className="cell-note">by {workspace.created_by.name}</span> : null}
      </td>
      <td data-label="Updated">
        <EvoTime value={workspace.updated_at} />
        {workspace.updated_by.name ? <span className="cell-note">by {workspace.updated_by.name}</span> : null}
      </td>
      <td data-label="Scopes">
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
