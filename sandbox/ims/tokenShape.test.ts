import { describe, expect, it } from 'vitest';
import { SANDBOX_USERS } from '../users.ts';
import { identityClaims, imsShapedPayload } from './tokenShape.ts';

describe('imsShapedPayload', () => {
  it('turns the RFC 9068 string scope into an IMS array, lists offline_access and makes aud an array', () => {
    const token = {
      payload: { scope: 'evo.discovery evo.workspace', aud: 'evo', iat: 100 } as Record<string, unknown>,
    };
    imsShapedPayload('http://127.0.0.1:3001', token, true);
    expect(token.payload).toEqual({
      scope: ['evo.discovery', 'evo.workspace', 'offline_access'],
      aud: ['evo', 'http://127.0.0.1:3001/resources'],
      iat: 100,
      nbf: 100,
    });
  });

  it('leaves offline_access out when it was not granted', () => {
    const token = { payload: { scope: 'evo.discovery' } as Record<string, unknown> };
    imsShapedPayload('http://x', token);
    expect(token.payload.scope).toEqual(['evo.discovery']);
  });
});

describe('identityClaims', () => {
  it('gives the IMS identity claims of a sandbox user, and nothing for an unknown subject', () => {
    const ada = SANDBOX_USERS[0]!;
    expect(identityClaims({ accountId: ada.sub })).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      org_name: 'Analytical Engines Ltd',
    });
    expect(identityClaims({ accountId: 'nobody' })).toBeUndefined();
  });
});
