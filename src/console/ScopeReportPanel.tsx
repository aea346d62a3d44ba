import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { scopeProbeQueryOptions } from '../evo/scopeProbe.ts';
import type { InstanceView } from '../evo/discovery.ts';
import {
  diffReports,
  makeScopeReport,
  readReport,
  reportMarkdown,
  sideBySide,
  type ReportInputs,
  type ScopeReport,
} from './scopeReport.ts';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface ScopeReportPanelProps {
  inputs: Omit<ReportInputs, 'instances'>;
  instances: readonly InstanceView[] | undefined;
}

/** One press: this configuration checked for real, to download as Markdown or JSON and compare later. */
export function ScopeReportPanel({ inputs, instances }: ScopeReportPanelProps) {
  const fileId = useId();
  const queryClient = useQueryClient();
  const [report, setReport] = useState<ScopeReport | undefined>();
  const [making, setMaking] = useState(false);
  const [comparison, setComparison] = useState<{ changes: string[]; earlier: ScopeReport } | { problem: string }>();
  const stamp = (made: ScopeReport) => made.createdAt.replace(/[:.]/g, '-');

  return (
    <div className="scope-report">
      <p className="muted">
        Environment, authority, client ID, requested, granted and refused scopes, token lifetime and refresh, and for
        every instance (and the workspace you probed{inputs.workspace ? `: ${inputs.workspace.name}` : ', if any'})
        which Evo API lets this token in, beside Discovery&apos;s service list. The files hold no token, code or
        signature.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={making || !instances || undefined}
          onClick={() => {
            if (making || !instances) return;
            setMaking(true);
            void makeScopeReport({
              ...inputs,
              instances,
              probed: (target, hubUrl, instanceId, workspaceId) =>
                queryClient.fetchQuery(
                  scopeProbeQueryOptions(target, { id: instanceId, hubUrl }, workspaceId, inputs.token),
                ),
            })
              .then((made) => {
                setReport(made);
                setComparison(undefined);
              })
              .finally(() => setMaking(false));
          }}
        >
          {making ? 'Checking every instance…' : report ? 'Make the report again' : 'Make a report'}
        </button>
        {report ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() => download(`evo-scope-report-${stamp(report)}.md`, 'text/markdown', reportMarkdown(report))}
            >
              Download Markdown
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                download(`evo-scope-report-${stamp(report)}.json`, 'application/json', JSON.stringify(report, null, 2))
              }
            >
              Download JSON
            </button>
          </>
        ) : null}
      </div>
      {!instances ? <p className="muted">Waiting for Discovery…</p> : null}
      {report ? (
        <>
          <pre className="code-block" aria-label="The report, as Markdown">
            {reportMarkdown(report)}
          </pre>
          <p className="console-field">
            <label htmlFor={fileId}>Compare with an earlier report (its .json file)</label>
            <input
              id={fileId}
              type="file"
              accept="application/json,.json"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (!file) return;
                void file.text().then((text) => {
                  try {
                    const earlier = readReport(text);
                    setComparison({ changes: diffReports(earlier, report), earlier });
                  } catch (error) {
                    setComparison({ problem: error instanceof Error ? error.message : 'The file could not be read.' });
                  }
                });
              }}
            />
          </p>
          {comparison ? (
            'problem' in comparison ? (
              <p className="field-error" role="alert">
                {comparison.problem}
              </p>
            ) : (
              <section aria-label="Changes since the earlier report" aria-live="polite">
                <h3 className="subheading">Since the report of {comparison.earlier.createdAt}</h3>
                {comparison.changes.length === 0 ? (
                  <p>Nothing changed.</p>
                ) : (
                  <ul className="report-changes">
                    {comparison.changes.map((change) => (
                      <li key={change}>{change}</li>
                    ))}
                  </ul>
                )}
                <table className="stack-table report-side-by-side">
                  <caption>Side by side</caption>
                  <thead>
                    <tr>
                      <th scope="col">What</th>
                      <th scope="col">Earlier ({comparison.earlier.createdAt})</th>
                      <th scope="col">Now ({report.createdAt})</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sideBySide(comparison.earlier, report).map((row) => (
                      <tr key={row.label} className={row.changed ? 'report-changed' : undefined}>
                        <th scope="row">
                          {row.label}
                          {row.changed ? <span className="tag">changed</span> : null}
                        </th>
                        <td data-label="Earlier">{row.before}</td>
                        <td data-label="Now">{row.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )
          ) : null}
        </>
      ) : null}
    </div>
  );
}
