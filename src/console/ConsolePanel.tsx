import { useState } from 'react';
import { useDiscovery, type TokenIdentity } from '../evo/discovery.ts';
import type { DecodedAccessToken } from '../token/decodeAccessToken.ts';
import { useFocusOnShow } from '../ui/useFocusOnShow.ts';
import './console.css';
import { ExchangeLogPanel } from './ExchangeLogPanel.tsx';
import { ExportPanel, type ProviderEndpoints } from './ExportPanel.tsx';
import { RequestConsole } from './RequestConsole.tsx';
import type { ReportInputs } from './scopeReport.ts';
import { ScopeReportPanel } from './ScopeReportPanel.tsx';
import { TokenDebugger } from './TokenDebugger.tsx';

const TABS = [
  ['log', 'Exchange log'],
  ['request', 'Request'],
  ['token', 'Token debugger'],
  ['report', 'Scope report'],
  ['export', 'Export'],
] as const;
type Tab = (typeof TABS)[number][0];

export interface ConsolePanelProps {
  token: TokenIdentity;
  /**
   * The token itself and decoded, for the debugger alone (it shows its parts; it sends nothing).
   * None in Web app mode: the token stays on the server, and the debugger says so.
   */
  inspected?: { accessToken: string; decoded: DecodedAccessToken };
  /** The instance and workspace chosen on the page, to fill templates and the report's workspace. */
  chosen: { instanceId?: string; hubUrl?: string; workspace?: { id: string; name: string } };
  report: Omit<ReportInputs, 'instances' | 'workspace' | 'token'>;
  /** The provider's endpoints, for the exports; none for a pasted token. */
  providerEndpoints?: ProviderEndpoints;
}

/** The wire and the tools: every exchange, a request of your own, the token as a debugger shows it, a report. */
export function ConsolePanel({ token, inspected, chosen, report, providerEndpoints }: ConsolePanelProps) {
  const [tab, setTab] = useState<Tab>('log');
  const discovery = useDiscovery(token);
  const heading = useFocusOnShow<HTMLHeadingElement>();
  const instances = discovery.data?.instances;
  return (
    <section className="card console" aria-labelledby="console-heading">
      <h2 id="console-heading" ref={heading} tabIndex={-1}>
        API console
      </h2>
      <div className="button-row console-tabs" role="group" aria-label="Console views">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            className="button button-small"
            aria-pressed={tab === id}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'log' ? <ExchangeLogPanel /> : null}
      {tab === 'request' ? (
        <RequestConsole
          token={token}
          instances={instances}
          chosen={{ instanceId: chosen.instanceId, hubUrl: chosen.hubUrl, workspaceId: chosen.workspace?.id }}
        />
      ) : null}
      {tab === 'token' && inspected ? (
        <TokenDebugger accessToken={inspected.accessToken} decoded={inspected.decoded} />
      ) : null}
      {tab === 'token' && !inspected ? (
        <p className="muted">
          Web app mode: the token is on the server, so this page has none to take apart or verify. Its claims, decoded
          on the server, are under “Token claims” above.
        </p>
      ) : null}
      {tab === 'report' ? (
        <ScopeReportPanel
          instances={instances}
          inputs={{
            ...report,
            token,
            workspace:
              chosen.instanceId && chosen.workspace
                ? { instanceId: chosen.instanceId, id: chosen.workspace.id, name: chosen.workspace.name }
                : undefined,
          }}
        />
      ) : null}
      {tab === 'export' ? (
        <ExportPanel
          discoveryUrl={token.discoveryUrl}
          configuration={report.configuration}
          scopes={report.requested}
          providerEndpoints={providerEndpoints}
          chosen={{ instanceId: chosen.instanceId, hubUrl: chosen.hubUrl, workspaceId: chosen.workspace?.id }}
        />
      ) : null}
    </section>
  );
}
