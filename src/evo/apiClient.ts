import * as z from 'zod/mini';
import { describeIssues } from './evoSchemas.ts';
import { EvoApiError, kindForStatus, parseBearerChallenge, parseRetryAfter } from './evoApiError.ts';

/** How long one Evo call may take before it is reported as a timeout. */
export const TIMEOUT_MS = 15_000;

function endpointOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

async function problemOf(response: Response): Promise<{ title?: string; detail?: string }> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return {};
    const { title, detail } = body as Record<string, unknown>;
    return {
      title: typeof title === 'string' ? title : undefined,
      detail: typeof detail === 'string' ? detail : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * GETs an Evo API with the bearer token and returns its JSON body checked against `schema`.
 * Every failure becomes an {@link EvoApiError} that says what went wrong without the token.
 */
export async function evoGet<T>(
  url: string,
  accessToken: string,
  schema: z.core.$ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  return (await evoGetWithBody(url, accessToken, schema, signal)).data;
}

/** Like {@link evoGet}, also returning the body exactly as the API sent it, for showing raw. */
export async function evoGetWithBody<T>(
  url: string,
  accessToken: string,
  schema: z.core.$ZodType<T>,
  signal?: AbortSignal,
): Promise<{ data: T; body: unknown }> {
  const endpoint = endpointOf(url);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      signal: combined,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.signal.aborted) {
      throw new EvoApiError('timeout', `No answer from ${endpoint} in ${TIMEOUT_MS / 1000} s.`, { endpoint });
    }
    throw new EvoApiError('network', `No answer from ${endpoint}.`, { endpoint });
  } finally {
    clearTimeout(timer);
  }

  if (!response.ok) {
    const { title, detail } = await problemOf(response);
    const status = response.status;
    throw new EvoApiError(kindForStatus(status), `${endpoint} answered ${status}${title ? ` ${title}` : ''}.`, {
      status,
      title,
      detail,
      challenge: parseBearerChallenge(response.headers.get('WWW-Authenticate')),
      retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
      endpoint,
    });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new EvoApiError('bad-response', 'The body is not JSON.', { status: response.status, endpoint });
  }
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) {
    const { field, message } = describeIssues(parsed.error);
    throw new EvoApiError('bad-response', `At ${field}: ${message}.`, { status: response.status, field, endpoint });
  }
  return { data: parsed.data, body };
}
