import { REQUIRED_SCOPES, SCOPE_CATALOGUE } from '../config/scopes.ts';
import { redactSecrets } from '../ui/redact.ts';
import { BlockedByPolicyError, violationSince } from '../config/contentSecurity.ts';
import { IssuerMismatchError, ProviderIssuerError } from './issuerCheck.ts';
import { isNetworkFailure } from './networkFailure.ts';
import { ExpiresAtOnceError, NoRefreshTokenError, ProviderHttpError, SpentRefreshTokenError } from './renewal.ts';

/** A sign-in problem in words: what happened, why it matters, what to do next. */
export interface AuthProblem {
  title: string;
  detail: string;
  action: string;
  /** The OAuth error code, when the provider sent one. */
  code?: string;
}

interface ErrorLike {
  message?: unknown;
  name?: unknown;
  error?: unknown;
  error_description?: unknown;
  source?: unknown;
  innerError?: unknown;
  /** oidc-client-ts's ErrorResponse carries the sign-in's own state (what it asked for). */
  state?: unknown;
}

/** The scopes a failed sign-in asked for, kept in its own state; undefined when it did not say. */
function requestedIn(error: ErrorLike): string[] | undefined {
  const state = error.state;
  const scopes =
    typeof state === 'object' && state !== null && Object.hasOwn(state, 'requestedScopes')
      ? (state as { requestedScopes: unknown }).requestedScopes
      : undefined;
  return Array.isArray(scopes) && scopes.every((scope) => typeof scope === 'string') ? scopes : undefined;
}

/**
 * `invalid_scope` in words that name the scopes: the provider does not say which one it refused,
 * but every Evo registration has evo.discovery and evo.workspace, so the suspects are the others,
 * and the page says where each was chosen (a checkbox, or typed under "Other scopes").
 */
function refusedScopeWords(requested: string[]): { detail: string; action: string } {
  const suspects = requested.filter((scope) => !REQUIRED_SCOPES.includes(scope));
  const list = (scopes: string[]) => scopes.map((scope) => `"${scope}"`).join(', ');
  const picked = suspects.filter((scope) => SCOPE_CATALOGUE.some((info) => info.scope === scope));
  const typed = suspects.filter((scope) => !picked.includes(scope));
  const where = [
    picked.length ? `untick ${list(picked)} in the scope picker` : undefined,
    typed.length ? `remove ${list(typed)} from "Other scopes"` : undefined,
  ].filter(Boolean);
  return {
    detail:
      suspects.length > 0
        ? `This sign-in asked for ${list(requested)}. Every Evo registration has evo.discovery and evo.workspace, so the registration lacks ${suspects.length === 1 ? list(suspects) : `one or more of ${list(suspects)}`}.`
        : `This sign-in asked only for ${list(requested)}, which every Evo registration has: the client ID may belong to a registration that is not an Evo app.`,
    action:
      where.length > 0
        ? `Either ${where.join(' and ')}, or add ${suspects.length === 1 ? 'it' : 'them'} to the app registration in the Seequent Developer Portal; then sign in again.`
        : 'Check the client ID in the connection settings.',
  };
}

