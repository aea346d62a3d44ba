import './contents.css';
import './evo.css';
import type { ReactNode } from 'react';
import { Breakable } from '../ui/Breakable.tsx';
import { EvoTime } from './EvoTime.tsx';
import {
  blockModelList,
  describeIssues,
  fileList,
  objectList,
  readItems,
  type BlockModel,
  type EvoFile,
  type GeoscienceObject,
  type ListEndpoint,
  type ReadItem,
} from './evoSchemas.ts';
import type { TokenIdentity } from './discovery.ts';
import { CONTENTS_LIMIT, PROBE_TARGETS, useScopeProbe, type ProbeOutcome } from './scopeProbe.ts';
import type { InstanceRef } from './workspaces.ts';

interface WorkspaceContentsPanelProps {
  instance: InstanceRef;
  workspace: { id: string; name: string };
  token: TokenIdentity;
}

/** A list body read tolerantly: its total when it says one, and each item on its own. */
export function readContents<Item>(
  endpoint: ListEndpoint<Item>,
  body: unknown,
): { items: ReadItem<Item>[]; total: number | undefined } | { error: string } {
  const parsed = endpoint.envelope.safeParse(body);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    return { error: `${field}: ${message}` };
  }
  const raw = parsed.data[endpoint.itemsKey];
  const total = parsed.data.total;
  return {
    items: readItems(Array.isArray(raw) ? raw : [], endpoint.item),
    total: typeof total === 'number' ? total : undefined,
  };
}

