// The sandbox's lint: the viewer's TypeScript rules (../eslint.config.js), for a
// Node program, plus the one boundary it keeps with the viewer.
import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SANDBOX = import.meta.dirname;
const VIEWER_CORE = resolve(SANDBOX, '../src') + sep;

/**
 * The sandbox may import the viewer's framework-free core (src/: NHS number
 * rules, DPoP, access outcomes, the record model) so both sides keep one home
 * for each fact, and nothing else of the repository: not components/, launch/
 * or lib/ (the viewer's UI), nor bench/, e2e/ or scripts/, which import the
 * sandbox. The viewer never imports the sandbox (../eslint.config.js).
 */
const onlyTheViewersCore = {
  meta: {
    type: 'problem',
    docs: { description: "Relative imports stay in sandbox/ or reach the viewer's src/." },
    messages: { outside: "The sandbox imports only the viewer's src/, not {{target}}." },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const specifier = node.source?.type === 'Literal' ? node.source.value : undefined;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolve(dirname(context.filename), specifier);
      if (!relative(SANDBOX, target).startsWith('..') || target.startsWith(VIEWER_CORE)) return;
      context.report({ node: node.source, messageId: 'outside', data: { target: relative(resolve(SANDBOX, '..'), target) } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: SANDBOX },
    },
    plugins: { sandbox: { rules: { 'only-the-viewers-core': onlyTheViewersCore } } },
    rules: {
      'sandbox/only-the-viewers-core': 'error',
      // As the viewer's (../eslint.config.js).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-aware: a promise is awaited, returned or marked `void`, never dropped.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  // Plain JavaScript (this file, the community host's page script) is outside the TypeScript project.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Served to the browser by the community host (hosts/community.ts), not run by Node.
  { files: ['hosts/community-app.js'], languageOptions: { globals: globals.browser } },
);