const OAUTH_ERRORS: Record<string, Omit<AuthProblem, 'code'>> = {
  invalid_scope: {
    title: 'The identity provider refused a requested scope',
    detail:
      'The app registration is not allowed one of the scopes this sign-in asked for. Evo registrations never get openid, profile or email, and only get the Evo scopes chosen when the app was registered.',
    action:
      'Remove the scope from the scope picker, or add it to the app registration in the Seequent Developer Portal, then sign in again.',
  },
  invalid_target: {
    title: 'The identity provider refused the resource parameter',
    detail: 'IMS does not accept an RFC 8707 resource parameter for Evo apps.',
    action: 'Sign in without a resource parameter.',
  },
  access_denied: {
    title: 'Sign-in was cancelled or denied',
    detail: 'The sign-in was cancelled at the identity provider, or consent was not given.',
    action: 'Sign in again when you are ready.',
  },
  unauthorized_client: {
    title: 'This client may not sign in this way',
    detail: 'The app registration does not allow the Authorization Code flow for a single-page app.',
    action: 'Check that the registration in the Seequent Developer Portal is a single-page (SPA) app.',
  },
  invalid_client: {
    title: 'The identity provider does not know this client',
    detail: 'The client ID is not registered at this identity provider, or this environment is the wrong one for it.',
    action: 'Check the client ID and the environment in the connection settings.',
  },
  invalid_request: {
    title: 'The identity provider rejected the sign-in request',
    detail: 'The request was malformed or is missing something the provider requires (such as PKCE).',
    action: 'Check the connection settings; if they are right, this is a bug in the app worth reporting.',
  },
  invalid_grant: {
    title: 'The authorization code or refresh token was not accepted',
    detail: 'It has expired, was already used, or was issued for another client or redirect URI.',
    action: 'Sign in again.',
  },
  login_required: {
    title: 'You need to sign in',
    detail: 'The identity provider has no session for you.',
    action: 'Sign in.',
  },
  interaction_required: {
    title: 'The identity provider needs you',
    detail: 'It cannot finish without showing you a page.',
    action: 'Sign in.',
  },
  consent_required: {
    title: 'Consent is needed',
    detail: 'The identity provider needs you to consent before it issues a token.',
    action: 'Sign in.',
  },
  server_error: {
    title: 'The identity provider failed',
    detail: 'It had an internal error while handling the sign-in.',
    action: 'Try again in a moment.',
  },
  slow_down: {
    title: 'The identity provider asked to slow down',
    detail: 'It is receiving too many requests from this client (slow_down).',
    action: 'Wait: the page tries again by itself, less often each time.',
  },
  temporarily_unavailable: {
    title: 'The identity provider is busy',
    detail: 'It is temporarily unable to handle the sign-in.',
    action: 'Try again in a moment.',
  },
};

