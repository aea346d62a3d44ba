/**
 * The README's performance table, generated from the benchmark's figures (docs/performance.json),
 * never typed: `npm run bench` rewrites it after each run; `tsx scripts/bench/readmeTable.ts`
 * rewrites it from the saved figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kB, type BUDGETS } from './budgets.ts';

/** The app's marks on a callback page (src/boot.ts), in the order they come, and their names here. */
export const STEPS: readonly (readonly [mark: string, label: string])[] = [
  ['evo-lab:entry-evaluated', 'entry code evaluated'],
  ['evo-lab:session-code-evaluated', 'session code evaluated'],
  ['evo-lab:token-in-hand', 'token in hand'],
  ['evo-lab:app-code-evaluated', 'app code evaluated'],
];

/**
 * The speed tricks the bench measures by building a copy of the app without each (see
 * src/config/speedTricks.ts; the font stack is put back by a build plugin in scripts/bench.ts).
 */
export const TRICKS = [
  {
    name: 'early-exchange',
    what: 'the callback page exchanges its code and asks Discovery before React has loaded (src/boot.ts, app/liveSessionModule.ts, evo/earlyDiscovery.ts)',
    /** Measured on the slow network too: it is about overlapping requests. The others are CPU work. */
    network: true,
  },
  {
    name: 'font-stack',
    what: 'a monospace stack of three names Linux lacks instead of four (ui/theme.css `--font-mono`)',
  },
] as const;
export type TrickName = (typeof TRICKS)[number]['name'];

/** A figure over the interleaved rounds: its median, its spread and every round's value. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function stat(rounds: number[]): Stat {
  const sorted = [...rounds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, rounds };
}

/** One request of the callback page, ms from the navigation that ended there. */
export interface WaterfallEntry {
  /** Method, origin and path (never the query, which may hold a code). */
  what: string;
  /** The DevTools resource type: Document, Script, Fetch, Preflight, … */
  type: string;
  start: number;
  end?: number;
  cached?: boolean;
}

/** One page's sign-in timings over the rounds. */
export interface Timings {
  /** Click → Discovery shown, from when the script decided to click. */
  scriptClick: Stat;
  /** The Sign in press's trusted click event → decoded token shown. */
  pressToToken: Stat;
  /** The Sign in press's trusted click event → Discovery shown. */
  pressToDiscovery: Stat;
  /** Callback page's navigation start → Discovery shown. */
  callbackToDiscovery: Stat;
}

/** A budget's verdict; `noise` says when the rounds' spread is wider than the margin. */
export interface Check {
  name: string;
  ok: boolean;
  words: string;
  noise?: string;
}

/**
 * Tricks taken out of the code because the bench found their gain within its noise: their
 * figures from the run that measured them (docs/performance-removed.json), so the README keeps
 * saying what each bought. Written by `tsx scripts/bench/readmeTable.ts --removed <names>`.
 */
export interface RemovedTricks {
  date: string;
  machine: string;
  runs: number;
  tricks: BenchFigures['tricks'];
}

export const REMOVED_PATH = 'docs/performance-removed.json';

export interface BenchFigures {
  date: string;
  machine: string;
  firstPaint: { jsGzipBytes: number; cssGzipBytes: number; buttonUsableMs: number };
  allJsGzipBytes: number;
  signIn: {
    runs: number;
    app: Timings;
    baseline: Timings;
    /** The baseline's page drawn by React (bench/react-reference): what the timing budgets hold to. */
    react: Timings;
    /** App over reference, press → Discovery, per round. */
    ratio: Stat;
    /** App minus reference, callback → Discovery, per round (ms). */
    callbackExtra: Stat;
  };
  slowNetwork: {
    latencyMs: number;
    megabitsPerSecond: number;
    app: Timings;
    baseline: Timings;
    react: Timings;
    /** App minus reference, press → Discovery, per round (ms). */
    extra: Stat;
    /** The app's callback page in the round whose press → Discovery was the median. */
    waterfall: WaterfallEntry[];
    referenceWaterfall: WaterfallEntry[];
  };
  /** Per trick: the copy without it minus the app, per round (ms; more is what the trick buys). */
  tricks: {
    name: string;
    what: string;
    pressToDiscovery: Stat;
    callbackToDiscovery: Stat;
    /** Only for a trick about the network (the slow rounds leave the others out, to keep the bench short). */
    slowPressToDiscovery?: Stat;
  }[];
  callbackBreakdown: {
    tokenRequest?: [number, number];
    discoveryRequest?: [number, number];
    chunks?: [number, number];
    /** The app's evo-lab:* marks on the callback page, medians. */
    steps?: Record<string, number>;
    discoveryShown: number;
  };
  longTasks: Record<string, number>;
  requestsPerSignIn: Record<string, number>;
  duplicateRequests: string[];
  lighthouse: { performance: number; accessibility: number };
  budgets: typeof BUDGETS;
  checks: Check[];
  missed?: string[];
}

const START = '<!-- performance:start (generated by npm run bench from docs/performance.json; do not edit) -->';
const END = '<!-- performance:end -->';

