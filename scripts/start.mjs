#!/usr/bin/env node
// `npm start`: the local sandbox (IMS twin + Evo twin), the Web app's BFF (server/, on its SQLite
// session store) and the app's dev server, together.
// Ctrl-C stops both and frees their ports. Each child is the real `node` process, not a wrapper,
// so killing it really frees the port.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const APP_URL = 'http://localhost:3000/';

const children = [];
let stopping = false;

function run(name, args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = (stream, out) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) out.write(`${name.padEnd(7)} │ ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping everything.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, 3000);
  force.unref();
  Promise.all(
    children.map((child) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)))),
  ).then(() => process.exit(code));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The Web app's BFF keeps its sessions in node:sqlite (Node 22.13+) unless BFF_SESSION_STORE names
// Redis. On an older Node the SPA still runs: say so once instead of stopping everything.
const bffCanRun =
  Boolean(process.env.BFF_SESSION_STORE) || (await import('node:sqlite').then(() => true, () => false));
run('sandbox', ['--import', 'tsx', 'sandbox/main.ts']);
if (bffCanRun) run('bff', ['--import', 'tsx', 'server/main.ts']);
else {
  console.error(
    `bff     │ Not started: Node ${process.versions.node} has no node:sqlite (Node 22.13 or later has it). ` +
      'The SPA runs; the Web app mode will say its backend did not answer. Use Node 24 (see .ci/run), or set ' +
      'BFF_SESSION_STORE=redis://… to keep sessions in Redis.',
  );
}
run('app', [viteBin, '--strictPort']);

// Say where to go once the app answers.
const started = Date.now();
let ready = false;
const poll = setInterval(async () => {
  try {
    // Through the dev server's proxy: ready once the app and the BFF both answer.
    const [app, bff] = await Promise.all([
      fetch(APP_URL),
      bffCanRun ? fetch(`${APP_URL}bff/health`) : Promise.resolve({ ok: true }),
    ]);
    if (app.ok && bff.ok && !ready) {
      ready = true; // two polls in flight may both see it ready: say it once
      clearInterval(poll);
      console.log(`\n  Evo Sign-in Lab is ready: open ${APP_URL}`);
      console.log('  Sign in with ada@example.com / sandbox. Press Ctrl-C to stop.\n');
    }
  } catch {
    if (Date.now() - started > 60_000) clearInterval(poll);
  }
}, 300);
