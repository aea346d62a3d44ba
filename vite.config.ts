/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { cspPlugin, securityHeaders } from './scripts/csp.ts';

// The app is served from http://localhost:3000: the redirect URI registered with the sandbox and
// the default of Seequent's own SDKs. `localhost`, not 127.0.0.1, because redirect URIs must match.
export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  return {
    // Where the app is hosted: '/' by default, or a sub-path such as '/lab/' (APP_BASE), for one
    // copy served to a workshop room. Redirect and post-logout URIs follow it.
    base: process.env.APP_BASE ?? '/',
    plugins: [react(), cspPlugin(env)],
    server: {
      port: 3000,
      strictPort: true,
      host: 'localhost',
      headers: { 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' },
    },
    preview: { port: 4173, strictPort: true, host: 'localhost', headers: securityHeaders(env) },
    build: { target: 'es2022', sourcemap: true },
    test: {
      include: ['src/**/*.test.{ts,tsx}', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts'],
      environment: 'node',
      reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
    },
  };
});
