import { describe, expect, it } from 'vitest';
import { renewalDueAt } from './autoRenewal.ts';
import { clockOffsetWords } from './clockOffset.ts';
import { describeAuthError } from './describeAuthError.ts';
import {
  backoffMs,
  BACKOFF_CAP_MS,
  classifyFailure,
  ExpiresAtOnceError,
  NoRefreshTokenError,
  parseRetryAfter,
  ProviderHttpError,
  SpentRefreshTokenError,
} from './renewal.ts';

describe('renewal policy', () => {
  it('backs off exponentially with jitter, capped, and never before Retry-After', () => {
    expect(backoffMs(1, undefined, () => 0.5)).toBe(10_000);
    expect(backoffMs(2, undefined, () => 0.5)).toBe(20_000);
    expect(backoffMs(3, undefined, () => 0)).toBe(32_000);
    expect(backoffMs(3, undefined, () => 1)).toBe(48_000);
    expect(backoffMs(30, undefined, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1, 90_000, () => 0.5)).toBe(90_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('stops for good on a refused refresh token, waits for the network offline, retries the rest', () => {
    expect(classifyFailure({ error: 'invalid_grant' }, true)).toBe('refused');
    expect(classifyFailure(new SpentRefreshTokenError(), true)).toBe('refused');
    expect(classifyFailure(new NoRefreshTokenError(), true)).toBe('refused');
    // A renewed token that expires at once: renewing again would loop, so it is not retried.
    expect(classifyFailure(new ExpiresAtOnceError(0, 0), true)).toBe('refused');
    expect(describeAuthError(new ExpiresAtOnceError(0, 0), 'https://ims.example').detail).toContain(
      'expires_in is 0 s',
    );
    expect(classifyFailure({ error: 'temporarily_unavailable' }, true)).toBe('transient');
    expect(classifyFailure(new ProviderHttpError(503, undefined, 'x'), true)).toBe('transient');
    expect(classifyFailure(new ProviderHttpError(429, 5_000, 'x'), true)).toBe('transient');
    expect(classifyFailure(new ProviderHttpError(403, undefined, 'x'), true)).toBe('refused');
    expect(classifyFailure(new TypeError('Failed to fetch'), false)).toBe('offline');
    expect(classifyFailure(new TypeError('Failed to fetch'), true)).toBe('transient');
    expect(classifyFailure(new Error('Network timed out'), true)).toBe('transient');
  });

  it('is due a minute before expiry, or half-way for short tokens', () => {
    const now = 1_000_000_000;
    expect(renewalDueAt({ expires_at: (now + 3_600_000) / 1000, expires_in: 3600 }, now)).toBe(now + 3_540_000);
    expect(renewalDueAt({ expires_at: (now + 90_000) / 1000, expires_in: 90 }, now)).toBe(now + 45_000);
    expect(renewalDueAt({ expires_at: undefined, expires_in: undefined }, now)).toBe(Number.POSITIVE_INFINITY);
  });

  it('names a clock off by minutes, and not one off by network delay', () => {
    expect(clockOffsetWords(600_000)).toBe('your clock is about 10 minutes ahead of the provider');
    expect(clockOffsetWords(-600_000)).toBe('your clock is about 10 minutes behind the provider');
    expect(clockOffsetWords(30_000)).toBeUndefined();
  });

  it('words a 503 answer as an outage, never as a wrong authority', () => {
    const page = describeAuthError(
      new Error('Invalid response Content-Type: text/html, from URL: https://ims.example/connect/token'),
      'https://ims.example',
    );
    expect(page.title).toBe('The identity provider answered with an error page');
    const unavailable = describeAuthError(new ProviderHttpError(503, 30_000, 'https://ims.example/connect/token'), 'x');
    expect(unavailable.title).toBe('The identity provider is unavailable');
    expect(unavailable.detail).toContain('HTTP 503');
    expect(unavailable.detail).toContain('wait 30 s');
    const metadata = describeAuthError(
      new Error('Invalid response Content-Type: text/html, from URL: https://x/.well-known/openid-configuration'),
      'https://x',
    );
    expect(metadata.title).toBe('The authority does not look like an identity provider');
  });
});
