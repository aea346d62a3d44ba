import { strToU8, zipSync } from 'fflate';
import { brunoFiles } from './bruno.ts';
import { exportBaseName, type ExportConnection, type ExportFile } from './connection.ts';
import { httpFile } from './httpFile.ts';
import { postmanCollection, postmanEnvironment } from './postman.ts';

export const EXPORT_FORMATS = ['postman', 'bruno', 'http'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The files of one export, as text, named after the connection: a Postman collection and its
 * environment; a Bruno collection folder; one `.http` file.
 */
export function exportFiles(connection: ExportConnection, format: ExportFormat): ExportFile[] {
  const base = exportBaseName(connection);
  switch (format) {
    case 'postman':
      return [
        {
          name: `${base}.postman_collection.json`,
          text: `${JSON.stringify(postmanCollection(connection), null, 2)}\n`,
        },
        {
          name: `${base}.postman_environment.json`,
          text: `${JSON.stringify(postmanEnvironment(connection), null, 2)}\n`,
        },
      ];
    case 'bruno':
      return brunoFiles(connection);
    case 'http':
      return [{ name: `${base}.http`, text: httpFile(connection) }];
  }
}

/** The Bruno collection as one zip (its folder inside), for a browser download. */
export function brunoZip(connection: ExportConnection): { name: string; bytes: Uint8Array } {
  const entries: Record<string, Uint8Array> = {};
  for (const file of brunoFiles(connection)) entries[file.name] = strToU8(file.text);
  // A fixed date, so the same settings give the same bytes.
  return {
    name: `${exportBaseName(connection)}.bruno.zip`,
    bytes: zipSync(entries, { mtime: new Date('2020-01-01T00:00:00Z') }),
  };
}
