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
    //   ui, config  ->  settings, token (models)  ->  auth (the session)  ->  evo, walkthrough (features)  ->  app
    // Features never import app/; auth/ imports no feature (they subscribe to its events); ui/
    // imports nothing of ours; and no module reaches itself through a cycle.
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
              target: ['./src/settings', './src/token', './src/auth', './src/evo', './src/walkthrough'],
              from: './src/console',
              except: ['./exchangeLog.ts'],
              message:
                'The console is a feature, loaded on demand; only its exchange log (which imports nothing of ours) sits below the features, recording where requests are made.',
            },
            {
              target: './src/console/exchangeLog.ts',
              from: './src',
              except: ['./console/exchangeLog.ts'],
              message: 'The exchange log is imported by the session and the Evo client: it imports nothing of ours.',
            },
          ],
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
