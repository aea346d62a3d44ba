import * as z from 'zod/mini';
import { describeIssues } from './discoverySchemas.ts';
import { EvoApiError, kindForStatus, parseBearerChallenge, parseRetryAfter } from './evoApiError.ts';
import { sendWithBearer, TIMEOUT_MS, type BearerCredential, type Exchange } from '../http/index.ts';

export { TIMEOUT_MS };

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
 * GETs an Evo API with the bearer token (through the door, src/http/) and returns its JSON body checked against `schema`.
 * Every failure becomes an {@link EvoApiError} that says what went wrong without the token.
 */
export async function evoGet<T>(
  url: string,
  credential: BearerCredential,
  schema: z.core.$ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  return (await evoGetWithBody(url, credential, schema, signal)).data;
}

/**
 * Like {@link evoGet}, also returning the body exactly as the API sent it, for showing raw.
 * `started` is the same request already under way (see earlyDiscovery.ts), read instead of a new one.
 */
export async function evoGetWithBody<T>(
  url: string,
  credential: BearerCredential,
  schema: z.core.$ZodType<T>,
  signal?: AbortSignal,
  started?: Promise<Exchange>,
): Promise<{ data: T; body: unknown }> {
  const exchange = await (started ?? sendWithBearer(credential, url, { signal }));
  if ('failure' in exchange) {
    if (exchange.failure === 'aborted') throw exchange.error;
    if (exchange.failure === 'blocked-by-policy' || exchange.failure === 'refused-host') {
      throw new EvoApiError(exchange.failure, exchange.error, { endpoint: exchange.endpoint, detail: exchange.error });
    }
    if (exchange.failure === 'redirected') {
      throw new EvoApiError('redirected', exchange.error, { endpoint: exchange.endpoint, detail: exchange.error });
    }
    const endpoint = endpointOf(url);
    if (exchange.failure === 'timeout') {
      throw new EvoApiError('timeout', `No answer from ${endpoint} in ${TIMEOUT_MS / 1000} s.`, { endpoint });
    }
    throw new EvoApiError('network', `No answer from ${endpoint}.`, { endpoint });
  }
  const { response } = exchange;
  const endpoint = endpointOf(url);

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
