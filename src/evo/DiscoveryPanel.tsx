import { Breakable } from '../ui/Breakable.tsx';
import { ActionButton } from '../ui/ActionButton.tsx';
import './evo.css';
import { memo, useDeferredValue, useEffect, useState } from 'react';
import { Notice } from '../ui/Notice.tsx';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { EvoApiError } from './evoApiError.ts';
import { discoveryEndpoint, useDiscovery, type InstanceView, type TokenIdentity } from './discovery.ts';
import type { InstanceRef } from './workspaces.ts';

interface DiscoveryPanelProps {
  token: TokenIdentity;
  /** Called with an instance whose workspaces the person wants to see. */
  onChooseInstance: (instance: InstanceRef) => void;
  chosenInstanceId: string | undefined;
  /** Told each answer Discovery gave (status and time), for the reach table's "seen at". */
  onObserved?: (observation: {
    status: number | undefined;
    verdict: 'allowed' | 'forbidden' | 'unauthorized' | 'other';
    at: Date;
  }) => void;
}

/** How many instance cards show at first, and per "Show more": enough to scan, cheap to draw. */
export const INSTANCE_BATCH = 30;

/** One instance; redrawn only when its own data or its chosen state changes. */
const InstanceCard = memo(function InstanceCard({
  instance,
  onChoose,
  chosen,
}: {
  instance: InstanceView;
  onChoose: (ref: InstanceRef) => void;
  chosen: boolean;
}) {
  return (
    <li className={`instance${chosen ? ' instance-chosen' : ''}`}>
      <h3 className="instance-name">{instance.name}</h3>
      <p className="instance-id">
        Instance ID <code>{instance.id}</code>
      </p>
      {instance.access.map(({ hub, services }) => (
        <div key={hub.code} className="instance-hub">
          <p>
            Hub <strong>{hub.name}</strong> <span className="tag">{hub.code}</span>{' '}
            {hub.url ? <code className="hub-url">{hub.url}</code> : <span className="muted">(URL unknown)</span>}
          </p>
          {services.length > 0 ? (
            <ul className="chips" aria-label={`Services of ${instance.name} on ${hub.name}`}>
              {services.map((service) => (
                <li key={service.code} title={service.code}>
                  {service.name}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No services on this hub.</p>
          )}
          {hub.url ? (
            <button
              type="button"
              className="button button-small"
              aria-label={`List workspaces of ${instance.name} on ${hub.name}`}
              aria-pressed={chosen}
              onClick={() =>
                onChoose({
                  id: instance.id,
                  name: instance.name,
                  hubUrl: hub.url!,
                  hubName: hub.name,
                  services: services.map((service) => service.code),
                })
              }
            >
              List workspaces
            </button>
          ) : null}
        </div>
      ))}
      {instance.notes.map((note) => (
        <p key={note} className="field-warning">
          {note}
        </p>
      ))}
    </li>
  );
});

/** Instances whose name or id contains the text, ignoring case. */
export function filterInstances(instances: readonly InstanceView[], text: string): readonly InstanceView[] {
  const wanted = text.trim().toLocaleLowerCase();
  if (!wanted) return instances;
  return instances.filter(
    (instance) => instance.name.toLocaleLowerCase().includes(wanted) || instance.id.toLowerCase().includes(wanted),
  );
}

/** The list of instances: a filter when there are many, and cards drawn a batch at a time. */
function InstanceList({
  instances,
  onChoose,
  chosenInstanceId,
}: {
  instances: readonly InstanceView[];
  onChoose: (ref: InstanceRef) => void;
  chosenInstanceId: string | undefined;
}) {
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState(INSTANCE_BATCH);
  const deferredFilter = useDeferredValue(filter);
  const matching = filterInstances(instances, deferredFilter);
  const visible = matching.slice(0, shown);
  const many = instances.length > 6;
  return (
    <>
      <p>
        {instances.length === 1 ? 'One instance' : `${instances.length} instances`} (organisations) you can use
        {many && deferredFilter.trim() ? `; ${matching.length} match “${deferredFilter.trim()}”` : ''}:
      </p>
      {many ? (
        <p className="instance-filter">
          <label htmlFor="instance-filter">Filter instances by name</label>
          <input
            id="instance-filter"
            type="search"
            value={filter}
            autoComplete="off"
            onChange={(event) => {
              setFilter(event.target.value);
              setShown(INSTANCE_BATCH);
            }}
          />
        </p>
      ) : null}
      <ul className="instances">
        {visible.map((instance) => (
          <InstanceCard
            key={instance.id}
            instance={instance}
            onChoose={onChoose}
            chosen={instance.id === chosenInstanceId}
          />
        ))}
      </ul>
      {matching.length === 0 ? <p role="status">No instance matches “{deferredFilter.trim()}”.</p> : null}
      {matching.length > visible.length ? (
        <p className="button-row">
          <button type="button" className="button button-small" onClick={() => setShown((n) => n + INSTANCE_BATCH)}>
            Show {Math.min(INSTANCE_BATCH, matching.length - visible.length)} more
          </button>
          <span className="muted">
            {visible.length} of {matching.length} shown
          </span>
        </p>
      ) : null}
    </>
  );
}

/** The raw body, drawn only while its disclosure is open (a large answer costs nothing closed). */
export function RawJson({ body, label }: { body: unknown; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="raw-json" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Raw JSON of the answer</summary>
      {open ? (
        <pre className="code-block" tabIndex={0} aria-label={label}>
          {JSON.stringify(body, null, 2)}
        </pre>
      ) : null}
    </details>
  );
}

/** Calls Evo Discovery with the token and shows each instance with its hub and services. */
export function DiscoveryPanel({ token, onChooseInstance, chosenInstanceId, onObserved }: DiscoveryPanelProps) {
  const { discoveryUrl } = token;
  const query = useDiscovery(token);
  const instances = query.data?.instances;
  const { dataUpdatedAt, errorUpdatedAt, error, isError } = query;
  useEffect(() => {
    if (!onObserved) return;
    if (isError) {
      // Only an answer the API gave counts as seen; a network failure or a malformed body does not.
      if (!(error instanceof EvoApiError) || error.details.status === undefined) return;
      const status = error.details.status;
      onObserved({
        status,
        verdict: status === 403 ? 'forbidden' : status === 401 ? 'unauthorized' : 'other',
        at: new Date(errorUpdatedAt),
      });
    } else if (dataUpdatedAt > 0) {
      onObserved({ status: 200, verdict: 'allowed', at: new Date(dataUpdatedAt) });
    }
  }, [dataUpdatedAt, errorUpdatedAt, error, isError, onObserved]);

  return (
    <section className="card" aria-labelledby="discovery-heading" aria-busy={query.isFetching}>
      <div className="card-heading">
        <h2 id="discovery-heading">Evo Discovery</h2>
        <ActionButton onClick={() => void query.refetch()} unavailable={query.isFetching}>
          {query.isFetching ? 'Calling…' : 'Call again'}
        </ActionButton>
      </div>
      <p className="muted">
        <code className="breakable">
          GET <Breakable text={discoveryEndpoint(discoveryUrl)} />
        </code>{' '}
        {token.bearerAttachedBy ? `through ${token.bearerAttachedBy}.` : 'with the access token as a bearer token.'}
      </p>
      {query.isError ? (
        <ApiErrorNotice
          error={query.error}
          apiName="Evo Discovery"
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : instances === undefined ? (
        <p role="status">Asking Evo Discovery which instances you can use…</p>
      ) : instances.length === 0 ? (
        <Notice tone="info" title="You have no Evo instances yet">
          <p>
            The token works and Discovery answered, but you are not a member of any Evo instance. Ask an administrator
            of your organisation to add you to an instance, then call again.
          </p>
        </Notice>
      ) : (
        <InstanceList instances={instances} onChoose={onChooseInstance} chosenInstanceId={chosenInstanceId} />
      )}
      {query.data?.accountCount && !query.isError ? (
        <p className="muted">
          Discovery also lists {query.data.accountCount === 1 ? 'one account' : `${query.data.accountCount} accounts`}{' '}
          for you; the raw JSON below shows them.
        </p>
      ) : null}
      {/* After a failed call the earlier answer is not shown as if it were this one's. */}
      {query.data && !query.isError ? (
        <RawJson body={query.data.body} label="Raw JSON of the Discovery answer" />
      ) : null}
    </section>
  );
}
