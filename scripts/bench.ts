/**
 * `npm run bench`: builds the app, a bare oidc-client-ts baseline page, the same page drawn by
 * React (the reference the timing budgets are held to), and a copy of the app without each speed
 * trick; serves them beside a sandbox on their own ports; signs in with each in interleaved
 * rounds, on loopback and on an emulated slow network; drives a real-sized organisation; and
 * checks every budget of scripts/bench/budgets.ts. Exits non-zero when one is missed. Figures go
 * to bench-results/bench.json and docs/performance.json, and the README's performance table is
 * regenerated from the latter (scripts/bench/readmeTable.ts).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { BUDGETS, kB, SLOW_NETWORK } from './bench/budgets.ts';
import { gzippedSize } from './bench/firstPaint.ts';
import {
  ms,
  plusMs,
  STEPS,
  stat,
  times,
  TRICKS,
  trickVerdict,
  waterfallLines,
  withSpread,
  writeReadmeTable,
  type BenchFigures,
  type Check,
  type Stat,
  type Timings,
  type TrickName,
  type WaterfallEntry,
} from './bench/readmeTable.ts';
import { serveStatic } from './bench/staticServer.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { startHarness } from './harness.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** BENCH_TRICKS=0 leaves out the copies without each trick (a quicker run; no gains measured). */
const WITH_TRICKS = process.env.BENCH_TRICKS !== '0';
const PORTS = { ims: 3101, evo: 3102, app: 4173, baseline: 4174, reactReference: 4175, variants: 4176 };
const APP = `http://localhost:${PORTS.app}/`;
const OUT = resolve('bench-results');
const IMS = `http://127.0.0.1:${PORTS.ims}`;
const EVO = `http://127.0.0.1:${PORTS.evo}`;

interface Target {
  name: string;
  url: string;
  dist: string;
  /** A comparison page: its folder under bench/, built and served here (the harness serves the app). */
  page?: { source: string; port: number };
  /** A copy of the app built without this speed trick, served on `port`. */
  without?: { trick: TrickName; port: number };
  /** Whether the slow-network rounds sign in with it too (the pages, and a trick about the network). */
  slow: boolean;
  /** A page function that answers whether the decoded token is on screen. */
  tokenShown: () => boolean;
  discoveryShown: () => boolean;
}

const appShown = {
  tokenShown: () => document.getElementById('token-heading') !== null,
  discoveryShown: () => document.querySelector('.instance') !== null,
};

const targets: Target[] = [
  { name: 'app', url: APP, dist: join(OUT, 'app'), slow: true, ...appShown },
  {
    name: 'baseline',
    url: `http://localhost:${PORTS.baseline}/`,
    dist: join(OUT, 'baseline'),
    page: { source: 'baseline', port: PORTS.baseline },
    slow: true,
    tokenShown: () => document.querySelector('#token:not([hidden])') !== null,
    discoveryShown: () => document.querySelector('#discovery:not([hidden])') !== null,
  },
  {
    name: 'react',
    url: `http://localhost:${PORTS.reactReference}/`,
    dist: join(OUT, 'react-reference'),
    page: { source: 'react-reference', port: PORTS.reactReference },
    slow: true,
    tokenShown: () => document.getElementById('token') !== null,
    discoveryShown: () => document.getElementById('discovery') !== null,
  },
  ...(WITH_TRICKS ? TRICKS : []).map((trick, index): Target => {
    const port = PORTS.variants + index;
    return {
      name: `without ${trick.name}`,
      url: `http://localhost:${port}/`,
      dist: join(OUT, `without-${trick.name}`),
      without: { trick: trick.name, port },
      slow: 'network' in trick && trick.network,
      ...appShown,
    };
  }),
];

/**
 * The monospace stack before the font work (issue 29): four families Linux lacks before the
 * generic one. The "without font-stack" copy gets it back, to measure what the short stack buys.
 */
function longMonospaceStack(): Plugin {
  return {
    name: 'bench:long-monospace-stack',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('theme.css')) return undefined;
      const short = /--font-mono:[^;]*;/;
      if (!short.test(code)) throw new Error('theme.css has no --font-mono to lengthen');
      return code.replace(short, "--font-mono: ui-monospace, 'Cascadia Code', Menlo, Consolas, monospace;");
    },
  };
}

/**
 * Installs, before any page script runs, an observer that stamps the wall-clock time at which
 * each named condition first holds (checked on every DOM change), so timings do not depend on
 * how often the benchmark looks.
 */
