import { ErrorResponse } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { BlockedByPolicyError } from '../config/contentSecurity.ts';
import { describeAuthError } from './describeAuthError.ts';
import { checkMetadataIssuer, ProviderIssuerError } from './issuerCheck.ts';

const AUTHORITY = 'http://127.0.0.1:3001';

describe('describeAuthError', () => {
  it('refuses a provider whose metadata names another issuer, naming both', () => {
    expect(() => checkMetadataIssuer('http://localhost:3011', { issuer: 'http://localhost:3011/' })).not.toThrow();
    let error: unknown;
    try {
      checkMetadataIssuer('http://localhost:3011', { issuer: 'http://127.0.0.1:3011' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderIssuerError);
    const problem = describeAuthError({ name: 'Error', message: 'x', innerError: error }, 'http://localhost:3011');
    expect(problem.code).toBe('issuer_mismatch');
    expect(problem.detail).toContain(
      'its issuer is "http://127.0.0.1:3011", not the authority entered, http://localhost:3011',
    );
    expect(problem.action).toContain('enter exactly that as the authority');
  });

  it('names a Content-Security-Policy block and how to allow the origin, not five possible causes', () => {
    const problem = describeAuthError(
      new BlockedByPolicyError('https://login.example.com', 'the identity provider'),
      AUTHORITY,
    );
    expect(problem.title).toBe("This page's Content-Security-Policy blocks https://login.example.com");
    expect(problem.action).toContain('VITE_ALLOWED_ORIGINS');
    expect(problem.detail).not.toContain('CORS');
  });

  it('explains invalid_scope with the provider’s description and what to change', () => {
    const inner = new ErrorResponse({ error: 'invalid_scope', error_description: 'requested scope is not allowed' });
    const problem = describeAuthError(
      { name: 'ErrorResponse', message: inner.message, innerError: inner, source: 'signinCallback' },
      AUTHORITY,
    );
    expect(problem.code).toBe('invalid_scope');
    expect(problem.title).toMatch(/refused a requested scope/);
    expect(problem.detail).toContain('"requested scope is not allowed"');
    expect(problem.action).toMatch(/scope picker/);
  });

  it('names the scopes a registration lacks, and where each was chosen, from the sign-in’s own state', () => {
    const inner = new ErrorResponse({
      error: 'invalid_scope',
      userState: { requestedScopes: ['evo.discovery', 'evo.workspace', 'evo.object', 'my.custom'] },
    });
    const problem = describeAuthError({ name: 'ErrorResponse', message: inner.message, innerError: inner }, AUTHORITY);
    expect(problem.detail).toContain(
      'This sign-in asked for "evo.discovery", "evo.workspace", "evo.object", "my.custom". Every Evo registration has evo.discovery and evo.workspace, so the registration lacks one or more of "evo.object", "my.custom".',
    );
    expect(problem.action).toBe(
      'Either untick "evo.object" in the scope picker and remove "my.custom" from "Other scopes", or add them to the app registration in the Seequent Developer Portal; then sign in again.',
    );
    const one = describeAuthError(
      new ErrorResponse({ error: 'invalid_scope', userState: { requestedScopes: ['evo.discovery', 'evo.file'] } }),
      AUTHORITY,
    );
    expect(one.detail).toContain('so the registration lacks "evo.file".');
  });

  it('explains a callback this tab did not start', () => {
    const problem = describeAuthError({ message: 'No matching state found in storage' }, AUTHORITY);
    expect(problem.title).toMatch(/cannot be finished here/);
  });

  it('explains an unreachable identity provider, naming it', () => {
    const problem = describeAuthError(
      { message: 'Failed to fetch', innerError: new TypeError('Failed to fetch') },
      AUTHORITY,
    );
    expect(problem.detail).toContain(AUTHORITY);
  });

  it('names an unknown OAuth error code rather than hiding it', () => {
    expect(describeAuthError({ error: 'weird_thing' }, AUTHORITY).title).toContain('weird_thing');
  });

  it('never repeats a token found in a library message', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const problem = describeAuthError({ message: `something failed for ${jwt}` }, AUTHORITY);
    expect(problem.detail).not.toContain(jwt);
    expect(problem.detail).toContain('[token removed]');
  });
});
