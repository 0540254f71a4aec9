import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-sourcemaps/', '.serve/', 'node_modules/', 'coverage/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is framework-free: no DOM libraries, no Lit, no components.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['lit', 'lit/*', '@lit/*', '@lit-labs/*'], message: 'src/ is framework-free: no Lit.' },
          // Files sit one folder deep in src/, so the top-level folders are two or more levels up (src/launch is fine).
          { regex: '^(\\.\\./){2,}(components|launch|sandbox)(/|$)', message: 'src/ never imports from components/, launch/ or sandbox/.' },
        ],
      }],
    },
  },
  {
    // Every event is declared and fired in components/events.ts (typed, bubbling, composed).
    files: ['components/**/*.ts', 'launch/**/*.ts', 'lib/**/*.ts'],
    ignores: ['components/events.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='CustomEvent']",
        message: 'Declare the event in components/events.ts and fire it with fire().',
      }],
    },
  },
  {
    // The viewer never imports the sandbox.
    files: ['components/**/*.ts', 'launch/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sandbox/**'], message: 'The viewer never imports the sandbox.' }] }],
    },
  },
);
