/**
 * The people who can sign in to the sandbox. Both twins read this list: the IMS twin to check a
 * password and shape the token's identity claims, the Evo twin to know which instances a token's
 * `sub` may see. Every user's password is {@link SANDBOX_PASSWORD}; the login page says so.
 */
export interface SandboxUser {
  /** Stable subject identifier, as IMS issues a GUID per person. */
  sub: string;
  email: string;
  givenName: string;
  familyName: string;
  /** The Bentley organisation IMS names in `org` / `org_name`. */
  org: { id: string; name: string };
  usageCountry: string;
  /** One line for the login page: what this user is for. */
  purpose: string;
}

export const SANDBOX_PASSWORD = 'sandbox';

export const SANDBOX_USERS: readonly SandboxUser[] = [
  {
    sub: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e01',
    email: 'ada@example.com',
    givenName: 'Ada',
    familyName: 'Lovelace',
    org: { id: '7f1d2c3b-0000-4a5b-8c9d-000000000001', name: 'Analytical Engines Ltd' },
    usageCountry: 'GB',
    purpose: 'two instances on two hubs, many workspaces',
  },
  {
    sub: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e02',
    email: 'grace@example.com',
    givenName: 'Grace',
    familyName: 'Hopper',
    org: { id: '7f1d2c3b-0000-4a5b-8c9d-000000000002', name: 'Compiler Geoscience Inc' },
    usageCountry: 'US',
    purpose: 'one instance, a few workspaces',
  },
  {
    sub: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e03',
    email: 'newcomer@example.com',
    givenName: 'Nova',
    familyName: 'Newcomer',
    org: { id: '7f1d2c3b-0000-4a5b-8c9d-000000000003', name: 'Just Joined Pty' },
    usageCountry: 'AU',
    purpose: 'no Evo instances yet',
  },
  {
    sub: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e04',
    email: 'atlas@example.com',
    givenName: 'Atlas',
    familyName: 'Largeorg',
    org: { id: '7f1d2c3b-0000-4a5b-8c9d-000000000004', name: 'Atlas Mining Group' },
    usageCountry: 'CA',
    purpose: 'a real-sized organisation: 300 instances, one with 2000 workspaces',
  },
];

export function findUserByEmail(email: string): SandboxUser | undefined {
  const wanted = email.trim().toLowerCase();
  return SANDBOX_USERS.find((user) => user.email === wanted);
}

export function findUserBySub(sub: string): SandboxUser | undefined {
  return SANDBOX_USERS.find((user) => user.sub === sub);
}

/**
 * The service identity of the sandbox's service app (client credentials): no person. Its tokens
 * carry this `sub` and the client's email; the Evo twin lets it into one instance and only some of
 * its workspaces, as a service identity must be added to each by an administrator.
 */
export const SERVICE_IDENTITY = {
  sub: '5b3f7e0a-2c41-4f0e-9d7a-1a2b3c4d5e50',
  clientId: 'evo-sandbox-service',
  email: 'evo-sandbox-service@clients.sandbox.example',
  name: 'evo-sandbox-service (service app)',
} as const;