export { isNetworkFailure };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `raw` itself or the error it wraps (react-oidc-context keeps the library's as `innerError`), when of `type`. */
function found<T>(raw: unknown, type: new (...args: never[]) => T): T | undefined {
  if (raw instanceof type) return raw;
  const inner = (raw as ErrorLike | null)?.innerError;
  return inner instanceof type ? inner : undefined;
}

/** A call the page's Content-Security-Policy does not allow, in words. */
function blockedWords(origin: string, role: string): AuthProblem {
  return {
    title: `This page's Content-Security-Policy blocks ${origin}`,
    detail: `Signing in needs calls to ${role} at ${origin}, and the policy this copy of the lab was built with (connect-src) does not list that origin, so the browser would refuse them. Nothing was retried.`,
    action: `Build the app with ${origin} in VITE_ALLOWED_ORIGINS (see .env.example), or run it with npm start, where any https or loopback address is allowed.`,
    code: 'csp_blocked',
  };
}

/**
 * Turns whatever oidc-client-ts or react-oidc-context raised into words. Only the OAuth error
 * fields and known library messages are used; nothing that could hold a token is repeated.
 */
export function describeAuthError(raw: unknown, authority: string): AuthProblem {
  const blocked = found(raw, BlockedByPolicyError);
  if (blocked) return blockedWords(blocked.origin, blocked.role);
  const issuer = found(raw, ProviderIssuerError);
  if (issuer) {
    return {
      title: 'Sign-in refused: the provider names another issuer',
      detail: `The metadata at ${issuer.authority}/.well-known/openid-configuration says its issuer is ${issuer.issuer ? `"${issuer.issuer}"` : 'nothing (no issuer field)'}, not the authority entered, ${issuer.authority}. OpenID Connect Discovery requires the two to be the same; its tokens would name an issuer this page did not choose, so nothing was sent to it.`,
      action: issuer.issuer
        ? `If ${issuer.issuer} is the provider you meant, enter exactly that as the authority in the connection settings; otherwise check the address.`
        : 'Check the authority in the connection settings: it may not be an OpenID provider.',
      code: 'issuer_mismatch',
    };
  }
  if (raw instanceof IssuerMismatchError) {
    const { check } = raw;
    return {
      title: 'Sign-in refused: the answer came from another identity provider',
      detail:
        check.outcome === 'mismatch'
          ? `The authorization response says it was issued by ${check.iss}, but this sign-in was sent to ${check.expected}. That is what a mix-up attack looks like (RFC 9207): a code from one provider played into a sign-in with another, to be exchanged with this tab's PKCE verifier. No token was requested.`
          : `${check.expected} says in its metadata that it always names itself in the authorization response (iss), but this response did not. It may not have come from that provider (RFC 9207), so no token was requested.`,
      action:
        'Start a new sign-in from this page. If it happens again, check the authority in the connection settings.',
      code: 'iss_mismatch',
    };
  }
  if (raw instanceof SpentRefreshTokenError) {
    return {
      title: 'Another tab already renewed this session',
      detail:
        'A copy of this session in another tab used the refresh token first, and the provider replaced it. Sending the old one again would look like a stolen token being replayed, and the provider would end the session everywhere, so this tab did not send it.',
      action: 'Sign in again in this tab, or keep using the other tab.',
    };
  }
  if (raw instanceof ProviderHttpError) {
    const busy = raw.status === 429;
    const failing = raw.status >= 500;
    const what = busy ? ' (too many requests)' : failing ? ' (a server error)' : '';
    const said = raw.oauthError ? ` with the error "${raw.oauthError}"` : '';
    const wait = raw.retryAfterMs !== undefined ? ` and asked to wait ${Math.ceil(raw.retryAfterMs / 1000)} s` : '';
    if (!busy && !failing) {
      return {
        title: 'The identity provider refused to renew the session',
        detail: `Its token endpoint answered HTTP ${raw.status}${said}, not an OAuth error this page can read.`,
        action: 'Sign in again. If it happens again, check the connection settings.',
        code: `http_${raw.status}`,
      };
    }
    return {
      title: busy ? 'The identity provider is busy' : 'The identity provider is unavailable',
      detail: `Its token endpoint answered HTTP ${raw.status}${what}${said}${wait}. Nothing is wrong with your session or settings.`,
      action: 'Wait: the page tries again by itself, less often each time.',
      code: `http_${raw.status}`,
    };
  }
  if (raw instanceof ExpiresAtOnceError) {
    return {
      title: 'The provider issued a token that expires at once',
      detail: `The identity provider renewed the session with an access token ${raw.expiresIn === undefined ? `that had ${raw.leftS} s left when it arrived (expires_in)` : `whose expires_in is ${raw.expiresIn} s`}: it is expired, or nearly, as it arrives. Renewing again would only get another such token, so the page stopped after one attempt.`,
      action: 'Sign in again. If it happens again, check the token lifetime configured at the provider.',
      code: 'expires_in',
    };
  }
  if (raw instanceof NoRefreshTokenError) {
    return {
      title: 'There is no refresh token',
      detail: 'This session got no refresh token (offline_access was not granted), so it cannot be renewed.',
      action: 'Sign in again when the token expires.',
    };
  }
  if ((raw as ErrorLike | null)?.name === 'StrayCallback') {
    return {
      title: 'A sign-in answer in the address bar was ignored',
      detail:
        'The page was opened with an authorization response that belongs to no sign-in started in this tab (no state, or a state this tab never issued): a link someone sent, a reloaded or bookmarked callback, or a forged one. It was not exchanged for tokens, and it has been removed from the address bar.',
      action: 'Start a sign-in from this page if you meant to sign in.',
    };
  }
  const error = (raw ?? {}) as ErrorLike;
  const inner = (error.innerError ?? error) as ErrorLike;
  const code = text(inner.error) ?? text(error.error);
  if (code) {
    const known = OAUTH_ERRORS[code];
    const description = text(inner.error_description) ?? text(error.error_description);
    const base = known ?? {
      title: `The identity provider answered "${code}"`,
      detail: 'This is not an error this app knows.',
      action: 'Check the connection settings and try again.',
    };
    const requested = code === 'invalid_scope' ? (requestedIn(inner) ?? requestedIn(error)) : undefined;
    const named = requested ? refusedScopeWords(requested) : undefined;
    const detail = named ? named.detail : base.detail;
    return {
      ...base,
      ...(named ? { action: named.action } : {}),
      detail: description ? `${detail} The provider said: "${redactSecrets(description)}".` : detail,
      code,
    };
  }

  const message = text(inner.message) ?? text(error.message) ?? '';
  if (message.includes('No matching state found in storage') || message.includes('No state in response')) {
    return {
      title: 'This sign-in cannot be finished here',
      detail:
        'The page was opened with a sign-in answer this tab did not ask for: a reloaded or bookmarked callback, the back button, or a sign-in started in another tab. Its state does not match, so it was refused (this is what stops a forged callback).',
      action: 'Sign in again from this tab.',
    };
  }
  if ((inner.name ?? error.name) === 'ErrorTimeout' || message === 'Network timed out') {
    return {
      title: 'The identity provider did not answer in time',
      detail: `${authority} took too long to answer, so the request was given up. It may be overloaded, or the network slow.`,
      action: 'Wait a moment and try again: renewal tries again by itself, less often each time.',
      code: 'timeout',
    };
  }
  if (isNetworkFailure(message)) {
    let origin: string | undefined;
    try {
      origin = new URL(authority).origin;
    } catch {
      origin = undefined;
    }
    // The browser reports what its policy blocked; name that instead of listing every cause.
    const blockedOrigin = violationSince(Date.now() - 60_000, origin);
    if (blockedOrigin)
      return blockedWords(blockedOrigin, blockedOrigin === origin ? 'the identity provider' : 'the provider');
    return {
      title: 'The identity provider could not be reached',
      detail: `The browser could not get an answer from ${authority}: it is down, the address is wrong, you are offline, or it does not allow calls from this page's origin (CORS). The browser console says which.`,
      action: 'Check the authority in the connection settings and your connection, then try again.',
    };
  }
  if (
    message.startsWith('The browser blocked the sign-in window') ||
    message.startsWith('The sign-in window was closed')
  ) {
    return {
      title: 'The sign-in window did not finish',
      detail: `${message} This browser keeps no site data, so this page signs in in a separate window to keep the PKCE verifier in memory.`,
      action: 'Sign in again, and finish signing in in the window that opens.',
    };
  }
  if (message.startsWith('Invalid response Content-Type') && !message.includes('/.well-known/openid-configuration')) {
    // A token, keys or revocation endpoint answered with a page instead of JSON: an outage or a
    // proxy's error page, not a wrong authority (its metadata was JSON, or nothing would have run).
    return {
      title: 'The identity provider answered with an error page',
      detail: `${authority} answered with a web page instead of JSON: it is probably down or overloaded for a moment.`,
      action: 'Wait a moment and try again.',
    };
  }
  if (message.startsWith('Invalid response Content-Type')) {
    return {
      title: 'The authority does not look like an identity provider',
      detail: `${authority} did not answer its /.well-known/openid-configuration with JSON.`,
      action: 'Check the authority in the connection settings.',
    };
  }
  return {
    title: 'Sign-in failed',
    detail: message
      ? `The sign-in library reported: ${redactSecrets(message)}`
      : 'The sign-in library reported an error without a message.',
    action: 'Try again; if it keeps happening, check the connection settings.',
  };
}