async function watchMarks(page: Page, marks: Record<string, () => boolean>): Promise<void> {
  // Sent as source text: tsx names functions with a helper that does not exist in the page.
  const checks = Object.entries(marks)
    .map(([name, fn]) => `[${JSON.stringify(name)}, ${fn.toString()}]`)
    .join(',\n');
  await page.addInitScript(`(() => {
    const stamps = (window.__marks = {});
    const checks = [${checks}];
    const check = () => {
      for (const [name, holds] of checks) {
        if (stamps[name] === undefined && holds()) stamps[name] = performance.timeOrigin + performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  })();`);
}

/** The wall-clock time at which the page first met the named mark. */
async function mark(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction(
    (key) => (window as unknown as { __marks?: Record<string, number> }).__marks?.[key] ?? false,
    name,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

function signInButtonUsable(): boolean {
  return [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Sign in' && !b.disabled);
}

/**
 * The signed-out page: when its Sign in button is usable, and the JS and CSS the browser had
 * loaded by then (code it fetches later, when idle, is not first-paint code).
 */
async function firstPaint(browser: Browser, target: Target) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await watchMarks(page, { usable: signInButtonUsable });
  await page.goto(target.url);
  const usableAt = await mark(page, 'usable');
  const { navigationStart, before } = await page.evaluate((usable) => {
    const start = performance.timeOrigin;
    return {
      navigationStart: start,
      before: performance
        .getEntriesByType('resource')
        .filter((entry) => start + (entry as PerformanceResourceTiming).responseEnd <= usable)
        .map((entry) => entry.name),
    };
  }, usableAt);
  await context.close();
  const file = (url: string) => join(target.dist, new URL(url).pathname);
  const size = (ext: string) =>
    before.filter((url) => new URL(url).pathname.endsWith(ext)).reduce((sum, url) => sum + gzippedSize(file(url)), 0);
  return { buttonUsableMs: usableAt - navigationStart, js: size('.js'), css: size('.css') };
}

/** Where the callback page's time went: each span from the callback's own navigation start. */
interface Breakdown {
  tokenRequest?: [number, number];
  discoveryRequest?: [number, number];
  /** Scripts fetched after the callback page's first script: the on-demand chunks. */
  chunks?: [number, number];
  /** The app's own User Timing marks (`evo-lab:*`, see src/boot.ts), by step. */
  steps: Record<string, number>;
  discoveryShown: number;
}

/**
 * Every request the page makes, from the Chrome DevTools Protocol (which, unlike the page's own
 * resource timing, also sees CORS preflights and cross-origin redirects), with wall-clock times.
 */
function recordNetwork(events: { on: (event: string, listener: (params: never) => void) => unknown }) {
  const entries = new Map<string, WaterfallEntry & { wallOffset: number }>();
  const all: (WaterfallEntry & { wallOffset: number })[] = [];
  interface Sent {
    requestId: string;
    timestamp: number;
    wallTime: number;
    type?: string;
    request: { url: string; method: string };
  }
  events.on('Network.requestWillBeSent', (params: Sent) => {
    const previous = entries.get(params.requestId);
    // A redirect reuses the request's id: the previous hop ends here.
    if (previous && previous.end === undefined) previous.end = params.timestamp * 1000 + previous.wallOffset;
    const url = new URL(params.request.url);
    const entry = {
      // Origin and path only (a query may hold an authorization code), long ids (an interaction's)
      // shortened so the table does not change with them.
      what: `${params.request.method} ${url.origin}${url.pathname.replace(/\/[\w-]{32,}(?=\/|$)/g, '/…')}`,
      type: params.type ?? 'Other',
      start: params.wallTime * 1000,
      wallOffset: params.wallTime * 1000 - params.timestamp * 1000,
    } as WaterfallEntry & { wallOffset: number };
    entries.set(params.requestId, entry);
    all.push(entry);
  });
  events.on('Network.requestServedFromCache', (params: { requestId: string }) => {
    const entry = entries.get(params.requestId);
    if (entry) entry.cached = true;
  });
  events.on('Network.responseReceived', (params: { requestId: string; response: { fromDiskCache?: boolean } }) => {
    const entry = entries.get(params.requestId);
    if (entry && params.response.fromDiskCache) entry.cached = true;
  });
  const finish = (params: { requestId: string; timestamp: number }) => {
    const entry = entries.get(params.requestId);
    if (entry && entry.end === undefined) entry.end = params.timestamp * 1000 + entry.wallOffset;
  };
  events.on('Network.loadingFinished', finish);
  events.on('Network.loadingFailed', finish);
  /** The requests from `from` (wall-clock ms) on, times relative to it. */
  return (from: number): WaterfallEntry[] =>
    all
      .filter((entry) => entry.start >= from - 1)
      .map(({ what, type, start, end, cached }) => ({
        what,
        type,
        start: start - from,
        ...(end === undefined ? {} : { end: end - from }),
        ...(cached ? { cached } : {}),
      }));
}

interface SignInOutcome {
  /** From when the script decided to click (Playwright's actionability wait included). */
  scriptClickMs: number;
  /** From the Sign in press's own trusted click event (its `event.timeStamp`, carried across the redirect). */
  pressToTokenMs: number;
  pressToDiscoveryMs: number;
  callbackToDiscoveryMs: number;
  breakdown: Breakdown;
  requests: Request[];
  waterfall?: WaterfallEntry[];
}

async function signIn(browser: Browser, target: Target, slow = false): Promise<SignInOutcome> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let waterfall: ((from: number) => WaterfallEntry[]) | undefined;
  if (slow) {
    // Every request pays the round trip and the bandwidth, the page's and the provider's alike.
    const cdp = await context.newCDPSession(page);
    waterfall = recordNetwork(cdp as never);
    await cdp.send('Network.enable');
    const bytesPerSecond = (SLOW_NETWORK.megabitsPerSecond * 1_000_000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_NETWORK.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  await watchMarks(page, { usable: signInButtonUsable, token: target.tokenShown, discovery: target.discoveryShown });
  // From the first page on: the app fetches the provider's metadata while that page is idle, which
  // may be before its Sign in button is usable.
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  await page.goto(target.url);
  await mark(page, 'usable');
  // On a slow network a person reads the page before pressing: whatever it fetches meanwhile is in.
  if (slow) await page.waitForLoadState('networkidle');
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const tokenAt = await mark(page, 'token');
  const discoveryAt = await mark(page, 'discovery');
  // The app checks the signature after the first screen (jose loads with the check): wait for it,
  // so the JWKS request is counted too. It comes after the marks, so it changes no timing.
  if (target.name === 'app') await page.getByText('Signature valid').first().waitFor({ timeout: 20_000 });
  // The pages finish on the callback document (they tidy the URL with replaceState), so its
  // time origin is when the browser started the navigation that ended there.
  const { callbackAt, resources, marks, pressedAt } = await page.evaluate(() => ({
    callbackAt: performance.timeOrigin,
    pressedAt: (
      (performance.getEntriesByName('evo-lab:sign-in-pressed')[0] as PerformanceMark | undefined)?.detail as
        { at?: number } | undefined
    )?.at,
    marks: performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith('evo-lab:'))
      .map((entry) => [entry.name, entry.startTime] as const),
    resources: performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name,
      start: entry.startTime,
      end: (entry as PerformanceResourceTiming).responseEnd,
    })),
  }));
  await context.close();
  if (pressedAt === undefined)
    throw new Error(`${target.name}: the callback page has no evo-lab:sign-in-pressed mark to measure from`);
  const span = (match: (url: URL) => boolean): [number, number] | undefined => {
    const hits = resources.filter((entry) => match(new URL(entry.name)));
    return hits.length ? [Math.min(...hits.map((h) => h.start)), Math.max(...hits.map((h) => h.end))] : undefined;
  };
  const scripts = resources.filter((entry) => entry.name.endsWith('.js')).sort((x, y) => x.start - y.start);
  const breakdown: Breakdown = {
    tokenRequest: span((url) => url.pathname === '/connect/token'),
    discoveryRequest: span((url) => url.pathname === '/evo/identity/v2/discovery'),
    chunks:
      scripts.length > 1
        ? [Math.min(...scripts.slice(1).map((h) => h.start)), Math.max(...scripts.slice(1).map((h) => h.end))]
        : undefined,
    steps: Object.fromEntries(marks),
    discoveryShown: discoveryAt - callbackAt,
  };
  return {
    scriptClickMs: discoveryAt - clickedAt,
    pressToTokenMs: tokenAt - pressedAt,
    pressToDiscoveryMs: discoveryAt - pressedAt,
    callbackToDiscoveryMs: discoveryAt - callbackAt,
    breakdown,
    requests,
    waterfall: waterfall?.(callbackAt),
  };
}

