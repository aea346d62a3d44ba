const JWT_LIKE = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,3}/g;
const LONG_OPAQUE = /\b[A-Za-z0-9_-]{32,}\b/g;

/**
 * Removes anything in a message that could be a token, code or verifier (JWTs and long opaque
 * strings), for showing library and server messages that were not written for this app.
 */
export function redactSecrets(message: string): string {
  return message.replace(JWT_LIKE, '[token removed]').replace(LONG_OPAQUE, '[value removed]');
}
