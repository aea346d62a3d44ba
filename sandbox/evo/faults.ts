/** The Evo twin's routes, as the fault switch names them. */
export const EVO_ROUTES = ['discovery', 'workspaces', 'objects', 'files', 'block-models'] as const;
export type EvoRoute = (typeof EVO_ROUTES)[number];

/** A failure the next calls to a route should have, for tests of how the app copes. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed' }
  | { kind: 'drop' };

interface Armed {
  route: EvoRoute | '*';
  fault: Fault;
  remaining: number;
}

/**
 * Test-only faults: armed through `POST /__sandbox/faults` when the sandbox runs with
 * SANDBOX_TEST_CONTROLS=1, and used up by the next `count` calls to the route.
 */
export class FaultSwitch {
  private armed: Armed[] = [];

  arm(route: EvoRoute | '*', fault: Fault, count: number): void {
    this.armed = this.armed.filter((entry) => entry.route !== route);
    this.armed.push({ route, fault, remaining: count });
  }

  clear(): void {
    this.armed = [];
  }

  /** The fault for this call, if one is armed; counts it as used. */
  take(route: EvoRoute): Fault | undefined {
    const entry = this.armed.find((item) => item.route === route) ?? this.armed.find((item) => item.route === '*');
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed = this.armed.filter((item) => item !== entry);
    return entry.fault;
  }
}

/** Reads a fault request body; throws a message for a bad one. */
export function parseFaultRequest(body: unknown): { route: EvoRoute | '*'; fault: Fault; count: number } {
  if (typeof body !== 'object' || body === null) throw new Error('send a JSON object');
  const { route = '*', kind, status, retryAfter, delayMs, count = 1 } = body as Record<string, unknown>;
  if (route !== '*' && !(EVO_ROUTES as readonly unknown[]).includes(route)) {
    throw new Error(`route must be * or one of ${EVO_ROUTES.join(', ')}`);
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100)
    throw new Error('count must be 1-100');
  let fault: Fault;
  if (kind === 'status' && typeof status === 'number' && status >= 400 && status <= 599) {
    fault = { kind, status, retryAfter: typeof retryAfter === 'number' ? retryAfter : undefined };
  } else if (kind === 'slow' && typeof delayMs === 'number' && delayMs >= 0 && delayMs <= 30_000) {
    fault = { kind, delayMs };
  } else if (kind === 'malformed' || kind === 'drop') {
    fault = { kind };
  } else {
    throw new Error('kind must be status (with status 400-599), slow (with delayMs), malformed or drop');
  }
  return { route: route as EvoRoute | '*', fault, count };
}