/**
 * A real-sized organisation (the sandbox's atlas@example.com: 300 instances, 2000 workspaces in
 * one) in the built app: the longest main-thread task during each action a person takes.
 */
async function largeOrganisation(browser: Browser): Promise<Record<string, number>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Sent as source text, as in watchMarks.
  await page.addInitScript(`(() => {
    const tasks = (window.__tasks = []);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  })();`);
  /** The longest task from the action's start; an action that loads a new page counts from its start. */
  const longest = async (action: () => Promise<void>, newDocument = false): Promise<number> => {
    const from = newDocument ? 0 : await page.evaluate(() => performance.now());
    await action();
    // Let the work the action started finish and be reported.
    await page.waitForTimeout(300);
    return page.evaluate(
      (since) =>
        Math.max(
          0,
          ...(window as unknown as { __tasks: { start: number; duration: number }[] }).__tasks
            .filter((task) => task.start + task.duration >= since)
            .map((task) => task.duration),
        ),
      from,
    );
  };
  // The observer must see a task it is shown, or a 0 below would mean nothing.
  await page.goto(APP);
  const selfTest = await longest(() =>
    // A task the page itself runs (a timer), as the app's work is; DevTools' own evaluation is not one.
    page.evaluate(() => {
      setTimeout(() => {
        const start = performance.now();
        while (performance.now() - start < 80);
      }, 0);
    }),
  );
  if (selfTest < 70) throw new Error(`The long-task observer did not see an 80 ms task (saw ${selfTest} ms).`);
  const workspaces = page.getByRole('region', { name: /^Workspaces of / });
  const figures: Record<string, number> = {};
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill('atlas@example.com');
  await page.getByLabel('Password').fill('sandbox');
  figures['sign in, Discovery of 300 instances shown'] = await longest(async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.instance').first().waitFor({ timeout: 20_000 });
  }, true);
  figures['filter the instances by name'] = await longest(async () => {
    await page.getByLabel('Filter instances by name').pressSequentially('global', { delay: 30 });
    await page.locator('.instance').nth(1).waitFor({ state: 'detached' });
  });
  figures['list 2000 workspaces'] = await longest(async () => {
    await page.getByRole('button', { name: /^List workspaces of Atlas Mining - Global Exploration/ }).click();
    await workspaces.getByText('Showing 1–20 of 2000').waitFor();
  });
  figures['100 workspaces a page'] = await longest(async () => {
    await workspaces.getByLabel('Per page').selectOption('100');
    await workspaces.getByText('Showing 1–100 of 2000').waitFor();
  });
  figures['jump to the last page'] = await longest(async () => {
    await workspaces.getByLabel('Go to page').fill('20');
    await workspaces.getByRole('button', { name: 'Go', exact: true }).click();
    await workspaces.getByText('Showing 1901–2000 of 2000').waitFor();
  });
  figures['find a workspace by name'] = await longest(async () => {
    await workspaces.getByLabel('Find a workspace by name').pressSequentially('1234', { delay: 30 });
    await workspaces.getByText('Showing 1–1 of 1').waitFor();
  });
  await context.close();
  return figures;
}

