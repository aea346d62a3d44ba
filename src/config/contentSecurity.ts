/**
 * What this page's own Content-Security-Policy lets the browser call. The policy is written into
 * index.html when the app is built (scripts/csp.ts): in development it allows any loopback or
 * https origin; a built copy allows only the origins it was built with. Reading it here lets the
 * settings form say, before saving, that a provider cannot be reached from this copy, and lets a
 * failed call say that the policy blocked it instead of guessing among five causes.
 */

/** The `connect-src` source list of a policy (or `default-src` when it has none). */
export function connectSources(policy: string): string[] | undefined {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives.get('connect-src') ?? directives.get('default-src');
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

function portOf(url: URL): string {
  return url.port || DEFAULT_PORTS[url.protocol] || '';
}

/** Whether one CSP source expression (CSP Level 3 §6.7.2) matches `url`, for a page at `self`. */
function sourceMatches(source: string, url: URL, self: URL): boolean {
  const lower = source.toLowerCase();
  if (lower === "'none'") return false;
  if (lower === "'self'") return url.origin === self.origin;
  if (lower === '*') return ['http:', 'https:', 'ws:', 'wss:', self.protocol].includes(url.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) {
    // A scheme source; http: also allows https:, and ws: allows wss: (secure upgrades).
    return (
      lower === url.protocol ||
      (lower === 'http:' && url.protocol === 'https:') ||
      (lower === 'ws:' && url.protocol === 'wss:')
    );
  }
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^:/]+|\[[0-9a-f:.]+\])(?::(\*|\d+))?(\/.*)?$/.exec(lower);
  if (!match) return false;
  const [, scheme, host, port, path] = match as unknown as [
    string,
    string | undefined,
    string,
    string | undefined,
    string | undefined,
  ];
  if (scheme) {
    const allowed =
      scheme === url.protocol.slice(0, -1) ||
      (scheme === 'http' && url.protocol === 'https:') ||
      (scheme === 'ws' && url.protocol === 'wss:');
    if (!allowed) return false;
  } else if (!(url.protocol === self.protocol || (self.protocol === 'http:' && url.protocol === 'https:'))) {
    return false;
  }
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    if (!hostname.endsWith(host.slice(1))) return false;
  } else if (host !== '*' && host !== hostname) {
    return false;
  }
  if (port !== '*') {
    const wanted = port ?? DEFAULT_PORTS[scheme ? `${scheme}:` : url.protocol] ?? '';
    const actual = portOf(url);
    // A source's default port of http (80) also allows https's (443), as a secure upgrade.
    if (wanted !== actual && !(port === undefined && wanted === '80' && actual === '443')) return false;
  }
  if (path && path !== '/') {
    const wantedPath = decodeURIComponent(path);
    const actualPath = decodeURIComponent(url.pathname);
    return wantedPath.endsWith('/') ? actualPath.startsWith(wantedPath) : actualPath === wantedPath;
  }
  return true;
}

/** Whether a policy with these `connect-src` sources lets a page at `self` call `url`. */
export function connectAllowed(url: string, sources: readonly string[] | undefined, self: string): boolean {
  if (sources === undefined) return true;
  let target: URL;
  let page: URL;
  try {
    target = new URL(url);
    page = new URL(self);
  } catch {
    return true;
  }
  return sources.some((source) => sourceMatches(source, target, page));
}

let pageSources: string[] | undefined | null = null;

/** The `connect-src` of the policies in this page's `<meta>` tags; undefined outside a browser. */
export function pageConnectSources(): string[] | undefined {
  if (pageSources !== null) return pageSources;
  if (typeof document === 'undefined') return undefined;
  const metas = document.querySelectorAll<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy" i]');
  const lists = [...metas].map((meta) => connectSources(meta.content)).filter((list) => list !== undefined);
  // Several policies all apply; this page has one, so the first list speaks for it.
  pageSources = lists[0];
  return pageSources;
}

/**
 * Why this page may not call `url`, in words a person can act on; undefined when it may. Says how
 * to allow it: a copy built with the origin in `VITE_ALLOWED_ORIGINS`, or the development server,
 * which allows any loopback or https origin.
 */
export function blockedByPolicy(url: string, sources = pageConnectSources()): string | undefined {
  if (typeof location === 'undefined' || connectAllowed(url, sources, location.href)) return undefined;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  return `This copy of the lab cannot call ${origin}: its Content-Security-Policy (connect-src) does not list it, so the browser would block every request. To allow it, build the app with ${origin} in VITE_ALLOWED_ORIGINS (or run it with npm start, where any https address and http://localhost or http://127.0.0.1 are allowed; an IPv6 address such as [::1] cannot be listed in a policy, so use 127.0.0.1).`;
}

interface Violation {
  origin: string;
  directive: string;
  at: number;
}

const violations: Violation[] = [];

/**
 * Records the browser's own reports of calls this page's policy blocked (`securitypolicyviolation`),
 * so that a failed call can name the policy as the cause. Installed once, at the entry.
 */
export function recordPolicyViolations(): void {
  if (typeof document === 'undefined') return;
  document.addEventListener('securitypolicyviolation', (event) => {
    let origin: string;
    try {
      origin = new URL(event.blockedURI).origin;
    } catch {
      // 'inline', 'eval' and the like: not a network call.
      return;
    }
    violations.push({ origin, directive: event.effectiveDirective, at: Date.now() });
    if (violations.length > 20) violations.shift();
  });
}

/**
 * The origin of a call the policy blocked since `since` (ms since the epoch): `origin` itself when
 * it was among them, otherwise the latest one (a provider's token endpoint may live elsewhere).
 */
export function violationSince(since: number, origin?: string): string | undefined {
  const recent = violations.filter((violation) => violation.at >= since && violation.directive === 'connect-src');
  return (recent.find((violation) => violation.origin === origin) ?? recent.at(-1))?.origin;
}

/** A call this page's policy does not allow, refused before it is made (or named after the browser blocked it). */
export class BlockedByPolicyError extends Error {
  override readonly name = 'BlockedByPolicyError';
  constructor(
    /** The origin the policy does not list. */
    readonly origin: string,
    /** What that origin was for: "the identity provider", "its token endpoint", … */
    readonly role: string,
  ) {
    super(`This page's Content-Security-Policy does not allow calls to ${origin}.`);
  }
}
