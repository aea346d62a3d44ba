/**
 * Where sessions and pending sign-ins live: SQLite through the built-in `node:sqlite` (a file, the
 * default; survives a restart) or Redis/Valkey (`redis://…`; several BFF instances share it).
 * Keys are one-way hashes of the cookie and state values, so the store never holds a usable id.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from 'redis';

export interface KeyValueStore {
  readonly kind: 'sqlite' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Reads and deletes in one step: a pending sign-in is used once. */
  take(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

interface SqliteStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): Record<string, unknown> | undefined;
}
interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** The SQLite store. `node:sqlite` needs Node ≥ 22.13 (package.json "engines"). */
export async function sqliteStore(file: string): Promise<KeyValueStore> {
  // @types/node 20 has no node:sqlite types yet: the few calls used here are typed above.
  const moduleName: string = 'node:sqlite';
  const { DatabaseSync } = (await import(moduleName)) as {
    DatabaseSync: new (path: string) => SqliteDatabase;
  };
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 3000;');
  db.exec('CREATE TABLE IF NOT EXISTS bff_kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL)');
  const now = () => Math.floor(Date.now() / 1000);
  const select = db.prepare('SELECT value FROM bff_kv WHERE key = ? AND expires_at > ?');
  const upsert = db.prepare(
    'INSERT INTO bff_kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
  );
  const remove = db.prepare('DELETE FROM bff_kv WHERE key = ?');
  const purge = db.prepare('DELETE FROM bff_kv WHERE expires_at <= ?');
  const timer = setInterval(() => purge.run(now()), 60_000);
  timer.unref();
  return {
    kind: 'sqlite',
    // node:sqlite is synchronous; the store's interface is async for Redis.
    get: (key) => {
      const row = select.get(key, now());
      return Promise.resolve(typeof row?.value === 'string' ? row.value : undefined);
    },
    set: (key, value, ttlSeconds) => {
      upsert.run(key, value, now() + Math.max(1, Math.ceil(ttlSeconds)));
      return Promise.resolve();
    },
    take: (key) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const row = select.get(key, now());
        remove.run(key);
        db.exec('COMMIT');
        return Promise.resolve(typeof row?.value === 'string' ? row.value : undefined);
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    delete: (key) => {
      remove.run(key);
      return Promise.resolve();
    },
    close: () => {
      clearInterval(timer);
      db.close();
      return Promise.resolve();
    },
  };
}

/** The Redis (or Valkey) store, for several BFF instances behind one load balancer. */
export async function redisStore(url: string): Promise<KeyValueStore> {
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 3000) } });
  client.on('error', (error: Error) => console.error(`[bff] redis: ${error.message}`));
  await client.connect();
  const prefix = 'evo-bff:';
  return {
    kind: 'redis',
    async get(key) {
      return (await client.get(prefix + key)) ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      await client.set(prefix + key, value, { expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) } });
    },
    async take(key) {
      return (await client.getDel(prefix + key)) ?? undefined;
    },
    async delete(key) {
      await client.del(prefix + key);
    },
    async close() {
      await client.close();
    },
  };
}

export function openStore(spec: string): Promise<KeyValueStore> {
  return /^rediss?:\/\//.test(spec) ? redisStore(spec) : sqliteStore(spec);
}