function protocolRequests(requests: Request[]) {
  const kinds: Record<string, (url: URL) => boolean> = {
    metadata: (url) => url.origin === IMS && url.pathname === '/.well-known/openid-configuration',
    jwks: (url) => url.origin === IMS && url.pathname.endsWith('/jwks'),
    token: (url) => url.origin === IMS && url.pathname === '/connect/token',
    discovery: (url) => url.origin === EVO && url.pathname === '/evo/identity/v2/discovery',
  };
  const counts = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, 0])) as Record<string, number>;
  const seen = new Map<string, number>();
  for (const request of requests) {
    const url = new URL(request.url());
    for (const [kind, matches] of Object.entries(kinds)) if (matches(url)) counts[kind]!++;
    if (url.origin === IMS || url.origin === EVO) {
      const key = `${request.method()} ${url.origin}${url.pathname}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  // The login page's own form is posted once per interaction and a redirect resumes it: the
  // interaction paths are the protocol's, not repeats by the app.
  const duplicates = [...seen].filter(
    ([key, n]) => n > 1 && !key.includes('/interaction/') && !key.includes('/connect/authorize'),
  );
  return { counts, duplicates };
}

async function lighthouseScores(url: string) {
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([
    import('lighthouse'),
    import('chrome-launcher'),
  ]);
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ['performance', 'accessibility'],
      logLevel: 'error',
      output: 'json',
    });
    const categories = result?.lhr.categories;
    return {
      performance: Math.round((categories?.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
      fcpMs: result?.lhr.audits['first-contentful-paint']?.numericValue,
    };
  } finally {
    chrome.kill();
  }
}

const median = (values: number[]) => stat(values).median;

/** Each page's outcomes, round by round, on one network. */
type Rounds = Map<string, SignInOutcome[]>;

const timings = (outcomes: SignInOutcome[]): Timings => ({
  scriptClick: stat(outcomes.map((o) => o.scriptClickMs)),
  pressToToken: stat(outcomes.map((o) => o.pressToTokenMs)),
  pressToDiscovery: stat(outcomes.map((o) => o.pressToDiscoveryMs)),
  callbackToDiscovery: stat(outcomes.map((o) => o.callbackToDiscoveryMs)),
});

/** Per round, `pick` of one page combined with `pick` of another (rounds are interleaved). */
const perRound = (
  rounds: Rounds,
  a: string,
  b: string,
  pick: (o: SignInOutcome) => number,
  combine: (x: number, y: number) => number,
): Stat => stat(rounds.get(a)!.map((outcome, i) => combine(pick(outcome), pick(rounds.get(b)![i]!))));

/**
 * Signs in `runs` times with each page, in interleaved rounds after one warm-up round, rotating
 * which page goes first so none always meets a warmer sandbox.
 */
async function interleaved(browser: Browser, runs: number, slow: boolean): Promise<Rounds> {
  const pages = targets.filter((t) => !slow || t.slow);
  const rounds: Rounds = new Map(pages.map((t) => [t.name, []]));
  for (let run = -1; run < runs; run++) {
    const first = (run + pages.length) % pages.length;
    const order = [...pages.slice(first), ...pages.slice(0, first)];
    for (const target of order) {
      const outcome = await signIn(browser, target, slow);
      if (run >= 0) rounds.get(target.name)!.push(outcome);
    }
    if (run >= 0) process.stdout.write(`  round ${run + 1} of ${runs} done\n`);
  }
  return rounds;
}

/** A timing budget: met when the median is within it; noisy when the spread is wider than the margin. */
function timingCheck(
  name: string,
  figure: Stat,
  budget: number,
  unit: (value: number) => string,
  words: string,
): Check {
  const margin = Math.abs(budget - figure.median);
  const width = figure.max - figure.min;
  return {
    name,
    ok: figure.median <= budget,
    words: `${unit(figure.median)} (${unit(figure.min)} to ${unit(figure.max)}) ${words}`,
    ...(width > margin
      ? {
          noise: `the spread, ${unit === times ? times(width).replace('×', '') : ms(width)}, is wider than the margin, ${unit === times ? times(margin).replace('×', '') : ms(margin)}: the verdict is within the noise`,
        }
      : {}),
  };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  console.log('Building the app, the baseline page, the React reference and the copies without each trick…');
  const comparisons = targets.flatMap(({ url, dist, page }) => (page ? [{ url, dist, ...page }] : []));
  const variants = targets.flatMap(({ url, dist, without }) => (without ? [{ url, dist, ...without }] : []));
  const harness = await startHarness(
    join(OUT, 'app'),
    { ims: PORTS.ims, evo: PORTS.evo, app: PORTS.app },
    [...comparisons, ...variants].map((target) => target.url),
  );
  const servers: Server[] = [];
  for (const { dist, source, port } of comparisons) {
    await build({
      root: resolve('bench', source),
      configFile: false,
      envDir: resolve('.'),
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir: dist, emptyOutDir: true },
    });
    servers.push(await serveStatic(dist, port));
  }
  for (const { dist, trick, port } of variants) {
    // The same build as the app's (startHarness set its sandbox addresses), less one trick.
    if (trick === 'font-stack') delete process.env.VITE_BENCH_WITHOUT;
    else process.env.VITE_BENCH_WITHOUT = trick;
    await build({
      logLevel: 'warn',
      plugins: trick === 'font-stack' ? [longMonospaceStack()] : [],
      build: { outDir: dist, emptyOutDir: true, sourcemap: false },
    });
    delete process.env.VITE_BENCH_WITHOUT;
    servers.push(await serveStatic(dist, port));
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });

  try {
    const paint = await firstPaint(browser, targets[0]!);
    console.log(
      `Signing in ${RUNS} times with each of ${targets.length} pages, in interleaved rounds (after one warm-up round)…`,
    );
    const fast = await interleaved(browser, RUNS, false);
    console.log(
      `The same on a slow network (every request ${SLOW_NETWORK.latencyMs} ms of round trip, ${SLOW_NETWORK.megabitsPerSecond} Mbit/s)…`,
    );
    const slow = await interleaved(browser, RUNS, true);
    const breakdowns = fast.get('app')!.map((o) => o.breakdown);
    const requests = fast.get('app')![0]!.requests;
    const buttonTimes: number[] = [];
    for (let run = 0; run < 5; run++) buttonTimes.push((await firstPaint(browser, targets[0]!)).buttonUsableMs);
    console.log('Driving a real-sized organisation (300 instances, 2000 workspaces)…');
    const longTasks = await largeOrganisation(browser);
    const { counts, duplicates } = protocolRequests(requests);
    const lighthouse = await lighthouseScores(APP);

    const spanMedian = (pick: (b: Breakdown) => [number, number] | undefined): [number, number] | undefined => {
      const spans = breakdowns.map(pick).filter((span): span is [number, number] => span !== undefined);
      return spans.length ? [median(spans.map((s) => s[0])), median(spans.map((s) => s[1]))] : undefined;
    };
    /** The waterfall of the round whose press → Discovery was the median one. */
    const medianWaterfall = (name: string) => {
      const outcomes = slow.get(name)!;
      const m = median(outcomes.map((o) => o.pressToDiscoveryMs));
      const closest = [...outcomes].sort(
        (x, y) => Math.abs(x.pressToDiscoveryMs - m) - Math.abs(y.pressToDiscoveryMs - m),
      )[0]!;
      return closest.waterfall ?? [];
    };
    const press = (o: SignInOutcome) => o.pressToDiscoveryMs;
    const callback = (o: SignInOutcome) => o.callbackToDiscoveryMs;
    const minus = (x: number, y: number) => x - y;
    const figures: BenchFigures = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, Chromium ${browser.version()}`,
      firstPaint: { jsGzipBytes: paint.js, cssGzipBytes: paint.css, buttonUsableMs: median(buttonTimes) },
      allJsGzipBytes: readdirSync(join(OUT, 'app', 'assets'))
        .filter((name) => name.endsWith('.js'))
        .reduce((sum, name) => sum + gzippedSize(join(OUT, 'app', 'assets', name)), 0),
      signIn: {
        runs: RUNS,
        app: timings(fast.get('app')!),
        baseline: timings(fast.get('baseline')!),
        react: timings(fast.get('react')!),
        ratio: perRound(fast, 'app', 'react', press, (x, y) => x / y),
        callbackExtra: perRound(fast, 'app', 'react', callback, minus),
      },
      slowNetwork: {
        ...{ latencyMs: SLOW_NETWORK.latencyMs, megabitsPerSecond: SLOW_NETWORK.megabitsPerSecond },
        app: timings(slow.get('app')!),
        baseline: timings(slow.get('baseline')!),
        react: timings(slow.get('react')!),
        extra: perRound(slow, 'app', 'react', press, minus),
        waterfall: medianWaterfall('app'),
        referenceWaterfall: medianWaterfall('react'),
      },
      tricks: targets.flatMap(({ name, without, slow: alsoSlow }) =>
        without
          ? [
              {
                name: without.trick,
                what: TRICKS.find((t) => t.name === without.trick)!.what,
                pressToDiscovery: perRound(fast, name, 'app', press, minus),
                callbackToDiscovery: perRound(fast, name, 'app', callback, minus),
                ...(alsoSlow ? { slowPressToDiscovery: perRound(slow, name, 'app', press, minus) } : {}),
              },
            ]
          : [],
      ),
      callbackBreakdown: {
        tokenRequest: spanMedian((b) => b.tokenRequest),
        discoveryRequest: spanMedian((b) => b.discoveryRequest),
        chunks: spanMedian((b) => b.chunks),
        steps: Object.fromEntries(
          STEPS.flatMap(([name]) => {
            const times = breakdowns.map((b) => b.steps[name]).filter((t): t is number => t !== undefined);
            return times.length ? [[name, median(times)]] : [];
          }),
        ),
        discoveryShown: median(breakdowns.map((b) => b.discoveryShown)),
      },
      longTasks,
      requestsPerSignIn: counts,
      duplicateRequests: duplicates.map(([key, n]) => `${key} ×${n}`),
      lighthouse,
      budgets: BUDGETS,
      checks: [],
    };

    const s = figures.signIn;
    const n = figures.slowNetwork;
    const worstTask = Math.max(0, ...Object.values(longTasks));
    const checks: Check[] = [
      {
        name: 'first-paint JS',
        ok: paint.js <= BUDGETS.firstPaintJsKb * 1000,
        words: `${kB(paint.js)} ≤ ${BUDGETS.firstPaintJsKb} kB`,
      },
      timingCheck(
        'press → Discovery',
        s.ratio,
        BUDGETS.discoveryRatio,
        times,
        `≤ ${BUDGETS.discoveryRatio}× reference`,
      ),
      timingCheck(
        'callback → Discovery',
        s.callbackExtra,
        BUDGETS.callbackExtraMs,
        plusMs,
        `≤ reference +${BUDGETS.callbackExtraMs} ms`,
      ),
      timingCheck(
        'slow network: press → Discovery',
        n.extra,
        BUDGETS.latencyExtraMs,
        plusMs,
        `≤ reference +${BUDGETS.latencyExtraMs} ms`,
      ),
      {
        name: 'longest task, large organisation',
        ok: worstTask <= BUDGETS.longTaskMs,
        words: `${worstTask > 0 ? `${Math.round(worstTask)} ms` : 'none of 50 ms or more'} ≤ ${BUDGETS.longTaskMs} ms`,
      },
      {
        name: 'Lighthouse performance',
        ok: lighthouse.performance >= BUDGETS.lighthouseScore,
        words: `${lighthouse.performance} ≥ ${BUDGETS.lighthouseScore}`,
      },
      {
        name: 'Lighthouse accessibility',
        ok: lighthouse.accessibility >= BUDGETS.lighthouseScore,
        words: `${lighthouse.accessibility} ≥ ${BUDGETS.lighthouseScore}`,
      },
      {
        name: 'one request of each kind per sign-in',
        ok: duplicates.length === 0 && Object.values(counts).every((count) => count === 1),
        words: duplicates.length
          ? figures.duplicateRequests.join(', ')
          : Object.entries(counts)
              .map(([kind, count]) => `${kind} ${count}`)
              .join(', '),
      },
    ];
    figures.checks = checks;
    figures.missed = checks.filter(({ ok }) => !ok).map(({ name }) => name);
    writeFileSync(join(OUT, 'bench.json'), `${JSON.stringify(figures, null, 2)}\n`);

    const at = (span: [number, number] | undefined) => (span ? `${ms(span[0])} → ${ms(span[1])}` : 'not seen');
    const b = figures.callbackBreakdown;
    // Steps and requests in the order they started; anything not seen goes last.
    const timeline: [number, string][] = [
      ...STEPS.map(([name, label]): [number, string] => {
        const time = b.steps?.[name];
        return [time ?? Infinity, `${label.padEnd(24)} ${time === undefined ? 'not seen' : ms(time)}`];
      }),
      [b.chunks?.[0] ?? Infinity, `${'on-demand chunks'.padEnd(24)} ${at(b.chunks)}`],
      [b.tokenRequest?.[0] ?? Infinity, `${'token request'.padEnd(24)} ${at(b.tokenRequest)}`],
      [b.discoveryRequest?.[0] ?? Infinity, `${'Discovery request'.padEnd(24)} ${at(b.discoveryRequest)}`],
      [b.discoveryShown, `${'Discovery shown'.padEnd(24)} ${ms(b.discoveryShown)}`],
    ];
    timeline.sort(([x], [y]) => (x === y ? 0 : x < y ? -1 : 1));
    const row = (label: string, pick: (t: Timings) => Stat, on: { app: Timings; react: Timings; baseline: Timings }) =>
      `  ${label.padEnd(34)} ${withSpread(pick(on.app)).padEnd(24)} ${withSpread(pick(on.react)).padEnd(24)} ${withSpread(pick(on.baseline))}`;
    const header = `  ${''.padEnd(34)} ${'app'.padEnd(24)} ${'React reference'.padEnd(24)} bare baseline`;
    const lines = [
      `Evo Sign-in Lab benchmark — ${figures.date.slice(0, 16).replace('T', ' ')} UTC, ${figures.machine}`,
      '',
      'First paint (signed-out page, built app; kB = 1000 bytes, gzipped)',
      `  JS loaded              ${kB(paint.js)}`,
      `  CSS loaded             ${kB(paint.css)}`,
      `  all JS in the build    ${kB(figures.allJsGzipBytes)}`,
      `  navigation → Sign in button usable   ${ms(figures.firstPaint.buttonUsableMs)} (median of 5, empty cache)`,
      '',
      `Sign-in on loopback: median (min to max) of ${RUNS} interleaved rounds; the scripted login form is included`,
      header,
      row('press → Discovery shown', (t) => t.pressToDiscovery, s),
      row('script click → Discovery shown', (t) => t.scriptClick, s),
      row('press → decoded token shown', (t) => t.pressToToken, s),
      row('callback page → Discovery shown', (t) => t.callbackToDiscovery, s),
      `  app ÷ reference, press → Discovery: ${withSpread(s.ratio, times)}; app − reference, callback → Discovery: ${withSpread(s.callbackExtra, plusMs)}`,
      "  where the app's callback time goes (medians, from the callback navigation's start;",
      "  the steps are the app's own evo-lab:* marks, which a browser's performance panel shows too)",
      ...timeline.map(([, line]) => `    ${line}`),
      '',
      `Sign-in on a slow network: every request ${n.latencyMs} ms of round trip, ${n.megabitsPerSecond} Mbit/s (DevTools network emulation)`,
      header,
      row('press → Discovery shown', (t) => t.pressToDiscovery, n),
      row('callback page → Discovery shown', (t) => t.callbackToDiscovery, n),
      `  app − reference, press → Discovery: ${withSpread(n.extra, plusMs)}`,
      "  the app's callback page, round with the median press → Discovery (ms from the navigation's start):",
      ...waterfallLines(n.waterfall).map((line) => `    ${line}`),
      "  the React reference's, likewise:",
      ...waterfallLines(n.referenceWaterfall).map((line) => `    ${line}`),
      '',
      ...(figures.tricks.length
        ? [
            'Speed tricks: the copy without each − the app, per round (more is what the trick buys)',
            ...figures.tricks.flatMap((t) => [
              `  ${t.name}: ${trickVerdict(t).toUpperCase()}`,
              `    press → Discovery ${withSpread(t.pressToDiscovery, plusMs)}; callback → Discovery ${withSpread(t.callbackToDiscovery, plusMs)}${t.slowPressToDiscovery ? `; slow network ${withSpread(t.slowPressToDiscovery, plusMs)}` : ''}`,
            ]),
            '',
          ]
        : []),
      'Real-sized organisation (300 instances, 2000 workspaces): longest main-thread task (self-tested observer)',
      // The browser reports tasks of 50 ms or more only: 0 means none that long.
      ...Object.entries(longTasks).map(
        ([action, duration]) => `  ${action.padEnd(44)} ${duration > 0 ? ms(duration) : 'none of 50 ms or more'}`,
      ),
      '',
      'Requests in one sign-in (the protocol needs one of each)',
      `  metadata ${counts.metadata}   JWKS ${counts.jwks}   token ${counts.token}   Discovery ${counts.discovery}`,
      '',
      'Lighthouse (signed-out page, built app, default mobile settings)',
      `  performance ${lighthouse.performance}   accessibility ${lighthouse.accessibility}`,
      '',
      'Budgets (scripts/bench/budgets.ts; a timing budget is missed only when its median misses)',
      ...checks.flatMap(({ name, ok, words, noise }) => [
        `  ${ok ? 'ok    ' : 'MISSED'} ${name.padEnd(38)} ${words}`,
        ...(noise ? [`         ${''.padEnd(38)} ${noise}`] : []),
      ]),
    ];
    console.log(lines.join('\n'));
    if (process.env.BENCH_WRITE_DOCS !== '0') {
      writeFileSync(resolve('docs/performance.json'), `${JSON.stringify(figures, null, 2)}\n`);
      writeReadmeTable(resolve('README.md'), figures);
      console.log('\nFigures saved to bench-results/bench.json and docs/performance.json; README table regenerated.');
    }
    if (figures.missed.length > 0) {
      console.error(`\n${figures.missed.length} budget(s) missed: ${figures.missed.join(', ')}.`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await harness.close();
  }
}

await main();