export const ms = (value: number) => `${Math.round(value)} ms`;
/** A difference in ms, with its sign. */
export const plusMs = (value: number) => `${value < 0 ? '−' : '+'}${Math.abs(Math.round(value))} ms`;
export const times = (value: number) => `${value.toFixed(2)}×`;
/** The median, and the spread (min–max over the rounds) beside it. */
export const withSpread = (s: Stat, unit: (value: number) => string = ms) =>
  `${unit(s.median)} (${unit(s.min)} to ${unit(s.max)})`;

/** What a trick's per-round gains say: it pays only when it helped in every round. */
export function gainVerdict(gain: Stat): 'pays' | 'costs' | 'within the noise' {
  if (gain.min > 0) return 'pays';
  if (gain.max < 0) return 'costs';
  return 'within the noise';
}

export function trickVerdict(trick: BenchFigures['tricks'][number]): string {
  const verdicts = [trick.pressToDiscovery, trick.callbackToDiscovery, trick.slowPressToDiscovery]
    .filter((gain) => gain !== undefined)
    .map(gainVerdict);
  if (verdicts.includes('pays')) return 'pays';
  if (verdicts.every((verdict) => verdict === 'costs')) return 'costs';
  return 'within the noise';
}

/** The callback page's requests, one line each: start → end, ms from the navigation's start. */
export function waterfallLines(entries: WaterfallEntry[]): string[] {
  return entries.map(
    (entry) =>
      `${ms(entry.start).padStart(7)} → ${entry.end === undefined ? '    ?' : ms(entry.end).padStart(7)}  ${entry.type.padEnd(10)} ${entry.what}${entry.cached ? ' (cache)' : ''}`,
  );
}

