import { describe, expect, it } from 'vitest';
import { serviceIdentityOf } from './serviceIdentity.ts';

describe('serviceIdentityOf', () => {
  it('recognises a client-credentials token: a client and no person', () => {
    expect(
      serviceIdentityOf({ client_id: 'svc', sub: 'guid', email: 'svc@clients.example', scope: ['evo.discovery'] }),
    ).toEqual({ clientId: 'svc', subject: 'guid', email: 'svc@clients.example' });
  });

  it('takes a person’s token for a person’s', () => {
    expect(serviceIdentityOf({ client_id: 'spa', sub: 'x', name: 'Ada Lovelace' })).toBeUndefined();
    expect(serviceIdentityOf({ client_id: 'spa', sub: 'x', auth_time: 1 })).toBeUndefined();
    expect(serviceIdentityOf({ sub: 'x' })).toBeUndefined();
    expect(serviceIdentityOf(undefined)).toBeUndefined();
  });
});
