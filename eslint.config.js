import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-sourcemaps/',
      '.serve/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
      // A package of its own, linted by its own config (sandbox/eslint.config.js).
      'sandbox/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-aware: a promise is awaited, returned or marked `void`, never dropped.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  // Plain JavaScript (configs, scripts) is outside the TypeScript project.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // The elements: Lit templates and bindings, custom-element habits, accessibility of templates.
  { files: ['components/**/*.ts', 'launch/**/*.ts'], ...lit.configs['flat/recommended'] },
  { files: ['components/**/*.ts', 'launch/**/*.ts'], ...wc.configs['flat/recommended'] },
  { files: ['components/**/*.ts', 'launch/**/*.ts'], ...litA11y.configs.recommended },
  {
    // The core is framework-free: no Lit, no components, no pages (and no DOM library:
    // tsconfig.src.json type-checks src/ without one).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*', '@lit-labs/*'], message: 'src/ is framework-free: no Lit.' },
            // Files sit one folder deep in src/, so the top-level folders are two or more levels up (src/launch-context is fine).
            {
              regex: '^(\\.\\./){2,}(components|launch|sandbox)(/|$)',
              message: 'src/ never imports from components/, launch/ or sandbox/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every event is declared and fired in components/events.ts (typed, bubbling, composed).
    files: ['components/**/*.ts', 'launch/**/*.ts', 'lib/**/*.ts'],
    ignores: ['components/events.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='CustomEvent']",
          message: 'Declare the event in components/events.ts and fire it with fire().',
        },
      ],
    },
  },
  {
    // The viewer never imports the sandbox.
    files: ['components/**/*.ts', 'launch/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/sandbox/**'], message: 'The viewer never imports the sandbox.' }],
          // Registration is guarded (components/define.ts): a second copy of the package fails clearly.
          paths: [
            {
              name: 'lit/decorators.js',
              importNames: ['customElement'],
              message: 'Register with @defineElement from components/define.ts (guarded, cr- prefixed).',
            },
          ],
        },
      ],
    },
  },
);
