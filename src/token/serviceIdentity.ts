import { stringClaim } from './decodeAccessToken.ts';

/** Who a service app's token speaks for: its client, its identity, and the client's email if sent. */
export interface ServiceIdentity {
  clientId: string;
  subject: string | undefined;
  email: string | undefined;
}

const PERSON_CLAIMS = ['name', 'given_name', 'family_name', 'preferred_username', 'auth_time'];

/**
 * A client-credentials token (a service app) names a client and no person: it has `client_id`
 * and none of the claims a person's sign-in brings (name, username, time of authentication).
 */
export function serviceIdentityOf(claims: Record<string, unknown> | undefined): ServiceIdentity | undefined {
  const clientId = stringClaim(claims, 'client_id');
  if (!clientId || PERSON_CLAIMS.some((name) => claims && Object.hasOwn(claims, name))) return undefined;
  return {
    clientId,
    subject: stringClaim(claims, 'sub'),
    email: stringClaim(claims, 'client_email') ?? stringClaim(claims, 'email'),
  };
}
