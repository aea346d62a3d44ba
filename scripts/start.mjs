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

run('sandbox', ['--import', 'tsx', 'sandbox/main.ts']);
run('bff', ['--import', 'tsx', 'server/main.ts']);
run('app', [viteBin, '--strictPort']);

// Say where to go once the app answers.
const started = Date.now();
const poll = setInterval(async () => {
  try {
    // Through the dev server's proxy: ready once the app and the BFF both answer.
    const [app, bff] = await Promise.all([fetch(APP_URL), fetch(`${APP_URL}bff/health`)]);
    if (app.ok && bff.ok) {
      clearInterval(poll);
      console.log(`\n  Evo Sign-in Lab is ready: open ${APP_URL}`);
      console.log('  Sign in with ada@example.com / sandbox. Press Ctrl-C to stop.\n');
    }
  } catch {
    if (Date.now() - started > 60_000) clearInterval(poll);
  }
}, 300);
