import { Notice } from '../ui/Notice.tsx';
import { ApiErrorNotice } from './ApiErrorNotice.tsx';
import { discoveryEndpoint, useDiscovery, type InstanceView, type TokenIdentity } from './discovery.ts';
import type { InstanceRef } from './workspaces.ts';

interface DiscoveryPanelProps {
  token: TokenIdentity;
  /** Called with an instance whose workspaces the person wants to see. */
  onChooseInstance: (instance: InstanceRef) => void;
  chosenInstanceId: string | undefined;
}

function InstanceCard({
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
}

/** Calls Evo Discovery with the token and shows each instance with its hub and services. */
export function DiscoveryPanel({ token, onChooseInstance, chosenInstanceId }: DiscoveryPanelProps) {
  const { discoveryUrl } = token;
  const query = useDiscovery(token);
  const instances = query.data?.instances;

  return (
    <section className="card" aria-labelledby="discovery-heading" aria-busy={query.isFetching}>
      <div className="card-heading">
        <h2 id="discovery-heading">Evo Discovery</h2>
        <button
          type="button"
          className="button button-small"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
        >
          {query.isFetching ? 'Calling…' : 'Call again'}
        </button>
      </div>
      <p className="muted">
        <code>GET {discoveryEndpoint(discoveryUrl)}</code> with the access token as a bearer token.
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
        <>
          <p>
            {instances.length === 1 ? 'One instance' : `${instances.length} instances`} (organisations) you can use:
          </p>
          <ul className="instances">
            {instances.map((instance) => (
              <InstanceCard
                key={instance.id}
                instance={instance}
                onChoose={onChooseInstance}
                chosen={instance.id === chosenInstanceId}
              />
            ))}
          </ul>
        </>
      )}
      {query.data?.accountCount !== undefined ? (
        <p className="muted">
          Discovery also lists {query.data.accountCount === 1 ? 'one account' : `${query.data.accountCount} accounts`}{' '}
          for you; the raw JSON below shows them.
        </p>
      ) : null}
      {query.data ? (
        <details className="raw-json">
          <summary>Raw JSON of the answer</summary>
          <pre className="code-block" tabIndex={0} aria-label="Raw JSON of the Discovery answer">
            {JSON.stringify(query.data.body, null, 2)}
          </pre>
        </details>
      ) : null}
    </section>
  );
}
