import { MemoryStorage } from './catalogue.ts';
export type StorageKind = 'local' | 'session';

const probed = new Map<StorageKind, Storage | undefined>();

/**
 * The browser's `localStorage` or `sessionStorage` when this page may really use it, else
 * `undefined`. With site data blocked, merely reading `window.localStorage` throws a
 * `SecurityError`; a full quota throws on write. Both are probed once, inside `try`.
 */
export function browserStorage(kind: StorageKind): Storage | undefined {
  if (probed.has(kind)) return probed.get(kind);
  let storage: Storage | undefined;
  try {
    const candidate = kind === 'local' ? window.localStorage : window.sessionStorage;
    const probe = 'evo-sign-in-lab:probe';
    candidate.setItem(probe, '1');
    candidate.removeItem(probe);
    storage = candidate;
  } catch {
    storage = undefined;
  }
  probed.set(kind, storage);
  return storage;
}

export { MemoryStorage };

const memory = new Map<StorageKind, Storage>();

/**
 * `browserStorage(kind)`, or a store in this page's memory when the browser refuses: it lasts
 * until the page goes, which is what the page then says.
 */
export function storageOrMemory(kind: StorageKind): Storage {
  const real = browserStorage(kind);
  if (real) return real;
  let fallback = memory.get(kind);
  if (!fallback) {
    fallback = new MemoryStorage();
    memory.set(kind, fallback);
  }
  return fallback;
}

/** Whether both kinds of storage work: when not, nothing survives a reload or a redirect. */
export function storageWorks(): boolean {
  return browserStorage('local') !== undefined && browserStorage('session') !== undefined;
}
