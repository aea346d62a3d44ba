// The views a person opens from Discovery (workspaces, the scope probe, a workspace's contents),
// loaded as one chunk after the first signed-in screen, so that screen does not wait for them.
export { ScopeProbePanel } from './ScopeProbePanel.tsx';
export { WorkspaceContentsPanel } from './WorkspaceContentsPanel.tsx';
export { WorkspacesPanel } from './WorkspacesPanel.tsx';
