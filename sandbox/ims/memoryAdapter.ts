import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Store {
  items: Map<string, { payload: AdapterPayload; expiresAt?: number }>;
  grants: Map<string, Set<string>>;
  byUid: Map<string, string>;
  byUserCode: Map<string, string>;
}

/**
 * oidc-provider storage kept in this process's memory, on purpose: the sandbox is a local twin,
 * and a restart that ends every session is what a newcomer expects. (oidc-provider's own memory
 * adapter does the same but warns about production use at every start.)
 */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly store: Store,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const key = this.key(id);
    this.store.items.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
    if (payload.grantId) {
      const keys = this.store.grants.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.store.grants.set(payload.grantId, keys);
    }
    if (payload.uid) this.store.byUid.set(payload.uid, id);
    if (payload.userCode) this.store.byUserCode.set(payload.userCode, id);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    const key = this.key(id);
    const item = this.store.items.get(key);
    if (item?.expiresAt !== undefined && item.expiresAt <= Date.now()) {
      this.store.items.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(item?.payload);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.byUid.get(uid);
    return id ? this.find(id) : Promise.resolve(undefined);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.store.byUserCode.get(userCode);
    return id ? this.find(id) : Promise.resolve(undefined);
  }

  consume(id: string): Promise<void> {
    const item = this.store.items.get(this.key(id));
    if (item) item.payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.store.items.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.grants.get(grantId) ?? []) this.store.items.delete(key);
    this.store.grants.delete(grantId);
    return Promise.resolve();
  }
}

/** A fresh store per provider, so two sandboxes in one process never share sessions. */
export function memoryAdapter(): AdapterFactory {
  const store: Store = { items: new Map(), grants: new Map(), byUid: new Map(), byUserCode: new Map() };
  return (model: string) => new MemoryAdapter(store, model);
}
