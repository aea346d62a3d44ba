import { useEffect } from 'react';
import { useFocusOnShow } from '../ui/useFocusOnShow.ts';
import { Breakable } from '../ui/Breakable.tsx';
import type { TokenIdentity } from './discovery.ts';
import { PROBE_TARGETS, probeMeaning, useScopeProbe } from './scopeProbe.ts';
import type { InstanceRef } from './workspaces.ts';

interface ScopeProbePanelProps {
  instance: InstanceRef;
  workspace: { id: string; name: string };
  token: TokenIdentity;
  granted: readonly string[];
  /** Told each answer as it comes, with the time and the role seen, for the reach table. */
  onObserved?: (
    api: string,
    observation: {
      status: number | undefined;
      verdict: 'allowed' | 'forbidden' | 'unauthorized' | 'other';
      at: Date;
      workspace: string;
      role?: string;
    },
  ) => void;
}

/** The role the Workspaces API's current-user-role answer names, if any. */
function roleIn(body: unknown): string | undefined {
  const role = typeof body === 'object' && body !== null ? (body as { role?: unknown }).role : undefined;
  return typeof role === 'string' ? role : undefined;
}

/** One cheap call to each Evo API in a workspace: is this token let in, and is that what its scopes predict? */
export function ScopeProbePanel({ instance, workspace, token, granted, onObserved }: ScopeProbePanelProps) {
  const results = useScopeProbe(instance, workspace.id, token);
  const role = roleIn(results[0]?.data?.body);
  useEffect(() => {
    PROBE_TARGETS.forEach((target, index) => {
      const result = results[index];
      const outcome = result?.data;
      if (!outcome || !result) return;
      onObserved?.(target.api, {
        status: outcome.status,
        verdict: outcome.verdict,
        at: new Date(result.dataUpdatedAt),
        workspace: workspace.name,
        ...(role ? { role } : {}),
      });
    });
    // Each answer once, when it arrives: keyed by when it was updated.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results.map((result) => result.dataUpdatedAt).join(' '), role, workspace.name, onObserved]);
  // Shown (or changed) because a Probe button was pressed: its results are where to look.
  const heading = useFocusOnShow<HTMLHeadingElement>(true, workspace.id);
  return (
    <section className="card" aria-labelledby="probe-heading">
      <h2 id="probe-heading" ref={heading} tabIndex={-1}>
        Scope probe in {workspace.name}
      </h2>
      <p className="muted">
        One small GET to each Evo API with this token, to see the scope configuration work for real.
      </p>
      <table className="probe-table stack-table">
        <caption className="visually-hidden">Scope probe results</caption>
        <thead>
          <tr>
            <th scope="col">API</th>
            <th scope="col">Scope</th>
            <th scope="col">Granted</th>
            <th scope="col">Answer</th>
            <th scope="col">What it means</th>
          </tr>
        </thead>
        <tbody>
          {PROBE_TARGETS.map((target, index) => {
            const result = results[index];
            const isGranted = granted.includes(target.scope);
            const outcome = result?.data;
            const service = target.service
              ? { api: target.api, listed: instance.services.includes(target.service) }
              : undefined;
            const meaning = outcome ? probeMeaning(outcome, isGranted, target.scope, service) : undefined;
            return (
              <tr key={target.api} className={meaning && !meaning.expected ? 'probe-surprise' : undefined}>
                <th scope="row">{target.api}</th>
                <td data-label="Scope">
                  <code className="breakable">
                    <Breakable text={target.scope} />
                  </code>
                </td>
                <td data-label="Granted">{isGranted ? 'yes' : 'no'}</td>
                <td data-label="Answer">
                  {outcome
                    ? `${outcome.status ?? 'no answer'} ${outcome.verdict === 'allowed' ? 'let in' : outcome.verdict === 'forbidden' ? 'refused' : outcome.verdict === 'unauthorized' ? 'not signed in' : ''}`.trim()
                    : result?.isError
                      ? 'failed'
                      : 'calling…'}
                </td>
                <td data-label="What it means">
                  {meaning?.words ?? (result?.isError ? 'The call could not be made.' : '')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
