import type { UserManager } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../config/catalogue.ts';
import { carryMetadataAcrossRedirect, takeCarriedMetadata } from './metadataCarry.ts';

const AUTHORITY = 'http://127.0.0.1:3001';
const metadata = {
  issuer: AUTHORITY,
  authorization_endpoint: `${AUTHORITY}/connect/authorize`,
  token_endpoint: `${AUTHORITY}/connect/token`,
};
const manager = (value: unknown) =>
  ({
    metadataService: { getMetadata: () => (value instanceof Error ? Promise.reject(value) : Promise.resolve(value)) },
  }) as unknown as UserManager;

describe('carrying metadata across the redirect', () => {
  it('hands the stored metadata to the next page once, then forgets it', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    await carryMetadataAcrossRedirect(manager(metadata), AUTHORITY, storage);
    expect(takeCarriedMetadata(AUTHORITY, storage)).toEqual(metadata);
    expect(takeCarriedMetadata(AUTHORITY, storage)).toBeUndefined();
  });

  it('ignores metadata for another issuer, stale metadata, and junk', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    await carryMetadataAcrossRedirect(manager({ ...metadata, issuer: 'https://evil.example' }), AUTHORITY, storage);
    expect(takeCarriedMetadata(AUTHORITY, storage)).toBeUndefined();
    await carryMetadataAcrossRedirect(manager(metadata), AUTHORITY, storage);
    expect(takeCarriedMetadata(AUTHORITY, storage, Date.now() + 11 * 60 * 1000)).toBeUndefined();
    storage.setItem(`evo-sign-in-lab:metadata:${AUTHORITY}`, '{not json');
    expect(takeCarriedMetadata(AUTHORITY, storage)).toBeUndefined();
  });

  it('stores nothing when the provider cannot be reached, leaving the error to the sign-in', async () => {
    const storage = new MemoryStorage();
    await carryMetadataAcrossRedirect(manager(new TypeError('Failed to fetch')), AUTHORITY, storage);
    expect(storage.length).toBe(0);
  });
});