/** 1 234 567 bytes as "1.2 MB" (1000-based, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `/objects/pointset/1.3.0/pointset.schema.json` as "pointset 1.3.0". */
export function schemaName(schema: string): string {
  const match = /^\/[\w-]+\/([\w-]+)\/(\d+\.\d+\.\d+)\//.exec(schema);
  return match ? `${match[1]} ${match[2]}` : schema;
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A block model's grid in words: "regular, 40 × 30 × 20 blocks of 10 × 10 × 5". */
export function blockModelSize(model: BlockModel): string {
  const size = model.size_options;
  const unit = model.size_unit_id ? ` ${model.size_unit_id}` : '';
  if (size.model_type === 'regular') {
    const { nx, ny, nz } = size.n_blocks;
    const { x, y, z } = size.block_size;
    return `Regular, ${nx} × ${ny} × ${nz} blocks of ${number.format(x)} × ${number.format(y)} × ${number.format(z)}${unit}`;
  }
  const { nx, ny, nz } = size.n_parent_blocks;
  const { x, y, z } = size.parent_block_size;
  const type = { 'fully-sub-blocked': 'Fully sub-blocked', flexible: 'Flexible', 'variable-octree': 'Variable octree' }[
    size.model_type
  ];
  return `${type}, ${nx} × ${ny} × ${nz} parent blocks of ${number.format(x)} × ${number.format(y)} × ${number.format(z)}${unit}`;
}

function extent(model: BlockModel): string {
  const { x_minmax: x, y_minmax: y, z_minmax: z } = model.bbox;
  const range = (axis: string, r: { min: number; max: number }) =>
    `${axis} ${number.format(r.min)} to ${number.format(r.max)}`;
  return [range('x', x), range('y', y), range('z', z)].join(', ');
}

interface Column<Item> {
  label: string;
  cell: (item: Item) => ReactNode;
}

function ContentsTable<Item>({
  caption,
  noun,
  read,
  columns,
  rowKey,
  rowName,
}: {
  caption: string;
  /** What one item is called, singular and plural: ['file', 'files']. */
  noun: [string, string];
  read: ReturnType<typeof readContents<Item>>;
  columns: Column<Item>[];
  rowKey: (item: Item) => string;
  rowName: (item: Item) => string;
}) {
  if ('error' in read) {
    return <p className="field-warning">The answer is not a list in the documented shape ({read.error}).</p>;
  }
  const { items, total } = read;
  if (items.length === 0) return <p className="muted">None in this workspace.</p>;
  return (
    <>
      <p className="muted">
        {total !== undefined && total > items.length
          ? `The first ${items.length} of ${total} ${noun[1]}.`
          : `${items.length} ${items.length === 1 ? noun[0] : noun[1]}.`}
      </p>
      <table className="contents-table stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) =>
            item.ok ? (
              <tr key={rowKey(item.value)}>
                <th scope="row">{rowName(item.value)}</th>
                {columns.map((column) => (
                  <td key={column.label} data-label={column.label}>
                    {column.cell(item.value)}
                  </td>
                ))}
              </tr>
            ) : (
              <tr key={`malformed-${item.index}`} className="row-malformed">
                <th scope="row">{item.label}</th>
                <td colSpan={columns.length} className="field-warning">
                  Not in the documented shape: {item.problem}.
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </>
  );
}

function Section({
  title,
  outcome,
  refusal,
  children,
}: {
  title: string;
  outcome: ProbeOutcome | undefined;
  refusal: string | undefined;
  children: (body: unknown) => ReactNode;
}) {
  return (
    <section className="contents-section" aria-label={title}>
      <h3>{title}</h3>
      {!outcome ? (
        <p role="status">Listing…</p>
      ) : outcome.verdict === 'allowed' ? (
        children(outcome.body)
      ) : (
        <p className="muted">
          Not listed: the API answered {outcome.status ?? 'nothing'}
          {outcome.title ? ` ${outcome.title}` : ''}
          {refusal ? `. ${refusal}.` : '.'}
        </p>
      )}
    </section>
  );
}

const objectColumns: Column<GeoscienceObject>[] = [
  {
    label: 'Path',
    cell: (item) => (
      <code className="breakable">
        <Breakable text={item.path} />
      </code>
    ),
  },
  { label: 'Schema', cell: (item) => <span title={item.schema}>{schemaName(item.schema)}</span> },
  { label: 'Modified', cell: (item) => <EvoTime value={item.modified_at} /> },
];

const fileColumns: Column<EvoFile>[] = [
  {
    label: 'Path',
    cell: (item) => (
      <code className="breakable">
        <Breakable text={item.path} />
      </code>
    ),
  },
  { label: 'Size', cell: (item) => <span title={`${item.size} bytes`}>{formatBytes(item.size)}</span> },
  { label: 'Version', cell: (item) => <code>{item.version_id}</code> },
  { label: 'Modified', cell: (item) => <EvoTime value={item.modified_at} /> },
];

const blockModelColumns: Column<BlockModel>[] = [
  { label: 'Grid', cell: blockModelSize },
  { label: 'Extent', cell: extent },
  { label: 'Updated', cell: (item) => <EvoTime value={item.last_updated_at} /> },
];

/**
 * What the workspace holds, from the same calls the scope probe makes (one call per API): its
 * geoscience objects, files and block models, each with the fields a person looks for.
 */
export function WorkspaceContentsPanel({ instance, workspace, token }: WorkspaceContentsPanelProps) {
  const results = useScopeProbe(instance, workspace.id, token);
  const outcome = (api: string) => results[PROBE_TARGETS.findIndex((target) => target.api === api)]?.data;
  // The Discovery service code each API needs is the probe's own (PROBE_TARGETS), not repeated here.
  const refusal = (api: string) => {
    const service = PROBE_TARGETS.find((target) => target.api === api)?.service;
    return service && !instance.services.includes(service)
      ? `Discovery lists no ${api} service for this instance`
      : undefined;
  };
  const listed = <Item,>(
    endpoint: ListEndpoint<Item>,
    caption: string,
    noun: [string, string],
    columns: Column<Item>[],
    key: (item: Item) => string,
  ) =>
    function Listed(body: unknown) {
      return (
        <ContentsTable
          caption={caption}
          noun={noun}
          read={readContents(endpoint, body)}
          columns={columns}
          rowKey={key}
          rowName={(item) => (item as { name: string }).name}
        />
      );
    };
  return (
    <section className="card" aria-labelledby="contents-heading">
      <h2 id="contents-heading">In {workspace.name}</h2>
      <p className="muted">
        The first {CONTENTS_LIMIT} of each list, read from the scope probe&apos;s own calls (no extra requests).
      </p>
      <Section
        title="Geoscience objects"
        outcome={outcome('Geoscience Objects')}
        refusal={refusal('Geoscience Objects')}
      >
        {listed(objectList, 'Geoscience objects', ['object', 'objects'], objectColumns, (item) => item.object_id)}
      </Section>
      <Section title="Files" outcome={outcome('Files')} refusal={refusal('Files')}>
        {listed(fileList, 'Files', ['file', 'files'], fileColumns, (item) => item.file_id)}
      </Section>
      <Section title="Block models" outcome={outcome('Block Models')} refusal={refusal('Block Models')}>
        {listed(
          blockModelList,
          'Block models',
          ['block model', 'block models'],
          blockModelColumns,
          (item) => item.bm_uuid,
        )}
      </Section>
    </section>
  );
}