/** The Markdown table of one benchmark run, and of the tricks removed after an earlier one. */
export function performanceTable(f: BenchFigures, removed?: RemovedTricks): string {
  const s = f.signIn;
  const n = f.slowNetwork;
  const worst = Object.entries(f.longTasks).sort((a, b) => b[1] - a[1])[0];
  const b = f.callbackBreakdown;
  const span = (x: [number, number] | undefined) => (x ? `${ms(x[0])} → ${ms(x[1])}` : 'not seen');
  const three = (pick: (t: Timings) => Stat) =>
    `app ${withSpread(pick(s.app))}, React reference ${withSpread(pick(s.react))}, bare baseline ${withSpread(pick(s.baseline))}`;
  const check = (name: string) => f.checks.find((c) => c.name === name);
  const budgetCell = (name: string, budget: string) => {
    const c = check(name);
    return `${budget}${c ? (c.ok ? ', met' : ', **missed**') : ''}${c?.noise ? ` (${c.noise})` : ''}`;
  };
  const rows = [
    [
      'JS loaded on first paint (gzipped)',
      kB(f.firstPaint.jsGzipBytes),
      budgetCell('first-paint JS', `≤ ${f.budgets.firstPaintJsKb} kB`),
    ],
    ['CSS loaded on first paint (gzipped)', kB(f.firstPaint.cssGzipBytes), ''],
    ['All JS in the build (gzipped)', kB(f.allJsGzipBytes), ''],
    ['Navigation → Sign in button usable (empty cache, median of 5)', ms(f.firstPaint.buttonUsableMs), ''],
    [
      `Sign in pressed (its trusted click event) → Discovery shown; median (min to max) of ${s.runs} interleaved rounds, scripted login form included`,
      `${three((t) => t.pressToDiscovery)}; app ÷ reference ${withSpread(s.ratio, times)}`,
      budgetCell('press → Discovery', `≤ ${f.budgets.discoveryRatio}× reference`),
    ],
    [
      'The same from when the script decided to click (Playwright’s actionability wait included)',
      three((t) => t.scriptClick),
      '',
    ],
    ['Sign in pressed → decoded token shown', three((t) => t.pressToToken), ''],
    [
      'Callback page load → Discovery shown, measured in the page',
      `${three((t) => t.callbackToDiscovery)}; app − reference ${withSpread(s.callbackExtra, plusMs)}`,
      budgetCell('callback → Discovery', `≤ reference + ${f.budgets.callbackExtraMs} ms`),
    ],
    [
      'Of which, from the callback’s start: on-demand chunks / token request / Discovery request',
      `${span(b.chunks)} / ${span(b.tokenRequest)} / ${span(b.discoveryRequest)}`,
      '',
    ],
    [
      `Of which, the app’s steps (its \`evo-lab:*\` marks): ${[...STEPS.map(([, label]) => label), 'Discovery shown'].join(' / ')}`,
      [
        ...STEPS.map(([mark]) => {
          const time = b.steps?.[mark];
          return time === undefined ? 'not seen' : ms(time);
        }),
        ms(b.discoveryShown),
      ].join(' / '),
      '',
    ],
    [
      `Slow network (every request ${n.latencyMs} ms of round trip, ${n.megabitsPerSecond} Mbit/s): Sign in pressed → Discovery shown`,
      `${[
        `app ${withSpread(n.app.pressToDiscovery)}`,
        `React reference ${withSpread(n.react.pressToDiscovery)}`,
        `bare baseline ${withSpread(n.baseline.pressToDiscovery)}`,
      ].join(', ')}; app − reference ${withSpread(n.extra, plusMs)}`,
      budgetCell('slow network: press → Discovery', `≤ reference + ${f.budgets.latencyExtraMs} ms`),
    ],
    [
      'Slow network: callback page load → Discovery shown',
      `app ${withSpread(n.app.callbackToDiscovery)}, React reference ${withSpread(n.react.callbackToDiscovery)}, bare baseline ${withSpread(n.baseline.callbackToDiscovery)}`,
      '',
    ],
    ...f.tricks.map((t) => [
      `Trick: ${t.what}. What it buys (the copy without it − the app, per round)`,
      `press → Discovery ${withSpread(t.pressToDiscovery, plusMs)}; callback → Discovery ${withSpread(t.callbackToDiscovery, plusMs)}${t.slowPressToDiscovery ? `; slow network ${withSpread(t.slowPressToDiscovery, plusMs)}` : ''}`,
      `**${trickVerdict(t)}**`,
    ]),
    ...(removed?.tricks ?? []).map((t) => [
      `Removed trick: ${t.what}. What it bought, measured ${removed!.date.slice(0, 16).replace('T', ' ')} UTC (${removed!.runs} rounds, ${removed!.machine}) before it was removed`,
      `press → Discovery ${withSpread(t.pressToDiscovery, plusMs)}; callback → Discovery ${withSpread(t.callbackToDiscovery, plusMs)}${t.slowPressToDiscovery ? `; slow network ${withSpread(t.slowPressToDiscovery, plusMs)}` : ''}`,
      `${trickVerdict(t)}: removed`,
    ]),
    [
      'Longest main-thread task, 300 instances and 2000 workspaces (production build)',
      worst && worst[1] > 0 ? `${ms(worst[1])} (${worst[0]})` : 'none of 50 ms or more in any of the six actions',
      budgetCell('longest task, large organisation', `≤ ${f.budgets.longTaskMs} ms`),
    ],
    [
      'Requests per sign-in: metadata / JWKS / token / Discovery',
      `${['metadata', 'jwks', 'token', 'discovery'].map((k) => f.requestsPerSignIn[k] ?? 0).join(' / ')}${f.duplicateRequests.length ? `, repeated: ${f.duplicateRequests.join(', ')}` : ', none repeated'}`,
      budgetCell('one request of each kind per sign-in', '1 each'),
    ],
    [
      'Lighthouse performance / accessibility (signed-out page, default mobile settings)',
      `${f.lighthouse.performance} / ${f.lighthouse.accessibility}`,
      `≥ ${f.budgets.lighthouseScore} each`,
    ],
  ];
  const verdict = f.missed?.length ? `**Budgets missed: ${f.missed.join(', ')}.**` : 'Every budget was met.';
  return [
    `Measured ${f.date.slice(0, 16).replace('T', ' ')} UTC on ${f.machine}. ${verdict} A budget is missed only when its median misses; a trick pays only when the copy without it was slower in every round.`,
    '',
    '| What | Figure | Budget |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `The app’s callback page on the slow network, in the round with the median press → Discovery (ms from the start of the navigation that ends on it: the login form’s post, then the provider’s redirect):`,
    '',
    '```',
    ...waterfallLines(n.waterfall),
    '```',
  ].join('\n');
}

/** Replaces the table between the README's markers; fails if the markers are missing. */
export function writeReadmeTable(readmePath: string, figures: BenchFigures): void {
  const readme = readFileSync(readmePath, 'utf8');
  const removedPath = resolve(readmePath, '..', REMOVED_PATH);
  const removed = existsSync(removedPath)
    ? (JSON.parse(readFileSync(removedPath, 'utf8')) as RemovedTricks)
    : undefined;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readmePath} has no performance markers`);
  writeFileSync(
    readmePath,
    `${readme.slice(0, start + START.length)}\n${performanceTable(figures, removed)}\n${readme.slice(end)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--removed') {
  // Before removing tricks from the code: keep their figures from the last run (bench-results/bench.json).
  const names = (process.argv[3] ?? '').split(',').filter(Boolean);
  const run = JSON.parse(readFileSync(resolve('bench-results/bench.json'), 'utf8')) as BenchFigures;
  const tricks = run.tricks.filter((t) => names.includes(t.name));
  if (tricks.length !== names.length)
    throw new Error(`bench-results/bench.json has no figures for some of ${names.join(', ')}`);
  const record: RemovedTricks = { date: run.date, machine: run.machine, runs: run.signIn.runs, tricks };
  writeFileSync(resolve(REMOVED_PATH), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`${REMOVED_PATH}: the figures of ${names.join(', ')} from the run of ${run.date}`);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = JSON.parse(readFileSync(resolve('docs/performance.json'), 'utf8')) as BenchFigures;
  writeReadmeTable(resolve('README.md'), figures);
  console.log('README performance table regenerated from docs/performance.json');
}
