import type { UserManager } from 'oidc-client-ts';
import { doorFetch } from '../http/index.ts';

/** oidc-client-ts's JSON service: every request it makes goes through `fetchWithTimeout`. */
interface JsonServiceLike {
  fetchWithTimeout: (input: string, init?: RequestInit & { timeoutInSeconds?: number }) => Promise<Response>;
}

/**
 * Where oidc-client-ts keeps its JSON services: the metadata service's (metadata, keys); the
 * client's token client's (refresh, revocation); the response validator's own token client's (the
 * code exchange). oidc-client-ts 3.5.0 has no public fetch option, so these private fields are the
 * only seam: checked against oidc-client-ts 3.5.0. libraryRequests.test.ts fails at once when an
 * update renames or moves one of them.
 */
export const LIBRARY_SERVICES = [
  ['metadataService._jsonService', (m: Internals) => m.metadataService._jsonService],
  ['_client._tokenClient._jsonService', (m: Internals) => m._client?._tokenClient?._jsonService],
  ['_client._validator._tokenClient._jsonService', (m: Internals) => m._client?._validator?._tokenClient?._jsonService],
] as const;

interface Internals {
  metadataService: { _jsonService?: JsonServiceLike };
  _client?: {
    _tokenClient?: { _jsonService?: JsonServiceLike };
    _validator?: { _tokenClient?: { _jsonService?: JsonServiceLike } };
  };
}

/**
 * Sends every request the library makes for this manager through the door (src/http/), which
 * records it and does not follow a redirect with a code, verifier or refresh token in the body.
 * Returns the services it could not find (none with the checked version).
 */
export function routeLibraryThroughDoor(manager: UserManager): string[] {
  const internals = manager as unknown as Internals;
  const missing: string[] = [];
  for (const [name, find] of LIBRARY_SERVICES) {
    const service = find(internals);
    if (!service || typeof service.fetchWithTimeout !== 'function') {
      missing.push(name);
      continue;
    }
    const send = service.fetchWithTimeout.bind(service);
    service.fetchWithTimeout = (input, init = {}) =>
      doorFetch('oidc', input, init, (url, rest) => send(String(url), { ...init, ...rest }));
  }
  return missing;
}
