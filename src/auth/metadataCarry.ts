import type { OidcMetadata, UserManager } from 'oidc-client-ts';
import { browserStorage } from '../config/browserStorage.ts';
import { carryStorage } from '../config/sessionCarry.ts';

const PREFIX = 'evo-sign-in-lab:metadata:';
/** Metadata older than this is fetched again rather than trusted. */
const MAX_AGE_MS = 10 * 60 * 1000;

/**
 * Carries the provider's public metadata across the sign-in redirect, in this tab's
 * `sessionStorage`, so a sign-in fetches `/.well-known/openid-configuration` once, not once per
 * page load. It is stored when the sign-in starts and taken (read and removed) when the page
 * comes back; it holds only public endpoint addresses. Not with memory-only token storage (the
 * callback page then fetches it again).
 */
export async function carryMetadataAcrossRedirect(
  manager: UserManager,
  authority: string,
  storage: Storage | undefined = carryStorage(),
): Promise<void> {
  if (!storage) return;
  try {
    const metadata = await manager.metadataService.getMetadata();
    storage.setItem(PREFIX + authority, JSON.stringify({ savedAt: Date.now(), metadata }));
  } catch {
    // Not reachable or not storable: the sign-in itself will fetch it and report any failure.
  }
}

/** The carried metadata for `authority`, if fresh; removed from storage either way. */
export function takeCarriedMetadata(
  authority: string,
  storage: Storage | undefined = browserStorage('session'),
  now: number = Date.now(),
): Partial<OidcMetadata> | undefined {
  if (!storage) return undefined;
  let raw: string | null;
  try {
    raw = storage.getItem(PREFIX + authority);
    storage.removeItem(PREFIX + authority);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const { savedAt, metadata } = JSON.parse(raw) as { savedAt?: unknown; metadata?: unknown };
    if (typeof savedAt !== 'number' || now - savedAt > MAX_AGE_MS || now < savedAt) return undefined;
    if (typeof metadata !== 'object' || metadata === null) return undefined;
    const record = metadata as Partial<OidcMetadata>;
    // Only metadata naming this very issuer and the endpoints the flow needs is used.
    if (
      record.issuer !== authority ||
      typeof record.token_endpoint !== 'string' ||
      typeof record.authorization_endpoint !== 'string'
    ) {
      return undefined;
    }
    return record;
  } catch {
    return undefined;
  }
}
