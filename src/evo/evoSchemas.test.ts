import { describe, expect, it } from 'vitest';
import { blockModelList, fileList, objectList, readEvoTime, readItems } from './evoSchemas.ts';
import { blockModelSize, formatBytes, readContents, schemaName } from './WorkspaceContentsPanel.tsx';

const USER = { id: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e01' };
const object = {
  object_id: '11111111-2222-4333-a444-555555555555',
  name: 'Collars',
  path: '/drilling/',
  schema: '/objects/pointset/1.3.0/pointset.schema.json',
  version_id: '1700000000000000',
  etag: 'abc',
  created_at: '2025-03-01T10:00:00.123456',
  modified_at: '2025-03-01T11:00:00',
  links: { download: 'https://hub/x' },
};

describe('Evo times', () => {
  it('reads a time without a zone as UTC, and says it assumed so', () => {
    expect(readEvoTime('2025-03-01T10:00:00.123456')).toEqual({
      date: new Date(Date.UTC(2025, 2, 1, 10, 0, 0, 123)),
      zoneAssumed: true,
    });
    expect(readEvoTime('2025-03-01T10:00:00+10:00')).toEqual({
      date: new Date(Date.UTC(2025, 3 - 1, 1, 0)),
      zoneAssumed: false,
    });
    expect(readEvoTime('2025-03-01T10:00:00Z')?.zoneAssumed).toBe(false);
    expect(readEvoTime('not a time')).toBeUndefined();
    expect(readEvoTime(null)).toBeUndefined();
  });
});

describe('per-workspace lists', () => {
  it('reads objects whose times have no zone, with absent optional fields and extra ones', () => {
    const read = readContents(objectList, { objects: [{ ...object, new_field: 1 }], links: { next: null } });
    expect(read).toMatchObject({ items: [{ ok: true, value: { name: 'Collars' } }], total: undefined });
  });

  it('keeps the good items when one has a schema path the SDK could not parse', () => {
    const read = readContents(objectList, {
      objects: [object, { ...object, name: 'Odd', schema: 'pointset.json' }],
      links: {},
      total: 2,
    });
    if ('error' in read) throw new Error(read.error);
    expect(read.items.map((item) => item.ok)).toEqual([true, false]);
    expect(read.items[1]).toMatchObject({ label: 'Odd', problem: expect.stringMatching(/^schema: /) as unknown });
  });

  it('names the field when the list itself is the wrong shape', () => {
    expect(
      readContents(fileList, { files: [], count: '1', limit: 1, offset: 0, total: 1, links: { self: 'x' } }),
    ).toEqual({
      error: 'count: Invalid input: expected number, received string',
    });
  });

  it('refuses a workspace-level block model time without a zone, which the spec requires', () => {
    const [read] = readItems(
      [
        {
          bm_uuid: '11111111-2222-4333-a444-555555555555',
          org_uuid: '11111111-2222-4333-a444-555555555556',
          workspace_id: '11111111-2222-4333-a444-555555555557',
          name: 'BM',
          created_at: '2025-03-01T10:00:00',
          last_updated_at: '2025-03-01T10:00:00Z',
          created_by: USER,
          last_updated_by: USER,
          bbox: { x_minmax: { min: 0, max: 1 }, y_minmax: { min: 0, max: 1 }, z_minmax: { min: 0, max: 1 } },
          block_rotation: [],
          normalized_rotation: [0, 0, 0],
          model_origin: { x: 0, y: 0, z: 0 },
          size_options: {
            model_type: 'regular',
            n_blocks: { nx: 2, ny: 3, nz: 4 },
            block_size: { x: 5, y: 5, z: 2.5 },
          },
        },
      ],
      blockModelList.item,
    );
    expect(read).toMatchObject({ ok: false, problem: expect.stringMatching(/^created_at: /) as unknown });
  });

  it('describes sizes, schemas and grids in words', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(18_432)).toBe('18 kB');
    expect(formatBytes(1_284_551)).toBe('1.3 MB');
    expect(schemaName('/objects/pointset/1.3.0/pointset.schema.json')).toBe('pointset 1.3.0');
    expect(
      blockModelSize({
        size_options: { model_type: 'regular', n_blocks: { nx: 2, ny: 3, nz: 4 }, block_size: { x: 5, y: 5, z: 2.5 } },
        size_unit_id: 'm',
      } as never),
    ).toMatch(/^Regular, 2 × 3 × 4 blocks of 5 × 5 × 2.5 m$/);
  });
});
