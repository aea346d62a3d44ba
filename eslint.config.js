// @ts-check
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import importX from 'eslint-plugin-import-x';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results', 'docs/images'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
    },
  },
  {
    // The house, one way up (README "Architecture"):
    //   ui, config  ->  http (the door)  ->  settings, token (models)  ->  auth (the session)
    //   ->  evo, walkthrough, console (features)  ->  app
    // Features never import app/; auth/ imports no feature (they subscribe to its events); ui/
    // imports nothing of ours; http/ imports only config/, and everyone else reaches it through
    // src/http/index.ts; no module reaches itself through a cycle. No exceptions.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/ui',
              from: './src',
              except: ['./ui'],
              message: 'ui/ is shared: it imports nothing of ours.',
            },
            {
              target: './src/config',
              from: './src',
              except: ['./config'],
              message: 'config/ is the base: it imports nothing of ours.',
            },
            {
              target: ['./src/settings', './src/token'],
              from: ['./src/auth', './src/evo', './src/walkthrough', './src/app'],
              message: 'settings/ and token/ are models: they import no session, feature or shell.',
            },
            {
              target: './src/auth',
              from: ['./src/evo', './src/walkthrough', './src/app'],
              message: 'auth/ imports no feature: features subscribe to its events (auth/sessionEvents.ts).',
            },
            {
              target: ['./src/evo', './src/walkthrough'],
              from: './src/app',
              message: 'Features never import the app shell.',
            },
            {
              target: './src/evo',
              from: './src/walkthrough',
              message: 'Features do not import each other.',
            },
            {
              target: './src/walkthrough',
              from: './src/evo',
              message: 'Features do not import each other.',
            },
            {
              target: ['./src/settings', './src/token', './src/auth', './src/evo', './src/walkthrough', './src/http'],
              from: './src/console',
              message: 'The console is a feature, loaded on demand: nothing below the shell imports it.',
            },
            {
              target: [
                './src/settings',
                './src/token',
                './src/auth',
                './src/evo',
                './src/walkthrough',
                './src/console',
                './src/http',
                './src/export',
              ],
              from: './src/bff',
              message: 'bff/ is the Web app mode’s page, beside the shell: nothing below the shell imports it.',
            },
            {
              target: './src/bff',
              from: './src/app',
              message: 'bff/ never imports the app shell.',
            },
            {
              target: './src/export',
              from: './src',
              except: ['./export', './config/endpoints.ts'],
              message:
                'export/ is pure and Node-safe (the CLI runs it too): it imports only the endpoint list, no DOM, React or session.',
            },
            {
              target: './src/http',
              from: './src',
              except: ['./http', './config'],
              message:
                'http/ (the door every request goes through) sits below auth/ and every feature: it imports only config/.',
            },
            {
              target: [
                './src/app',
                './src/auth',
                './src/bff',
                './src/config',
                './src/console',
                './src/evo',
                './src/settings',
                './src/token',
                './src/ui',
                './src/walkthrough',
                './src/boot.ts',
                './src/main.tsx',
              ],
              from: './src/http',
              except: ['./index.ts'],
              message: 'Reach the door through src/http/index.ts: its internals (the held tokens) stay inside http/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox runs in Node: of the app's code it imports only the catalogue (Node-safe).
    files: ['sandbox/**/*.ts'],
    ignores: ['sandbox/**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx'] } } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './sandbox',
              from: './src',
              except: ['./config/catalogue.ts'],
              message: 'The sandbox imports only src/config/catalogue.ts (Node-safe, no DOM) of the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // The BFF runs in Node: of the app's code it imports only the page's host policy (Node-safe).
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx'] } } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './server',
              from: './src',
              except: ['./http/hostPolicy.ts'],
              message: 'server/ imports only src/http/hostPolicy.ts (Node-safe) of the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI runs in Node: from src/ it imports only the pure, DOM-free modules listed here (each
    // imports nothing of ours), never the browser's request layer, session or pages.
    files: ['cli/**/*.ts'],
    ignores: ['cli/**/*.test.ts', 'cli/testSupport.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx'] } } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './cli',
              from: './src',
              except: [
                './config/catalogue.ts',
                './config/environments.ts',
                './token/tokenScopes.ts',
                './export',
                './config/endpoints.ts',
              ],
              message: 'cli/ runs in Node: it may import only the Node-safe src/ modules listed in eslint.config.js.',
            },
            {
              target: './cli',
              from: ['./sandbox', './scripts', './e2e', './bench'],
              message: 'cli/ ships on its own: the sandbox, scripts and tests are not part of it.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'oidc-client-ts', 'react-oidc-context', '@tanstack/react-query'].map(
            (name) => ({ name, message: 'cli/ runs in Node: no browser libraries.' }),
          ),
        },
      ],
    },
  },
  {
    files: [
      'sandbox/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'cli/**/*.ts',
      'server/**/*.ts',
      'bin/**/*.mjs',
      '*.config.{js,ts}',
      'playwright.config.ts',
    ],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['e2e/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    languageOptions: { globals: globals.node },
  },
);
